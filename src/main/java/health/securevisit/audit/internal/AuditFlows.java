package health.securevisit.audit.internal;

import health.securevisit.platform.PhiFlowContributor;
import health.securevisit.platform.PhiFlowMap;
import health.securevisit.platform.PhiFlowMap.AtRest;
import health.securevisit.platform.PhiFlowMap.Kind;
import health.securevisit.platform.Transport;
import org.springframework.stereotype.Component;

/**
 * The audit module's part of the PHI data-flow map: the trail (identifiers only) and the local export
 * files when enabled. The syslog export is on the map through its egress-gate registration.
 */
@Component
class AuditFlows implements PhiFlowContributor {

    private final AuditSettings settings;

    AuditFlows(AuditSettings settings) {
        this.settings = settings;
    }

    @Override
    public void contribute(PhiFlowMap.Builder map) {
        map.node(
                        "store:audit-trail",
                        "Audit trail (Merkle tree)",
                        Kind.STORE,
                        new AtRest(false, "identifiers only, no PHI values; tamper-evident, signed checkpoints"),
                        "stored",
                        "deleted after retention")
                .edge("module:server", "store:audit-trail", "audit records (identifiers)", Transport.local(), "audit");
        if (settings.export().jsonLines() || settings.export().fhir()) {
            map.node(
                            "store:audit-export",
                            "Audit export files (JSON lines, FHIR)",
                            Kind.STORE,
                            new AtRest(false, "identifiers only, in the data directory (mode 0700)"),
                            "stored")
                    .edge(
                            "store:audit-trail",
                            "store:audit-export",
                            "audit records (identifiers)",
                            Transport.local(),
                            "audit");
        }
    }
}
