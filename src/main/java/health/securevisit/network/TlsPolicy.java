package health.securevisit.network;

import java.util.List;

/**
 * The only TLS protocols and cipher suites the HTTPS listener offers (NIST SP 800-52r2): TLS 1.3,
 * and TLS 1.2 with ephemeral ECDHE key exchange and AEAD ciphers (AES-GCM or ChaCha20-Poly1305).
 * No CBC, RC4, 3DES, static RSA, export or anonymous suites; the JDK never compresses TLS.
 */
public final class TlsPolicy {

    public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    public static final List<String> CIPHER_SUITES = List.of(
            "TLS_AES_256_GCM_SHA384",
            "TLS_AES_128_GCM_SHA256",
            "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    private TlsPolicy() {}
}
