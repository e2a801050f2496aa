package health.securevisit.keys.internal;

import com.google.crypto.tink.Aead;
import health.securevisit.keys.FieldBinding;
import health.securevisit.keys.FieldEncryption;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.regex.Pattern;

/**
 * {@link FieldEncryption} with Tink AES-256-GCM under the scope's data key. The associated data is
 * the length-prefixed encoding of scope, table, column and row id, so no two bindings share it.
 */
final class TinkFieldEncryption implements FieldEncryption {

    static final Pattern SCOPE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9:._@-]{0,199}");

    private static final byte[] PURPOSE = utf8("securevisit-field/1");

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
        if (!isScope(scope)) {
            throw new IllegalArgumentException("a key scope is 1-200 of A-Z a-z 0-9 : . _ @ - (got an invalid one)");
        }
    }

    /**
     * Whether {@code scope} matches {@link #SCOPE}, as a plain loop: this runs for every field of every
     * PHI read (eight per chart), where the regular expression cost more than the AES-GCM decryption.
     */
    static boolean isScope(String scope) {
        int n = scope.length();
        if (n == 0 || n > 200 || !isAlphanumeric(scope.charAt(0))) {
            return false;
        }
        for (int i = 1; i < n; i++) {
            char c = scope.charAt(i);
            if (!isAlphanumeric(c) && c != ':' && c != '.' && c != '_' && c != '@' && c != '-') {
                return false;
            }
        }
        return true;
    }

    private static boolean isAlphanumeric(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }

    /** How the object is named in errors and security events: place only, never content. */
    static String object(FieldBinding binding) {
        return "field " + binding.table() + "." + binding.column() + " of row " + binding.rowId();
    }

    static byte[] associatedData(FieldBinding binding) {
        byte[][] parts = {
            PURPOSE, utf8(binding.scope()), utf8(binding.table()), utf8(binding.column()), utf8(binding.rowId())
        };
        int size = 0;
        for (byte[] part : parts) {
            size += 4 + part.length;
        }
        ByteBuffer out = ByteBuffer.allocate(size); // big-endian lengths
        for (byte[] part : parts) {
            out.putInt(part.length).put(part);
        }
        return out.array();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
