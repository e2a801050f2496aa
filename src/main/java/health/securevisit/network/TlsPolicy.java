package health.securevisit.network;

import java.time.Duration;
import java.util.List;

/**
 * The only TLS protocols, cipher suites and key-exchange groups the HTTPS listener offers (NIST SP
 * 800-52r2): TLS 1.3, and TLS 1.2 with ephemeral ECDHE key exchange and AEAD ciphers (AES-GCM or
 * ChaCha20-Poly1305), over the elliptic-curve groups x25519, secp256r1 and secp384r1 only (no
 * finite-field groups such as ffdhe2048). No CBC, RC4, 3DES, static RSA, export or anonymous suites;
 * the JDK never compresses TLS. Sessions, and the session tickets that resume them, live at most
 * {@link #SESSION_LIFETIME}.
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

    /** Key-exchange groups, in order of preference (JDK and Tomcat names). */
    public static final List<String> NAMED_GROUPS = List.of("x25519", "secp256r1", "secp384r1");

    /** How long a TLS session may be resumed: the lifetime of its session ticket. */
    public static final Duration SESSION_LIFETIME = Duration.ofHours(2);

    private TlsPolicy() {}
}
