package health.securevisit.records.internal;

import health.securevisit.platform.SecureVisitException.Kind;
import health.securevisit.records.ArtifactKind;
import health.securevisit.records.RecordsException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The media types artifacts may have, and the signature (magic bytes) their first bytes must carry,
 * so that a body that is not what its declared type says is refused before it is stored.
 */
final class MediaTypes {

    static final String PNG = "image/png";
    static final String VTT = "text/vtt";

    /** WebM (MediaRecorder in Chromium and Firefox), MP4 (Safari), Ogg, with an optional codecs list. */
    private static final Pattern RECORDING =
            Pattern.compile("(video|audio)/(webm|mp4|ogg)(;\\s?codecs=\"?[a-z0-9.,\\s]{1,60}\"?)?");

    private static final byte[] EBML = {0x1A, 0x45, (byte) 0xDF, (byte) 0xA3};
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
    private static final byte[] OGG = "OggS".getBytes(StandardCharsets.US_ASCII);

    private MediaTypes() {}

    /** The recording's type without its codecs parameter (what playback answers), once it is accepted. */
    static String requireRecording(String contentType) {
        String type = contentType.toLowerCase(Locale.ROOT);
        if (!RECORDING.matcher(type).matches()) {
            throw RecordsException.invalid("'contentType' must be a WebM, MP4 or Ogg audio or video type.");
        }
        int semicolon = type.indexOf(';');
        return semicolon < 0 ? type : type.substring(0, semicolon);
    }

    /** The accepted type of a one-shot artifact of {@code kind}. */
    static String require(ArtifactKind kind, String contentType) {
        String type = contentType.toLowerCase(Locale.ROOT);
        boolean ok = switch (kind) {
            case RECORDING -> RECORDING.matcher(type).matches() && type.indexOf(';') < 0;
            case SCREENSHOT -> type.equals(PNG);
            case TRANSCRIPT -> type.equals(VTT);
            case CHAT -> type.equals("application/json") || type.equals("text/plain");
        };
        if (!ok) {
            throw RecordsException.invalid("The content type is not accepted for this kind of artifact.");
        }
        return type;
    }

    /** What the first bytes of a body of {@code contentType} must be, or null when not checked. */
    static @Nullable Signature signature(String contentType) {
        String type = contentType.toLowerCase(Locale.ROOT);
        if (type.startsWith("video/webm") || type.startsWith("audio/webm")) {
            return new Signature(0, EBML);
        }
        if (type.startsWith("video/mp4") || type.startsWith("audio/mp4")) {
            return new Signature(4, "ftyp".getBytes(StandardCharsets.US_ASCII));
        }
        if (type.startsWith("video/ogg") || type.startsWith("audio/ogg")) {
            return new Signature(0, OGG);
        }
        if (type.equals(PNG)) {
            return new Signature(0, PNG_SIGNATURE);
        }
        return null;
    }

    /** {@code bytes} at {@code offset}. */
    record Signature(int offset, byte[] bytes) {
        int length() {
            return offset + bytes.length;
        }

        boolean matches(byte[] head, int n) {
            if (n < length()) {
                return false;
            }
            for (int i = 0; i < bytes.length; i++) {
                if (head[offset + i] != bytes[i]) {
                    return false;
                }
            }
            return true;
        }

        static RecordsException mismatch() {
            return RecordsException.of(
                    Kind.INVALID,
                    RecordsException.CONTENT_TYPE_MISMATCH,
                    "The content does not match its declared type.");
        }
    }
}
