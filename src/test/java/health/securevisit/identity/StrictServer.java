package health.securevisit.identity;

import health.securevisit.identity.internal.UserAdministration;
import health.securevisit.support.RunningServer;
import health.securevisit.support.Workforce;
import java.util.Map;

/**
 * A server with short session limits and a strict throttle, bootstrapped from the
 * {@code bootstrap.admin.*} settings, shared by the tests that need those limits.
 */
final class StrictServer {

    static final String ADMIN = "boot.admin";
    static final String ADMIN_PASSWORD = "bootstrap admin passphrase";
    private static RunningServer server;

    private StrictServer() {}

    static synchronized RunningServer get() {
        if (server == null) {
            server = RunningServer.start(Map.ofEntries(
                    Map.entry("bootstrap.admin.username", ADMIN),
                    Map.entry("bootstrap.admin.password", ADMIN_PASSWORD),
                    Map.entry("identity.session.idle-timeout", "3s"),
                    Map.entry("identity.session.absolute-timeout", "8s"),
                    Map.entry("identity.throttle.account-free-failures", "2"),
                    Map.entry("identity.throttle.account-lock-after", "4"),
                    Map.entry("identity.throttle.source-free-failures", "4"),
                    Map.entry("identity.throttle.source-lock-after", "8"),
                    Map.entry("identity.throttle.max-delay", "1s"),
                    Map.entry("identity.throttle.lock-for", "1m"),
                    Map.entry("identity.throttle.alert-account-failures", "6"),
                    Map.entry("identity.throttle.alert-source-accounts", "3"),
                    Map.entry("identity.webauthn.max-pending-challenges", "40"),
                    Map.entry("identity.webauthn.options-per-minute", "15"),
                    Map.entry("identity.administration.step-up-max-age", "2s"),
                    Map.entry("identity.webauthn.allowed-origins", "https://portal.example.org")));
            Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        }
        return server;
    }

    /** A new account that has not signed in yet (no factor). */
    static Workforce.Account user(String username) {
        return user(username, Role.STAFF);
    }

    /** A new account with {@code role} that has not signed in yet (no factor). */
    static Workforce.Account user(String username, Role role) {
        String password = "strict server passphrase " + java.util.UUID.randomUUID();
        String id = get().context()
                .getBean(UserAdministration.class)
                .create(null, username, password, java.util.Set.of(role))
                .id()
                .toString();
        return new Workforce.Account(id, username, password, "");
    }

    /**
     * A new enrolled account on the strict server. Sessions there last seconds, so the fixture
     * creates the account through the administration service directly (the HTTP path is covered
     * elsewhere) and enrols its TOTP app over HTTP.
     */
    static Workforce.Account account(String username) {
        Workforce.Account created = user(username);
        String id = created.id();
        String password = created.password();
        String secret = Workforce.from(get(), "127.0.0.2").firstSignIn(username, password);
        return new Workforce.Account(id, username, password, secret);
    }
}
