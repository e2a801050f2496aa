package health.securevisit.platform;

import org.jspecify.annotations.Nullable;

/**
 * How data travels on one edge of the PHI data-flow map or one outbound integration.
 *
 * @param protocol what carries it, for example {@code TLS}, {@code DTLS-SRTP}, {@code in-process}
 * @param versions the protocol versions allowed (for example {@code TLSv1.3, TLSv1.2}), or null
 * @param encrypted whether the bytes are encrypted in transit
 * @param peerVerified whether the other end's certificate (or fingerprint) is verified
 * @param mutual whether both ends authenticate with certificates (mTLS)
 */
public record Transport(
        String protocol, @Nullable String versions, boolean encrypted, boolean peerVerified, boolean mutual) {

    /** TLS with certificate verification of the peer. */
    public static Transport tls(String versions) {
        return new Transport("TLS", versions, true, true, false);
    }

    /** Mutual TLS: both ends present certificates. */
    public static Transport mutualTls(String versions) {
        return new Transport("mTLS", versions, true, true, true);
    }

    /** WebRTC media: DTLS-SRTP keyed by fingerprints exchanged over the TLS signaling channel. */
    public static Transport dtlsSrtp() {
        return new Transport("DTLS-SRTP", "DTLSv1.2", true, true, false);
    }

    /** Inside this process or to a local file: nothing on the network. */
    public static Transport local() {
        return new Transport("in-process", null, false, false, false);
    }

    /** A network connection without encryption (shown as a finding on the map). */
    public static Transport plaintext(String protocol) {
        return new Transport(protocol, null, false, false, false);
    }

    /** Whether nothing readable leaves this machine on this edge. */
    public boolean protectedInTransit() {
        return encrypted || protocol.equals("in-process");
    }

    /** One short label, for example {@code TLSv1.3, TLSv1.2 (verified)} or {@code DTLS-SRTP DTLSv1.2 (verified)}. */
    public String label() {
        StringBuilder b = new StringBuilder();
        if (versions == null) {
            b.append(protocol);
        } else {
            b.append(protocol.equals("TLS") ? versions : protocol + " " + versions);
        }
        if (encrypted && peerVerified) {
            b.append(mutual ? " (mutual)" : " (verified)");
        }
        return b.toString();
    }
}
