package health.securevisit.keys.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import health.securevisit.keys.FieldBinding;
import health.securevisit.keys.KeyInfo;
import health.securevisit.platform.StartupException;
import health.securevisit.support.ChildProcess;
import health.securevisit.support.ChildProcess.Result;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

/**
 * The keyring in a PKCS#11 token (Debian's softhsm2 through the JDK's SunPKCS11): KEKs are
 * non-extractable token keys, rotation creates and destroys token objects. softhsm2 reads
 * SOFTHSM2_CONF, which the build sets for the test JVM; the tokens are made here before first use.
 */
class Pkcs11KeyringTests {

    static final Path LIBRARY = Path.of("/usr/lib/softhsm/libsofthsm2.so");
    static final String PIN = "4711-" + UUID.randomUUID().toString().substring(0, 8);
    static final List<Long> slots = new ArrayList<>();

    @TempDir
    Path dir;

    @BeforeAll
    static void initializeTokens() throws Exception {
        String conf = System.getenv("SOFTHSM2_CONF");
        assertThat(conf)
                .as("SOFTHSM2_CONF is set by the build (pom.xml, surefire)")
                .isNotBlank();
        Path tokens = Path.of(conf).getParent().resolve("tokens-" + UUID.randomUUID());
        Files.createDirectories(tokens);
        Files.writeString(
                Path.of(conf),
                "directories.tokendir = " + tokens + "\nobjectstore.backend = file\nlog.level = ERROR\n"
                        + "slots.removable = false\n");
        for (int i = 0; i < 5; i++) {
            Process init = new ProcessBuilder(
                            "softhsm2-util",
                            "--init-token",
                            "--free",
                            "--label",
                            "securevisit-" + i,
                            "--so-pin",
                            "so-" + PIN,
                            "--pin",
                            PIN)
                    .redirectErrorStream(true)
                    .start();
            String out = new String(init.getInputStream().readAllBytes());
            assertThat(init.waitFor(30, TimeUnit.SECONDS)).isTrue();
            Matcher slot = Pattern.compile("reassigned to slot (\\d+)").matcher(out);
            assertThat(slot.find()).as(out).isTrue();
            slots.add(Long.parseLong(slot.group(1)));
        }
    }

    static KeySettings pkcs11(long slot, String pin) {
        return new KeySettings(
                "pkcs11",
                null,
                null,
                new KeySettings.Pkcs11(LIBRARY, slot, 0, pin),
                new KeySettings.Tuning(10, Duration.ofMinutes(1), 5, Duration.ZERO, DataSize.ofBytes(0)));
    }

    @Test
    void keksAreNonExtractableTokenKeysAndRotationReplacesThemInTheToken() throws Exception {
        long slot = slots.get(0);
        try (KeysFixture keys = KeysFixture.start(KeysFixture.Db.H2, dir, pkcs11(slot, PIN))) {
            FieldBinding binding = new FieldBinding("patient:" + UUID.randomUUID(), "patient", "name", "1");
            byte[] ciphertext = keys.fields.encryptText(binding, "Ada Lovelace");
            keys.vault.put("rec-1", binding.scope(), new ByteArrayInputStream(new byte[70_000]));
            assertThat(Files.readString(dir.resolve("keys/keyring.json"))).contains("\"protection\":\"pkcs11\"");
            assertThat(dir.resolve("keys/master.key")).doesNotExist();

            Pkcs11Token token = Pkcs11Token.open(pkcs11(slot, PIN).pkcs11());
            assertThat(token.key("securevisit-kek-1").getEncoded())
                    .as("not extractable")
                    .isNull();
            assertThat(token.key("securevisit-kek-1").toString())
                    .contains("sensitive")
                    .contains("unextractable");
            assertThat(token.key(KeyringLoader.TOKEN_KEYRING_KEY).getEncoded()).isNull();

            var rotation = keys.rotation.start();
            while (!keys.rotation.find(rotation.id()).orElseThrow().completed()) {
                Thread.sleep(20);
            }
            Pkcs11Token after = Pkcs11Token.open(pkcs11(slot, PIN).pkcs11()); // a fresh look at the token
            assertThat(after.has("securevisit-kek-2")).isTrue();
            assertThat(after.has("securevisit-kek-1"))
                    .as("retired KEK destroyed in the token")
                    .isFalse();

            KeysFixture restarted = keys.restart();
            assertThat(restarted.fields.decryptText(binding, ciphertext)).isEqualTo("Ada Lovelace");
            assertThat(restarted.vault.open("rec-1").readAllBytes()).hasSize(70_000);
            List<KeyInfo> inventory = new KeyInventoryService(restarted.keyring, restarted.repository).keys();
            assertThat(inventory)
                    .filteredOn(k -> "kek".equals(k.name()) && "active".equals(k.state()))
                    .singleElement()
                    .satisfies(k -> {
                        assertThat(k.storage()).isEqualTo("pkcs11");
                        assertThat(k.location()).contains("securevisit-kek-2");
                    });
        }
    }

