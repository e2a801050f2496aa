package health.securevisit.platform.internal;

import health.securevisit.network.TlsPolicy;
import health.securevisit.platform.PhiFlowContributor;
import health.securevisit.platform.PhiFlowMap;
import health.securevisit.platform.PhiFlowMap.AtRest;
import health.securevisit.platform.PhiFlowMap.Kind;
import health.securevisit.platform.PlatformSettings;
import health.securevisit.platform.Transport;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * The platform's part of the PHI data-flow map: the people reaching the server over HTTPS, the server
 * itself, and its database (embedded in-process, or PostgreSQL over verified TLS or on loopback).
 */
@Component
class PlatformFlows implements PhiFlowContributor {

    static final String HTTPS = String.join(", ", TlsPolicy.PROTOCOLS);

    private final PlatformSettings settings;

    PlatformFlows(PlatformSettings settings) {
        this.settings = settings;
    }

    @Override
    public void contribute(PhiFlowMap.Builder map) {
        map.node("person:workforce", "Workforce (browser)", Kind.PERSON, null, "viewed")
                .node("person:patient", "Patient (browser, join link)", Kind.PERSON, null, "created")
                .node("module:server", "SecureVisit server", Kind.MODULE, null, "created", "processed")
                .node(
                        "store:database",
                        settings.db().embedded() ? "Database (embedded H2)" : "Database (PostgreSQL)",
                        Kind.STORE,
                        new AtRest(true, "PHI columns AES-256-GCM, bound to table, column and row"),
                        "stored",
                        "deleted (crypto-shredding)")
                .edge(
                        "person:workforce",
                        "module:server",
                        "PHI (charts, demographics)",
                        Transport.tls(HTTPS),
                        "platform")
                .edge(
                        "person:patient",
                        "module:server",
                        "PHI (intake, identity data)",
                        Transport.tls(HTTPS),
                        "platform")
                .edge("module:server", "store:database", "PHI ciphertext and identifiers", database(), "platform");
    }

    private Transport database() {
        if (settings.db().embedded()) {
            return Transport.local();
        }
        String url = settings.db().url() == null ? "" : settings.db().url().toLowerCase(Locale.ROOT);
        return url.contains("sslmode=verify-full")
                ? Transport.tls("TLSv1.3, TLSv1.2")
                : Transport.plaintext("PostgreSQL on loopback");
    }
}
