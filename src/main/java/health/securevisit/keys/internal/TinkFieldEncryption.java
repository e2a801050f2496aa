package health.securevisit.keys.internal;

import com.google.crypto.tink.Aead;
import health.securevisit.keys.FieldBinding;
import health.securevisit.keys.FieldEncryption;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.regex.Pattern;

/**
 * {@link FieldEncryption} with Tink AES-256-GCM under the scope's data key. The associated data is
 * the length-prefixed encoding of scope, table, column and row id, so no two bindings share it.
 */
final class TinkFieldEncryption implements FieldEncryption {

    static final Pattern SCOPE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9:._@-]{0,199}");

    private final DataKeys keys;
    private final IntegrityFailures failures;

    TinkFieldEncryption(DataKeys keys, IntegrityFailures failures) {
        this.keys = keys;
        this.failures = failures;
    }

    @Override
    public byte[] encrypt(FieldBinding binding, byte[] plaintext) {
        requireScope(binding.scope());
        try {
            return keys.fieldKeyForWrite(binding.scope()).encrypt(plaintext, associatedData(binding));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("field encryption failed for " + object(binding), e);
        }
    }

    @Override
    public byte[] decrypt(FieldBinding binding, byte[] ciphertext) {
        requireScope(binding.scope());
        Aead aead;
        try {
            aead = keys.fieldKeyForRead(binding.scope());
        } catch (GeneralSecurityException e) {
            throw failures.failed(object(binding) + " (its data key is destroyed or missing)", e);
        }
        try {
            return aead.decrypt(ciphertext, associatedData(binding));
        } catch (GeneralSecurityException e) {
            throw failures.failed(object(binding), e);
        }
    }

    static void requireScope(String scope) {
        if (!SCOPE.matcher(scope).matches()) {
            throw new IllegalArgumentException("a key scope is 1-200 of A-Z a-z 0-9 : . _ @ - (got an invalid one)");
        }
    }

    /** How the object is named in errors and security events: place only, never content. */
    static String object(FieldBinding binding) {
        return "field " + binding.table() + "." + binding.column() + " of row " + binding.rowId();
    }

    static byte[] associatedData(FieldBinding binding) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String part :
                new String[] {"securevisit-field/1", binding.scope(), binding.table(), binding.column(), binding.rowId()
                }) {
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
            out.write(bytes.length >>> 24);
            out.write(bytes.length >>> 16);
            out.write(bytes.length >>> 8);
            out.write(bytes.length);
            out.writeBytes(bytes);
        }
        return out.toByteArray();
    }
}