    @Test
    void wrongPinOrWrongTokenIsRefused() {
        long slot = slots.get(1);
        assertThatThrownBy(
                        () -> KeyringLoader.load(pkcs11(slot, "wrong-pin"), dir, Map.of(), java.time.Clock.systemUTC()))
                .isInstanceOfSatisfying(
                        StartupException.class, e -> assertThat(e.setting()).isEqualTo("SECUREVISIT_PKCS11_PIN"));

        KeyringLoader.load(pkcs11(slot, PIN), dir, Map.of(), java.time.Clock.systemUTC());
        assertThatThrownBy(() ->
                        KeyringLoader.load(pkcs11(slots.get(3), PIN), dir, Map.of(1, 1L), java.time.Clock.systemUTC()))
                .isInstanceOfSatisfying(
                        StartupException.class, e -> assertThat(e.setting()).isEqualTo("SECUREVISIT_PKCS11_SLOT"))
                .hasMessageContaining("has no key securevisit-keyring");
    }

    @Test
    void aTokenThatAlreadyHoldsKeysIsNeverReusedForANewKeyring() {
        long slot = slots.get(4);
        KeyringLoader.load(pkcs11(slot, PIN), dir.resolve("first"), Map.of(), java.time.Clock.systemUTC());
        assertThatThrownBy(() -> KeyringLoader.load(
                        pkcs11(slot, PIN), dir.resolve("second"), Map.of(), java.time.Clock.systemUTC()))
                .isInstanceOfSatisfying(
                        StartupException.class, e -> assertThat(e.setting()).isEqualTo("SECUREVISIT_PKCS11_SLOT"))
                .hasMessageContaining("already holds SecureVisit keys");
        assertThat(KeyringLoader.load(
                                pkcs11(slot, PIN), dir.resolve("first"), Map.of(1, 0L), java.time.Clock.systemUTC())
                        .activeVersion())
                .as("the first keyring still opens: nothing in the token was replaced")
                .isEqualTo(1);
    }

    @Test
    void theApplicationRunsOnTheTokenAndRefusesAWrongPinInOneLine() throws Exception {
        Map<String, String> env = Map.of(
                "SECUREVISIT_DATA_DIR", dir.resolve("data").toString(),
                "SECUREVISIT_KEYRING", "pkcs11",
                "SECUREVISIT_PKCS11_LIBRARY", LIBRARY.toString(),
                "SECUREVISIT_PKCS11_SLOT", Long.toString(slots.get(2)),
                "SECUREVISIT_PKCS11_PIN", PIN);
        Result ok = ChildProcess.run(env, "keys", "public-key");
        assertThat(ok.exitCode()).as(ok.stderr()).isZero();
        assertThat(ok.stdout()).startsWith("-----BEGIN PUBLIC KEY-----");
        Result reopened = ChildProcess.run(env, "keys", "public-key");
        assertThat(reopened.exitCode()).as(reopened.stderr()).isZero();
        assertThat(reopened.stdout())
                .as("the same key, from the token-sealed keyring")
                .isEqualTo(ok.stdout());

        Map<String, String> wrongPin = new java.util.HashMap<>(env);
        wrongPin.put("SECUREVISIT_PKCS11_PIN", "0000");
        Result refused = ChildProcess.run(wrongPin, "keys", "public-key");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.stderrLines())
                .singleElement()
                .asString()
                .startsWith("securevisit: cannot start: SECUREVISIT_PKCS11_PIN: the token refused the PIN");
    }
}
