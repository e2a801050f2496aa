package health.securevisit.room.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import health.securevisit.platform.EgressGate;
import health.securevisit.platform.EgressSettings;
import health.securevisit.platform.EgressStateChanged;
import health.securevisit.platform.PhiFlowMap;
import health.securevisit.platform.SecureVisitException;
import health.securevisit.platform.StartupException;
import health.securevisit.platform.VendorAgreements;
import health.securevisit.platform.VendorAgreements.Standing;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The TURN service behind the egress gate: an external relay names its vendor, and no credential is
 * minted while that vendor's BAA is not current (one refusal event per change, which the audit
 * trail and the security alerts record); a self-hosted coturn needs no vendor; the map shows the
 * relay with DTLS-SRTP media and the signalling transport as configured.
 */
class TurnEgressTests {

    static final String SECRET = "turn-egress-test-secret-0123456789abcdef";

    final List<Object> published = new ArrayList<>();
    final Map<String, Standing> register = new HashMap<>(Map.of("relay-co", Standing.CURRENT));

    EgressGate gate(Map<String, String> vendors) {
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("agreements", (VendorAgreements) () -> Map.copyOf(register));
        return new EgressGate(
                new EgressSettings(vendors, Duration.ofSeconds(5)),
                beans.getBeanProvider(VendorAgreements.class),
                published::add,
                TransactionOperations.withoutTransaction(),
                Clock.systemUTC());
    }

    static TurnSettings turn(String url) {
        return new TurnSettings(List.of(url), SECRET, Duration.ofMinutes(10), false);
    }

    @Test
    void anExternalRelayWhoseBaaLapsedGetsNoCredentialsUntilRenewed() {
        EgressGate gate = gate(Map.of("turn", "relay-co"));
        TurnCredentials credentials =
                new TurnCredentials(turn("turns:turn.relay.example:5349?transport=tcp"), gate, Clock.systemUTC());
        gate.start();
        UUID visit = UUID.randomUUID();
        assertThat(credentials.mint(visit, UUID.randomUUID()).iceServers()).hasSize(1);

        register.put("relay-co", Standing.EXPIRED);
        gate.agreementsChanged();
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> credentials.mint(visit, UUID.randomUUID()))
                    .isInstanceOfSatisfying(SecureVisitException.class, e -> {
                        assertThat(e.code()).isEqualTo("turn-vendor-refused");
                        assertThat(e.kind()).isEqualTo(SecureVisitException.Kind.UNAVAILABLE);
                    });
        }
        assertThat(published)
                .as("one refusal (audited and alerted by its listeners), not one per request")
                .singleElement()
                .isInstanceOfSatisfying(EgressStateChanged.class, e -> {
                    assertThat(e.integration()).isEqualTo("turn");
                    assertThat(e.vendor()).isEqualTo("relay-co");
                    assertThat(e.permitted()).isFalse();
                });

        register.put("relay-co", Standing.CURRENT);
        gate.agreementsChanged();
        assertThat(credentials.mint(visit, UUID.randomUUID()).iceServers()).hasSize(1);
        assertThat(published).hasSize(2);
    }

    @Test
    void turnUrlsWithoutAVendorSettingOrWithAnUnknownVendorRefuseToStart() {
        assertThatThrownBy(() -> new TurnCredentials(turn("turn:127.0.0.1:3478"), gate(Map.of()), Clock.systemUTC()))
                .isInstanceOf(StartupException.class)
                .hasMessageStartingWith("SECUREVISIT_EGRESS_VENDOR_TURN: ")
                .hasMessageContaining("self-hosted");
        EgressGate gate = gate(Map.of("turn", "nobody"));
        new TurnCredentials(turn("turn:127.0.0.1:3478"), gate, Clock.systemUTC());
        assertThatThrownBy(gate::start)
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("names vendor 'nobody'");
    }

    @Test
    void aSelfHostedCoturnIsNoVendorAndIsDrawnWithItsSignallingTransport() {
        register.clear();
        EgressGate gate = gate(Map.of("turn", EgressGate.SELF_HOSTED));
        TurnCredentials credentials =
                new TurnCredentials(turn("turn:127.0.0.1:3478?transport=udp"), gate, Clock.systemUTC());
        gate.start();
        assertThat(credentials.mint(UUID.randomUUID(), UUID.randomUUID()).iceServers())
                .hasSize(1);
        assertThat(gate.statuses())
                .singleElement()
                .satisfies(s -> assertThat(s.permitted()).isTrue());
        assertThat(published).isEmpty();

        PhiFlowMap.Builder builder = PhiFlowMap.builder();
        new RoomFlows(credentials).contribute(builder);
        PhiFlowMap map = builder.build();
        assertThat(map.edges()).allSatisfy(e -> assertThat(e.to()).isEqualTo("service:turn"));
        assertThat(map.edges())
                .filteredOn(e -> e.carries().equals("visit audio/video"))
                .hasSize(2)
                .allSatisfy(e -> assertThat(e.transport().label()).isEqualTo("DTLS-SRTP DTLSv1.2 (verified)"));
        assertThat(map.edges())
                .filteredOn(e -> e.carries().startsWith("TURN allocation"))
                .allSatisfy(e -> {
                    assertThat(e.transport().label()).isEqualTo("TURN/UDP");
                    assertThat(e.transport().protectedInTransit()).isFalse();
                });
        assertThat(RoomFlows.signalling("turns:relay.example:5349").label()).isEqualTo("TLSv1.3, TLSv1.2 (verified)");
    }
}
