package health.securevisit.identity.internal;

import health.securevisit.platform.EvidenceSource;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@code identity.mfa-phishing-resistant}: every enabled workforce account has a phishing-resistant
 * factor (a WebAuthn security key or passkey registered to it); the accounts without one fail, by id.
 * TOTP counts as a second factor for sign-in but not here, since a code can be phished.
 */
@Component
class PasskeyCoverage implements EvidenceSource {

    static final String CHECK = "identity.mfa-phishing-resistant";

    private final JdbcClient jdbc;
    private final Clock clock;

    PasskeyCoverage(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public List<Evidence> evidence() {
        Instant now = clock.instant();
        long accounts = jdbc.sql("SELECT COUNT(*) FROM identity_users WHERE enabled = TRUE")
                .query(Long.class)
                .single();
        if (accounts == 0) {
            return List.of(Evidence.none(CHECK, now, "no enabled workforce account"));
        }
        List<String> without = jdbc.sql("SELECT u.id FROM identity_users u WHERE u.enabled = TRUE AND NOT EXISTS ("
                        + "SELECT 1 FROM user_entities e JOIN user_credentials c ON c.user_entity_user_id = e.id"
                        + " WHERE e.name = u.username) ORDER BY u.id")
                .query((rs, n) -> "account:" + rs.getString(1))
                .list();
        String summary = (accounts - without.size()) + " of " + accounts
                + " enabled workforce accounts have a security key or passkey";
        return List.of(
                without.isEmpty() ? Evidence.pass(CHECK, now, summary) : Evidence.fail(CHECK, now, summary, without));
    }
}
