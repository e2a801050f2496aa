package health.securevisit.risk.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import health.securevisit.platform.EgressDeclaration;
import health.securevisit.platform.EgressGate;
import health.securevisit.platform.EgressSettings;
import health.securevisit.platform.PhiFlowContributor;
import health.securevisit.platform.PhiFlowMap;
import health.securevisit.platform.StartupException;
import health.securevisit.platform.Transport;
import health.securevisit.platform.VendorAgreements;
import health.securevisit.platform.VendorAgreements.Standing;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The map is built from contributors and egress registrations only: a new integration (TURN here)
 * appears with one setting and one register call; Graphviz dot draws it; names are escaped.
 */
class FlowMapsTests {

    final List<Object> published = new ArrayList<>();

    EgressGate gate(Map<String, String> vendors, Map<String, Standing> register) {
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("agreements", (VendorAgreements) () -> register);
        return new EgressGate(
                new EgressSettings(vendors, Duration.ofSeconds(5)),
                beans.getBeanProvider(VendorAgreements.class),
                published::add,
                TransactionOperations.withoutTransaction(),
                Clock.systemUTC());
    }

    static final PhiFlowContributor SERVER = map -> map.node("module:server", "Server", PhiFlowMap.Kind.MODULE, null)
            .edge("person:patient", "module:server", "PHI", Transport.tls("TLSv1.3"), "platform");

    @Test
    void aNewIntegrationAppearsOnTheMapWithOneSettingAndOneRegistration() {
        EgressGate gate = gate(Map.of("turn", "relay-co"), Map.of("relay-co", Standing.CURRENT));
        FlowMaps maps = new FlowMaps(List.of(SERVER), gate);
        assertThat(maps.current().edges()).hasSize(1);

        gate.register(new EgressDeclaration(
                "turn",
                "TURN media relay",
                "visit media (encrypted end to end)",
                "turn.example:5349",
                Transport.dtlsSrtp()));
        gate.start();

        PhiFlowMap map = maps.current();
        assertThat(map.edges()).anySatisfy(e -> {
            assertThat(e.to()).isEqualTo("vendor:relay-co");
            assertThat(e.transport().label()).isEqualTo("DTLS-SRTP DTLSv1.2 (verified)");
            assertThat(e.contributor()).isEqualTo("turn");
        });
        assertThat(FlowMaps.findings(map)).isEmpty();
    }

    @Test
    void theGateRefusesOnceAndResumesOncePerChange() {
        Map<String, Standing> register = new java.util.HashMap<>(Map.of("siem", Standing.CURRENT));
        EgressGate gate = gate(Map.of("syslog", "siem"), register);
        var egress = gate.register(new EgressDeclaration("syslog", "syslog", "audit", "h:1", Transport.tls("TLSv1.3")));
        gate.start();
        assertThat(gate.permits(egress)).isTrue();
        register.put("siem", Standing.EXPIRED);
        gate.agreementsChanged();
        for (int i = 0; i < 100; i++) {
            assertThat(gate.permits(egress)).isFalse();
        }
        register.put("siem", Standing.REVIEW_DUE);
        gate.agreementsChanged();
        assertThat(gate.permits(egress)).isTrue();
        assertThat(published).hasSize(2);
    }

    @Test
    void anIntegrationNamingAnUnknownVendorRefusesToStart() {
        EgressGate gate = gate(Map.of("turn", "nobody"), Map.of());
        gate.register(new EgressDeclaration("turn", "TURN", "media", "h:1", Transport.dtlsSrtp()));
        assertThatThrownBy(gate::start)
                .isInstanceOf(StartupException.class)
                .hasMessage(
                        "SECUREVISIT_EGRESS_VENDOR_TURN: names vendor 'nobody', which is not in the vendor register");
    }

    @Test
    void dotDrawsTheMapAndUnencryptedFlowsStandOut() {
        PhiFlowMap map = PhiFlowMap.builder()
                .node("vendor:x", "Evil \"vendor\" \\ <script>", PhiFlowMap.Kind.VENDOR, null)
                .edge("module:server", "vendor:x", "PHI", Transport.plaintext("HTTP"), "webhook")
                .build();
        assertThat(FlowDrawing.dot(map)).contains("\"Evil \\\"vendor\\\" \\\\ <script>\"");
        String svg = new String(new FlowDrawing().svg(map), StandardCharsets.UTF_8);
        assertThat(svg).contains("<svg").contains("Evil &quot;vendor&quot;").doesNotContain("<script>");
        assertThat(svg).contains("#b00020");
        assertThat(FlowMaps.findings(map)).hasSize(1);
    }
}
