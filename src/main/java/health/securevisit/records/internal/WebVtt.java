package health.securevisit.records.internal;

import health.securevisit.records.RecordsException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * WebVTT for transcripts: the automatic draft built from recognised words (labelled "automatic draft,
 * not verified"), and the clinician's corrected versions (checked to be WebVTT, relabelled, and for a
 * signed version carrying the signature note).
 */
final class WebVtt {

    static final String DRAFT_LABEL = "automatic draft, not verified";

    /** One recognised word and where it is in the recording, in seconds. */
    record Word(String text, double start, double end) {}

    /** Words further apart than this start a new cue; a cue holds at most {@link #CUE_WORDS} words. */
    private static final double PAUSE = 0.8;

    private static final int CUE_WORDS = 12;

    private WebVtt() {}

    /** The automatic draft of {@code words} recognised in recording {@code recordingId}. */
    static String draft(List<Word> words, String recordingId, String engine) {
        StringBuilder vtt = new StringBuilder("WEBVTT - " + DRAFT_LABEL + "\n\n");
        vtt.append("NOTE automatic transcription of recording ")
                .append(recordingId)
                .append(" by ")
                .append(engine)
                .append("; not verified by a clinician\n\n");
        List<Word> cue = new ArrayList<>();
        for (Word w : words) {
            if (!cue.isEmpty()
                    && (cue.size() >= CUE_WORDS || w.start() - cue.getLast().end() > PAUSE)) {
                cue(vtt, cue);
                cue.clear();
            }
            cue.add(w);
        }
        if (!cue.isEmpty()) {
            cue(vtt, cue);
        }
        return vtt.toString();
    }

    private static void cue(StringBuilder vtt, List<Word> words) {
        vtt.append(time(words.getFirst().start()))
                .append(" --> ")
                .append(time(words.getLast().end()))
                .append('\n');
        vtt.append(String.join(" ", words.stream().map(Word::text).toList())).append("\n\n");
    }

    static String time(double seconds) {
        long ms = Math.round(seconds * 1000);
        return String.format(
                Locale.ROOT, "%02d:%02d:%02d.%03d", ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000);
    }

    /**
     * A clinician's version of a transcript: UTF-8 WebVTT (its first line {@code WEBVTT}) whose header
     * line is replaced by {@code WEBVTT - corrected} (or {@code - signed}), so that the draft's label
     * never stays on a version a clinician wrote; a signed version carries a note naming who signed it,
     * when, and the version it corrects.
     */
    static byte[] corrected(String text, String sourceId, UUID by, Instant at, boolean signed) {
        String body = text.replace("\r\n", "\n").replace('\r', '\n');
        if (body.startsWith("\uFEFF")) {
            body = body.substring(1);
        }
        int eol = body.indexOf('\n');
        String header = eol < 0 ? body : body.substring(0, eol);
        if (!(header.equals("WEBVTT") || header.startsWith("WEBVTT ") || header.startsWith("WEBVTT\t"))) {
            throw RecordsException.invalid("The transcript must be WebVTT: its first line starts with WEBVTT.");
        }
        if (body.indexOf('\0') >= 0 || !body.contains("-->")) {
            throw RecordsException.invalid("The transcript must be WebVTT with at least one cue.");
        }
        StringBuilder out = new StringBuilder("WEBVTT - ")
                .append(signed ? "signed" : "corrected")
                .append("\n\nNOTE corrects transcript version ")
                .append(sourceId)
                .append('\n');
        if (signed) {
            out.append("\nNOTE signed by clinician ")
                    .append(by)
                    .append(" at ")
                    .append(at)
                    .append(", attesting that this transcript is accurate\n");
        }
        out.append(eol < 0 ? "" : body.substring(eol));
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
