package health.securevisit.keys.internal;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.StreamingAead;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.AesGcmKey;
import com.google.crypto.tink.aead.AesGcmParameters;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.google.crypto.tink.signature.Ed25519Parameters;
import com.google.crypto.tink.signature.SignatureConfig;
import com.google.crypto.tink.streamingaead.AesGcmHkdfStreamingKey;
import com.google.crypto.tink.streamingaead.AesGcmHkdfStreamingParameters;
import com.google.crypto.tink.streamingaead.PredefinedStreamingAeadParameters;
import com.google.crypto.tink.streamingaead.StreamingAeadConfig;
import com.google.crypto.tink.subtle.AesGcmHkdfStreaming;
import com.google.crypto.tink.util.SecretBytes;
import java.security.GeneralSecurityException;

/** The Tink algorithms SecureVisit uses, in one place, and the one-time registration of Tink's key managers. */
final class Tink {

    /** PHI fields and wrapped keys: AES-256-GCM, 96-bit random IV, 128-bit tag. */
    static final AesGcmParameters AEAD = PredefinedAeadParameters.AES256_GCM;

    /** Artifacts: AES-256-GCM-HKDF streaming, 1 MiB ciphertext segments, seekable. */
    static final AesGcmHkdfStreamingParameters STREAMING = PredefinedStreamingAeadParameters.AES256_GCM_HKDF_1MB;

    /** Audit checkpoints: Ed25519 without output prefix (plain RFC 8032 signatures). */
    static final Ed25519Parameters SIGNING = Ed25519Parameters.create(Ed25519Parameters.Variant.NO_PREFIX);

    static final String AEAD_NAME = "AES-256-GCM";
    static final String STREAMING_NAME = "AES-256-GCM-HKDF streaming (1 MiB segments)";

    static {
        try {
            AeadConfig.register();
            StreamingAeadConfig.register();
            SignatureConfig.register();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private Tink() {}

    /** Makes sure Tink's key managers are registered (the class initializer does it, once). */
    static void ensureRegistered() {
        // Loading this class registered them.
    }

    static Aead aead(KeysetHandle handle) throws GeneralSecurityException {
        return handle.getPrimitive(RegistryConfiguration.get(), Aead.class);
    }

    /** AES-256-GCM from 32 raw key bytes (the master key). */
    static Aead aeadFromRawKey(byte[] key) throws GeneralSecurityException {
        AesGcmParameters parameters = AesGcmParameters.builder()
                .setKeySizeBytes(32)
                .setIvSizeBytes(12)
                .setTagSizeBytes(16)
                .setVariant(AesGcmParameters.Variant.NO_PREFIX)
                .build();
        AesGcmKey aesKey = AesGcmKey.builder()
                .setParameters(parameters)
                .setKeyBytes(SecretBytes.copyFrom(key, InsecureSecretKeyAccess.get()))
                .build();
        KeysetHandle handle = KeysetHandle.newBuilder()
                .addEntry(KeysetHandle.importKey(aesKey).withRandomId().makePrimary())
                .build();
        return aead(handle);
    }

    /** The seekable streaming primitive of a one-key streaming keyset. */
    static StreamingAead streaming(KeysetHandle handle) throws GeneralSecurityException {
        if (!(handle.getPrimary().getKey() instanceof AesGcmHkdfStreamingKey key)) {
            throw new GeneralSecurityException("not an AES-GCM-HKDF streaming key");
        }
        return AesGcmHkdfStreaming.create(key);
    }
}
