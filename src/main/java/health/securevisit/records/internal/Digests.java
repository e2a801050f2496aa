package health.securevisit.records.internal;

import health.securevisit.records.RecordsException;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

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

    static String sha256(InputStream in) throws IOException {
        MessageDigest md = ArtifactStore.sha256();
        byte[] buffer = new byte[256 * 1024];
        for (int n; (n = in.read(buffer)) >= 0; ) {
            md.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
