package health.securevisit.records.internal;

import health.securevisit.records.RecordsException;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** SHA-256 digests as lower-case hex, the form clients send and the records keep. */
final class Digests {

    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    private Digests() {}

    static String requireHex(String sha256) {
        String value = sha256 == null ? "" : sha256.toLowerCase(Locale.ROOT);
        if (!HEX.matcher(value).matches()) {
            throw RecordsException.invalid("A SHA-256 is 64 hexadecimal characters.");
        }
        return value;
    }

    /** RFC 9530 {@code Content-Digest} with a SHA-256 (the one algorithm accepted). */
    private static final Pattern CONTENT_DIGEST = Pattern.compile("sha-256=:([A-Za-z0-9+/]{43}=):");

    /** The hex SHA-256 of an RFC 9530 {@code Content-Digest: sha-256=:<base64>:} header. */
    static String fromContentDigest(@Nullable String header) {
        Matcher m = header == null ? null : CONTENT_DIGEST.matcher(header.trim());
        if (m == null || !m.matches()) {
            throw RecordsException.invalid("A Content-Digest header with the body's sha-256 is required.");
        }
        return HexFormat.of().formatHex(Base64.getDecoder().decode(m.group(1)));
    }

    static String sha256(InputStream in) throws IOException {
        MessageDigest md = ArtifactStore.sha256();
        byte[] buffer = new byte[256 * 1024];
        for (int n; (n = in.read(buffer)) >= 0; ) {
            md.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
