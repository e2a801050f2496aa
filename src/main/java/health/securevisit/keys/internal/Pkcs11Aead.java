package health.securevisit.keys.internal;

import com.google.crypto.tink.Aead;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Tink's {@link Aead} over AES-256-GCM computed inside a PKCS#11 token (Tink has no PKCS#11 API):
 * the key never leaves the token. Ciphertext = 12-byte random IV, then ciphertext and 128-bit tag.
 * Used only for small payloads (wrapped data keys, the keyring).
 */
final class Pkcs11Aead implements Aead {

    private static final int IV = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Provider provider;
    private final SecretKey key;

    Pkcs11Aead(Provider provider, SecretKey key) {
        this.provider = provider;
        this.key = key;
    }

    @Override
    public byte[] encrypt(byte[] plaintext, byte[] associatedData) throws GeneralSecurityException {
        byte[] iv = new byte[IV];
        RANDOM.nextBytes(iv);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding", provider);
        cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
        cipher.updateAAD(associatedData);
        byte[] sealed = cipher.doFinal(plaintext);
        return ByteBuffer.allocate(IV + sealed.length).put(iv).put(sealed).array();
    }

    @Override
    public byte[] decrypt(byte[] ciphertext, byte[] associatedData) throws GeneralSecurityException {
        if (ciphertext.length < IV + TAG_BITS / 8) {
            throw new GeneralSecurityException("ciphertext too short");
        }
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding", provider);
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, ciphertext, 0, IV));
        cipher.updateAAD(associatedData);
        try {
            return cipher.doFinal(ciphertext, IV, ciphertext.length - IV);
        } catch (GeneralSecurityException | RuntimeException e) {
            // SunPKCS11 reports a bad tag as CKR_GENERAL_ERROR from some tokens: all mean "not authentic".
            throw new GeneralSecurityException("decryption failed", e);
        }
    }

    @Override
    public String toString() {
        return "Pkcs11Aead[" + Arrays.toString(new String[] {provider.getName(), key.getAlgorithm()}) + "]";
    }
}
