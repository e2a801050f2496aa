package health.securevisit.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import health.securevisit.identity.internal.BootstrapSettings;
import health.securevisit.identity.internal.IdentitySettings;
import health.securevisit.platform.StartupException;
import health.securevisit.support.ChildProcess;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** Session limits above NIST AAL2 are refused at start; bootstrap settings come from the environment. */
class IdentitySettingsTests {

    @Test
    void idleTimeoutAboveOneHourStopsStartWithOneLineNamingTheSetting() throws Exception {
        ChildProcess.Result result = startWith("SECUREVISIT_IDENTITY_SESSION_IDLE_TIMEOUT", "61m");
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderrLines())
                .containsExactly(
                        "securevisit: cannot start: SECUREVISIT_IDENTITY_SESSION_IDLE_TIMEOUT: must not exceed 1h"
                                + " (NIST SP 800-63B-4 AAL2); it is PT1H1M");
    }

    @Test
    void forwardedForHeadersAreNotTrustedEvenWhereACloudPlatformIsDetected() throws Exception {
        // Spring Boot trusts X-Forwarded-For from any private address when it detects a cloud platform
        // (Kubernetes) and no strategy is set; the sign-in throttle must key on the connection's address.
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources()
                .replace(
                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        new SystemEnvironmentPropertySource(
                                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                                Map.of("KUBERNETES_SERVICE_HOST", "10.0.0.1", "KUBERNETES_SERVICE_PORT", "443")));
        for (var source : new org.springframework.boot.env.PropertiesPropertySourceLoader()
                .load("application", new org.springframework.core.io.ClassPathResource("application.properties"))) {
            env.getPropertySources().addLast(source);
        }
        assertThat(org.springframework.boot.cloud.CloudPlatform.getActive(env))
                .isEqualTo(org.springframework.boot.cloud.CloudPlatform.KUBERNETES);
        assertThat(Binder.get(env)
                        .bind("server.forward-headers-strategy", String.class)
                        .orElse(null))
                .isEqualToIgnoringCase("none");
    }

    @Test
    void absoluteLimitAboveTwentyFourHoursIsRefused() {
        assertThatThrownBy(() -> new IdentitySettings.Session(
                        Duration.ofMinutes(15), Duration.ofHours(25), Duration.ofSeconds(1)))
                .isInstanceOfSatisfying(StartupException.class, e -> {
                    assertThat(e.setting()).isEqualTo("SECUREVISIT_IDENTITY_SESSION_ABSOLUTE_TIMEOUT");
                    assertThat(e.getMessage()).contains("must not exceed 24h");
                });
        assertThatThrownBy(
                        () -> new IdentitySettings.Session(Duration.ZERO, Duration.ofHours(12), Duration.ofSeconds(1)))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("positive");
        assertThatThrownBy(() -> new IdentitySettings.Password(16_384, 2, 1))
                .hasMessageStartingWith("SECUREVISIT_IDENTITY_PASSWORD_MEMORY_KIB");
        assertThatThrownBy(() -> new IdentitySettings.Password(19_456, 1, 1))
                .hasMessageStartingWith("SECUREVISIT_IDENTITY_PASSWORD_ITERATIONS");
        new IdentitySettings.Session(Duration.ofHours(1), Duration.ofHours(24), Duration.ofSeconds(1));
    }

    @Test
    void accountRecheckIsBetweenZeroAndTenSeconds() {
        for (Duration refused : List.of(Duration.ofSeconds(11), Duration.ofMillis(-1))) {
            assertThatThrownBy(
                            () -> new IdentitySettings.Session(Duration.ofMinutes(15), Duration.ofHours(12), refused))
                    .isInstanceOfSatisfying(StartupException.class, e -> {
                        assertThat(e.setting()).isEqualTo("SECUREVISIT_IDENTITY_SESSION_ACCOUNT_RECHECK");
                        assertThat(e.getMessage()).contains("between 0s and 10s");
                    });
        }
        assertThat(new IdentitySettings.Session(Duration.ofMinutes(15), Duration.ofHours(12), Duration.ZERO)
                        .accountRecheck())
                .isZero();
        assertThat(new IdentitySettings.Session(Duration.ofMinutes(15), Duration.ofHours(12), Duration.ofSeconds(10))
                        .accountRecheck())
                .hasSeconds(10);
    }

    @Test
    void bootstrapAdministratorIsReadFromItsEnvironmentVariables() {
        StandardEnvironment environment = new StandardEnvironment();
        environment
                .getPropertySources()
                .replace(
                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        new SystemEnvironmentPropertySource(
                                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                                Map.of(
                                        "SECUREVISIT_BOOTSTRAP_ADMIN_USERNAME", "ops.admin",
                                        "SECUREVISIT_BOOTSTRAP_ADMIN_PASSWORD", "from the environment")));
        ConfigurationPropertySources.attach(environment);
        BootstrapSettings settings =
                Binder.get(environment).bindOrCreate("securevisit.bootstrap", BootstrapSettings.class);
        assertThat(settings.admin().username()).isEqualTo("ops.admin");
        assertThat(settings.admin().password()).isEqualTo("from the environment");
        assertThat(settings.toString()).doesNotContain("from the environment");
    }

    @Test
    void throttleAlertStepUpAndChallengeSettingsAreBounded() {
        Duration m15 = Duration.ofMinutes(15);
        Duration s30 = Duration.ofSeconds(30);
        assertThatThrownBy(() -> new IdentitySettings.Throttle(3, 3, 10, 50, s30, m15, m15, 20, 10))
                .hasMessageStartingWith("SECUREVISIT_IDENTITY_THROTTLE_ACCOUNT_LOCK_AFTER");
        assertThatThrownBy(() -> new IdentitySettings.Throttle(3, 10, 10, 5, s30, m15, m15, 20, 10))
                .hasMessageStartingWith("SECUREVISIT_IDENTITY_THROTTLE_SOURCE_LOCK_AFTER");
        assertThatThrownBy(() -> new IdentitySettings.Throttle(3, 10, 10, 50, s30, m15, m15, 1, 10))
                .hasMessageStartingWith("SECUREVISIT_IDENTITY_THROTTLE_ALERT_ACCOUNT_FAILURES");
        assertThatThrownBy(() -> new IdentitySettings.Throttle(3, 10, 10, 50, s30, m15, m15, 20, 1))
                .hasMessageStartingWith("SECUREVISIT_IDENTITY_THROTTLE_ALERT_SOURCE_ACCOUNTS");
        assertThatThrownBy(() -> new IdentitySettings.Administration(Duration.ofMinutes(16)))
                .hasMessageStartingWith("SECUREVISIT_IDENTITY_ADMINISTRATION_STEP_UP_MAX_AGE");
        assertThatThrownBy(() -> new IdentitySettings.Administration(Duration.ZERO))
                .isInstanceOf(StartupException.class);
        assertThatThrownBy(() -> new IdentitySettings.WebAuthn("localhost", "SV", List.of(), 0, 30))
                .hasMessageStartingWith("SECUREVISIT_IDENTITY_WEBAUTHN_MAX_PENDING_CHALLENGES");
        assertThatThrownBy(() -> new IdentitySettings.WebAuthn("localhost", "SV", List.of(), 10, 0))
                .hasMessageStartingWith("SECUREVISIT_IDENTITY_WEBAUTHN_OPTIONS_PER_MINUTE");
    }

    static ChildProcess.Result startWith(String variable, String value) throws Exception {
        return ChildProcess.run(Map.of(
                "SECUREVISIT_DATA_DIR",
                Files.createTempDirectory("sv-settings").toString(),
                "SECUREVISIT_PORT",
                "0",
                variable,
                value));
    }
}
