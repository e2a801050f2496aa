package health.securevisit.keys.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.crypto.tink.Aead;
import health.securevisit.platform.StartupException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The keyring file as the server opens it at start-up ({@link KeyringLoader#load} over an existing
 * keyring, with data keys in the database so nothing is ever created). A corrupted or hostile file,
 * or a hostile document sealed with the right master key, must end in a {@link StartupException}
 * naming a setting, or open into a keyring whose active KEK and signing key work; a document written
 * by {@link KeyringFile#save} reads back as itself; a tampered file never opens as anything else.
 */
class KeyringFuzzTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String MASTER_KEY = KeyringTests.randomKey();
    private static final KeySettings SETTINGS = KeyringTests.settings(MASTER_KEY, null);
    private static final Path DATA_DIR = dataDir();
    private static final Path FILE = DATA_DIR.resolve("keys").resolve(KeyringFile.NAME);
    private static final Keyring ORIGINAL = KeyringLoader.load(SETTINGS, DATA_DIR, Map.of(), Clock.systemUTC());
    private static final byte[] ORIGINAL_FILE = read();

    @FuzzTest(maxDuration = "5s")
    void opensIntoAWorkingKeyringOrRefusesCleanly(FuzzedDataProvider data) throws Exception {
        int mode = data.consumeInt(0, 4);
        switch (mode) {
            case 0 -> Files.write(FILE, data.consumeRemainingAsBytes());
            case 1 -> Files.write(FILE, sealedDocument(data.consumeRemainingAsBytes()));
            case 2 -> Files.write(FILE, tampered(data));
            case 3 -> Files.write(FILE, sealedDocument(alteredDocument(data)));
            default -> {
                writtenDocumentsReadBack(data);
                return;
            }
        }
        Keyring opened;
        try {
            opened = KeyringLoader.load(SETTINGS, DATA_DIR, Map.of(1, 1L), Clock.systemUTC());
        } catch (StartupException refused) {
            assertThat(refused.setting()).startsWith("SECUREVISIT_");
            assertThat(refused.getMessage()).doesNotContain(MASTER_KEY);
            return;
        }
        Aead kek = opened.kek(opened.activeVersion());
        assertThat(kek.decrypt(kek.encrypt(new byte[] {1}, new byte[0]), new byte[0]))
                .containsExactly(1);
        assertThat(opened.signingKey().size()).isEqualTo(1);
        if (mode == 2) {
            assertThat(opened.document().active().keyset())
                    .isEqualTo(ORIGINAL.document().active().keyset());
            assertThat(opened.document().signing().keyset())
                    .isEqualTo(ORIGINAL.document().signing().keyset());
        }
    }

    /**
     * The real keyring document with one field, at any depth, removed or replaced by another JSON
     * value: what a buggy writer or someone holding the master key could leave behind.
     */
    private static byte[] alteredDocument(FuzzedDataProvider data) {
        JsonNode document = JSON.valueToTree(ORIGINAL.document());
        JsonNode parent = document;
        String field = null;
        int index = -1;
        int depth = data.consumeInt(1, 3);
        for (int i = 0; i < depth; i++) {
            JsonNode at = field != null ? parent.get(field) : index >= 0 ? parent.get(index) : parent;
            if (at instanceof ObjectNode object && !object.isEmpty()) {
                parent = object;
                field = data.pickValue(new ArrayList<>(object.propertyNames()));
                index = -1;
            } else if (at instanceof ArrayNode array && !array.isEmpty()) {
                parent = array;
                field = null;
                index = data.consumeInt(0, array.size() - 1);
            } else {
                break;
            }
        }
        JsonNode value = switch (data.consumeInt(0, 6)) {
            case 0 -> null;
            case 1 -> JSON.nullNode();
            case 2 -> JSON.getNodeFactory().numberNode(data.consumeLong());
            case 3 -> JSON.getNodeFactory().stringNode(data.consumeString(60));
            case 4 -> JSON.createArrayNode();
            case 5 -> JSON.createObjectNode();
            default -> JSON.getNodeFactory().booleanNode(data.consumeBoolean());
        };
        if (parent instanceof ObjectNode object && field != null) {
            if (value == null) {
                object.remove(field);
            } else {
                object.set(field, value);
            }
        } else if (parent instanceof ArrayNode array && index >= 0) {
            if (value == null) {
                array.remove(index);
            } else {
                array.set(index, value);
            }
        }
        return JSON.writeValueAsBytes(document);
    }

    /** A sealed tampered copy of the real keyring opens, if at all, to the very same keys. */
    private static byte[] tampered(FuzzedDataProvider data) {
        byte[] file = ORIGINAL_FILE.clone();
        int edits = data.consumeInt(1, 4);
        for (int i = 0; i < edits; i++) {
            file[data.consumeInt(0, file.length - 1)] = data.consumeByte();
        }
        return file;
    }

    private static void writtenDocumentsReadBack(FuzzedDataProvider data) throws IOException {
        KeyringDocument original = ORIGINAL.document();
        KeyringDocument document = new KeyringDocument(
                data.consumeString(40),
                Instant.ofEpochSecond(data.consumeLong(-1L << 40, 1L << 40), data.consumeInt(0, 999_999_999)),
                original.keks(),
                original.signing());
        KeyringFile file = new KeyringFile(DATA_DIR.resolve("keys").resolve("round-trip.json"));

        file.save(document, ORIGINAL.protection());
        KeyringDocument read = file.open(ORIGINAL.protection());

        assertThat(read.storage()).isEqualTo(document.storage());
        assertThat(read.created()).isEqualTo(document.created());
        assertThat(read.keks()).hasSameSizeAs(document.keks());
        assertThat(read.active().keyset()).isEqualTo(document.active().keyset());
        assertThat(read.signing().keyset()).isEqualTo(document.signing().keyset());
    }

    /** {@code plain} sealed exactly as the server seals a keyring document, with its master key. */
    private static byte[] sealedDocument(byte[] plain) {
        try {
            byte[] aad = (KeyringFile.FORMAT + "|" + KeyringProtection.MASTER_KEY).getBytes(StandardCharsets.UTF_8);
            ObjectNode header = JSON.createObjectNode()
                    .put("format", KeyringFile.FORMAT)
                    .put("protection", KeyringProtection.MASTER_KEY)
                    .put(
                            "sealed",
                            Base64.getEncoder()
                                    .encodeToString(ORIGINAL.protection().aead().encrypt(plain, aad)));
            return JSON.writeValueAsBytes(header);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path dataDir() {
        try {
            Path dir = Files.createTempDirectory("keyring-fuzz");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] read() {
        try {
            return Files.readAllBytes(FILE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
