package health.securevisit.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** NIST SP 800-63B password rules and the Argon2id hash. */
class PasswordsTests {

    static final CommonPasswords COMMON = new CommonPasswords();
    final PasswordPolicy policy = new PasswordPolicy(COMMON);

    static IdentitySettings defaults() {
        return new IdentitySettings(
                new IdentitySettings.Session(
                        java.time.Duration.ofMinutes(15),
                        java.time.Duration.ofHours(12),
                        java.time.Duration.ofSeconds(1)),
                new IdentitySettings.Password(19_456, 2, 1),
                new IdentitySettings.Throttle(
                        3,
                        10,
                        10,
                        50,
                        java.time.Duration.ofSeconds(30),
                        java.time.Duration.ofMinutes(15),
                        java.time.Duration.ofMinutes(15),
                        20,
                        10),
                new IdentitySettings.WebAuthn("localhost", "SecureVisit", List.of(), 10_000, 30),
                new IdentitySettings.Administration(java.time.Duration.ofMinutes(5)));
    }

    @Test
    void bundledListHasAtLeastTenThousandCommonPasswords() {
        assertThat(COMMON.size()).isGreaterThanOrEqualTo(10_000);
        assertThat(COMMON.contains("password")).isTrue();
        assertThat(COMMON.contains("QWERTY123456")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"qwerty123456", "1qaz2wsx3edc", "123QWEASDZXC", "leavemealone"})
    void rejectsCommonPasswordsEvenWhenLongEnough(String password) {
        assertThatThrownBy(() -> policy.check(password, "someone"))
                .isInstanceOf(IdentityFailure.class)
                .hasMessageContaining("common or breached");
    }

    @Test
    void rejectsShortUsernameAndRepeatedPasswords() {
        assertThatThrownBy(() -> policy.check("elevenchars", "someone")).hasMessageContaining("at least 12");
        assertThatThrownBy(() -> policy.check("x".repeat(129), "someone")).hasMessageContaining("at most 128");
        assertThatThrownBy(() -> policy.check("my name is dr.jones ok", "dr.jones"))
                .hasMessageContaining("username");
        assertThatThrownBy(() -> policy.check("zzzzzzzzzzzzzzzz", "someone")).hasMessageContaining("repeated");
    }

    @ParameterizedTest
    @ValueSource(strings = {"all lower case words here", "twelve chars", "ÄÖÜ mit Umlauten und ß", "0123456789012x"})
    void acceptsPassphrasesWithoutCompositionRules(String password) {
        policy.check(password, "someone");
    }

    @Test
    void hashesWithArgon2idAtTheOwaspCost() {
        PasswordHasher hasher = new PasswordHasher(defaults());
        String hash = hasher.hash("a perfectly fine passphrase");
        assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(hasher.matches("a perfectly fine passphrase", hash)).isTrue();
        assertThat(hasher.matches("a perfectly fine passphrasE", hash)).isFalse();
        assertThat(hasher.hash("a perfectly fine passphrase")).isNotEqualTo(hash);
        assertThat(hasher.burn("anything")).isFalse();
    }
}
