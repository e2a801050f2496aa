package health.securevisit.platform.internal;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import health.securevisit.platform.StartupException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** SECUREVISIT_PUBLIC_URL: https with a host and nothing after it, required with a configured certificate. */
class PublicUrlPreflightTests {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://visit.example.org",
                "https:///nohost",
                "https://bad host",
                "https://user@visit.example.org",
                "https://visit.example.org/app",
                "https://visit.example.org/?next=x",
                "https://visit.example.org/#x",
                "ftp://visit.example.org"
            })
    void refusesAnythingButAnHttpsHost(String url) {
        assertThatThrownBy(() -> PublicUrlPreflight.check(url, ""))
                .isInstanceOf(StartupException.class)
                .hasMessageStartingWith("SECUREVISIT_PUBLIC_URL: must be an https URL");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://visit.example.org", "https://visit.example.org/", "https://10.0.0.5:8443"})
    void acceptsAnHttpsHost(String url) {
        assertThatCode(() -> PublicUrlPreflight.check(url, "/etc/tls/cert.pem")).doesNotThrowAnyException();
    }

    @Test
    void isRequiredWithAConfiguredCertificateOnly() {
        assertThatCode(() -> PublicUrlPreflight.check(null, "")).doesNotThrowAnyException();
        assertThatThrownBy(() -> PublicUrlPreflight.check(null, "/etc/tls/cert.pem"))
                .isInstanceOf(StartupException.class)
                .hasMessageStartingWith("SECUREVISIT_PUBLIC_URL: is required when SECUREVISIT_TLS_CERT is set");
    }
}
