package health.securevisit.audit.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads a published checkpoint file: signed notes, each followed by a blank line. */
final class KeptCheckpoints {

    private KeptCheckpoints() {}

    static List<String> read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new VerifyCommand.CannotVerify("cannot read the checkpoint file " + file, e);
        }
        return split(text);
    }

    /** Each note has one blank line inside (between body and signatures) and one after it. */
    static List<String> split(String text) {
        String[] chunks = text.split("\n\n", -1);
        List<String> notes = new ArrayList<>();
        for (int i = 0; i + 1 < chunks.length; i += 2) {
            notes.add(chunks[i] + "\n\n" + chunks[i + 1] + "\n");
        }
        return notes;
    }
}
