package health.securevisit.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The signed-note checkpoint parser ({@link CheckpointNote#open}) and the checkpoint file reader of
 * {@code audit verify} ({@link KeptCheckpoints#split}). Properties: a note written by {@link
 * CheckpointNote#sign} reads back as itself, alone and inside a checkpoint file; a note whose body
 * the key signed opens to exactly the fields of that body or not at all; a tampered note opens only
 * as the note that was signed; text nobody signed never opens; a trusted-key file loads as a
 * 32-byte key or is refused with {@code CannotVerify}; nothing else throws.
 */
class CheckpointNoteFuzzTests {

    private static final JdkTestSigner SIGNER = new JdkTestSigner();
    private static final String KEY_NAME = "securevisit/audit";
    private static final Path KEY_FILE = tempFile();

    private static Path tempFile() {
        try {
            Path file = Files.createTempFile("checkpoint-key", ".vkey");
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest(maxDuration = "5s")
    void opensOnlyWhatTheKeySigned(FuzzedDataProvider data) {
        switch (data.consumeInt(0, 4)) {
            case 0 -> writtenNotesReadBack(data);
            case 1 -> signedBodiesOpenToTheirFields(data);
            case 2 -> tamperedNotesOpenOnlyAsSigned(data);
            case 3 -> unsignedTextNeverOpens(data);
            default -> trustedKeyFilesLoadOrRefuse(data);
        }
    }

    private static void trustedKeyFilesLoadOrRefuse(FuzzedDataProvider data) {
        byte[] file = data.consumeRemainingAsBytes();
        try {
            Files.write(KEY_FILE, file);
            TrailVerifier.TrustedKey key = TrustedKeys.load(KEY_FILE);
            assertThat(key.publicKey()).hasSize(32);
        } catch (VerifyCommand.CannotVerify refused) {
            assertThat(refused).hasMessageContaining(KEY_FILE.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writtenNotesReadBack(FuzzedDataProvider data) {
        String origin = origin(data.consumeString(40));
        long size = data.consumeLong(0, Long.MAX_VALUE);
        CheckpointNote note = new CheckpointNote(origin, size, Arrays.copyOf(data.consumeBytes(32), MerkleHashes.SIZE));
        String text = signed(note, note.origin());

        assertThat(CheckpointNote.open(text, note.origin(), SIGNER.publicKey())).contains(note);
        assertThat(KeptCheckpoints.split(text + "\n")).containsExactly(text);
        assertThat(TrustedKeys.verifierKey(CheckpointNote.verifierKey(note.origin(), SIGNER.publicKey())))
                .satisfies(key -> {
                    assertThat(key.name()).isEqualTo(note.origin());
                    assertThat(key.publicKey()).isEqualTo(SIGNER.publicKey());
                });
    }

    private static void signedBodiesOpenToTheirFields(FuzzedDataProvider data) {
        String body = data.consumeRemainingAsString();
        String text = body + signatureLine(body);

        Optional<CheckpointNote> opened = CheckpointNote.open(text, KEY_NAME, SIGNER.publicKey());

        opened.ifPresent(note -> {
            assertThat(body).startsWith(note.body());
            assertThat(note.size()).isNotNegative();
            assertThat(note.root()).hasSize(MerkleHashes.SIZE);
        });
    }

    private static void tamperedNotesOpenOnlyAsSigned(FuzzedDataProvider data) {
        CheckpointNote note = new CheckpointNote(KEY_NAME, data.consumeLong(0, 1L << 40), new byte[MerkleHashes.SIZE]);
        StringBuilder text = new StringBuilder(signed(note, KEY_NAME));
        int edits = data.consumeInt(1, 4);
        for (int i = 0; i < edits && text.length() > 0; i++) {
            int at = data.consumeInt(0, text.length() - 1);
            switch (data.consumeInt(0, 2)) {
                case 0 -> text.setCharAt(at, data.consumeChar());
                case 1 -> text.insert(at, data.consumeString(8));
                default -> text.delete(at, Math.min(text.length(), at + data.consumeInt(1, 8)));
            }
        }

        Optional<CheckpointNote> opened = CheckpointNote.open(text.toString(), KEY_NAME, SIGNER.publicKey());

        opened.ifPresent(n -> assertThat(n).isEqualTo(note));
    }

    private static void unsignedTextNeverOpens(FuzzedDataProvider data) {
        String file = data.consumeRemainingAsString();
        List<String> notes = KeptCheckpoints.split(file);

        for (String note : notes) {
            String name = note.lines().findFirst().orElse("");
            assertThat(CheckpointNote.open(note, name, SIGNER.publicKey())).isEmpty();
        }
        assertThat(notes).allSatisfy(note -> assertThat(file).contains(note.substring(0, note.length() - 1)));
    }

    /** A name the audit settings accept (printable ASCII without space and '+'), from any text. */
    private static String origin(String text) {
        StringBuilder origin = new StringBuilder();
        text.chars().forEach(c -> origin.append((char) (c >= 0x21 && c <= 0x7e && c != '+' ? c : 'a' + c % 26)));
        return origin.isEmpty() ? "o" : origin.toString();
    }

    private static String signed(CheckpointNote note, String keyName) {
        return note.sign(keyName, SIGNER.publicKey(), SIGNER.sign(note.body().getBytes(StandardCharsets.UTF_8)));
    }

    private static String signatureLine(String body) {
        CheckpointNote carrier = new CheckpointNote(KEY_NAME, 0, new byte[MerkleHashes.SIZE]);
        String line = carrier.sign(KEY_NAME, SIGNER.publicKey(), SIGNER.sign(body.getBytes(StandardCharsets.UTF_8)));
        return line.substring(carrier.body().length());
    }
}
