package health.securevisit.records.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Offline speech-to-text: ffmpeg decodes the recording's audio to 16 kHz mono 16-bit PCM and
 * pocketsphinx recognises it with word times. The two run as an OS pipeline; the recording's
 * plaintext goes only into ffmpeg's standard input (from the vault's decryption), the PCM only
 * through the pipe between the two, and the words come back on pocketsphinx's standard output: no
 * plaintext file is written. Both processes' diagnostics are discarded (they may name words).
 */
@Component
class Transcriber {

    /** A word line of {@code -time yes}: the word, its start and end in seconds, its confidence. */
    private static final Pattern WORD = Pattern.compile("(\\S+) (\\d+\\.\\d+) (\\d+\\.\\d+) (-?\\d+(\\.\\d+)?)");

    /** Alternative pronunciations are marked {@code word(2)}. */
    private static final Pattern VARIANT = Pattern.compile("\\(\\d+\\)$");

    private final TranscriptionSettings settings;

    Transcriber(TranscriptionSettings settings) {
        this.settings = settings;
    }

    /** The engine named in a draft. */
    String engine() {
        return "pocketsphinx (en-us, offline)";
    }

    /** The words recognised in the audio of {@code media} (read to its end and closed). */
    List<WebVtt.Word> transcribe(InputStream media) throws IOException, InterruptedException {
        List<ProcessBuilder> pipeline = List.of(
                new ProcessBuilder(
                                settings.ffmpeg(),
                                "-hide_banner",
                                "-nostats",
                                "-loglevel",
                                "error",
                                "-i",
                                "pipe:0",
                                "-vn",
                                "-ac",
                                "1",
                                "-ar",
                                "16000",
                                "-f",
                                "s16le",
                                "pipe:1")
                        .redirectError(ProcessBuilder.Redirect.DISCARD),
                new ProcessBuilder(
                                settings.pocketsphinx(), "-infile", "/dev/stdin", "-time", "yes", "-logfn", "/dev/null")
                        .redirectError(ProcessBuilder.Redirect.DISCARD));
        List<Process> processes = ProcessBuilder.startPipeline(pipeline);
        Process decoder = processes.getFirst();
        Process recogniser = processes.getLast();
        Thread feeder = Thread.ofVirtual().name("transcriber-feed").start(() -> feed(media, decoder));
        Thread watchdog = Thread.ofVirtual().name("transcriber-timeout").start(() -> stopAfter(processes));
        try {
            List<WebVtt.Word> words = new ArrayList<>();
            try (BufferedReader out =
                    new BufferedReader(new InputStreamReader(recogniser.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    var m = WORD.matcher(line.strip());
                    if (m.matches() && spoken(m.group(1))) {
                        words.add(new WebVtt.Word(
                                VARIANT.matcher(m.group(1)).replaceAll(""),
                                Double.parseDouble(m.group(2)),
                                Double.parseDouble(m.group(3))));
                    }
                }
            }
            for (Process p : processes) {
                p.waitFor();
            }
            feeder.join();
            if (decoder.exitValue() != 0 || recogniser.exitValue() != 0) {
                throw new IOException("transcription failed: ffmpeg exit " + decoder.exitValue()
                        + ", pocketsphinx exit " + recogniser.exitValue());
            }
            return words;
        } finally {
            processes.forEach(Process::destroyForcibly);
            feeder.interrupt();
            watchdog.interrupt();
        }
    }

    /** Stops both processes once the timeout has passed (the exit codes then report the failure). */
    private void stopAfter(List<Process> processes) {
        try {
            Thread.sleep(settings.timeout());
            processes.forEach(Process::destroyForcibly);
        } catch (InterruptedException finished) {
            // the transcription ended in time
        }
    }

    private static void feed(InputStream media, Process decoder) {
        try (media;
                OutputStream in = decoder.getOutputStream()) {
            media.transferTo(in);
        } catch (IOException e) {
            // ffmpeg stopped reading (it failed, or was stopped): its exit code tells.
        }
    }

    /** Fillers, silences and sentence marks are not words of the transcript. */
    private static boolean spoken(String token) {
        return !(token.startsWith("<") || token.startsWith("[") || token.startsWith("++"));
    }
}
