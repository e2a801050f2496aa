package health.securevisit.support.interim;

import health.securevisit.keys.CiphertextIntegrityException;
import health.securevisit.keys.FieldBinding;
import health.securevisit.keys.FieldEncryption;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import org.springframework.stereotype.Component;

/**
 * INTERIM, test sources only: stands in for the keys module until it is merged (the lead deletes
 * this package then). JDK AES-256-GCM under one key per JVM, the binding as associated data.
 */
@Component
class InterimFieldEncryption implements FieldEncryption {

    private static final SecretKey KEY = newKey();
    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    public byte[] encrypt(FieldBinding binding, byte[] plaintext) {
        try {
            byte[] iv = new byte[12];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, KEY, new GCMParameterSpec(128, iv));
            cipher.updateAAD(aad(binding));
            byte[] sealed = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(12 + sealed.length).put(iv).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public byte[] decrypt(FieldBinding binding, byte[] ciphertext) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, KEY, new GCMParameterSpec(128, ciphertext, 0, 12));
            cipher.updateAAD(aad(binding));
            return cipher.doFinal(ciphertext, 12, ciphertext.length - 12);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new CiphertextIntegrityException(
                    binding.table() + "." + binding.column() + " of " + binding.rowId(), e);
        }
    }

    private static byte[] aad(FieldBinding b) {
        return String.join("\u0000", b.scope(), b.table(), b.column(), b.rowId())
                .getBytes(StandardCharsets.UTF_8);
    }

    private static SecretKey newKey() {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256);
            return generator.generateKey();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
