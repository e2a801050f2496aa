package health.securevisit.room.internal;

import health.securevisit.platform.Egress;
import health.securevisit.platform.PhiFlowContributor;
import health.securevisit.platform.PhiFlowMap;
import health.securevisit.platform.Transport;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * The room's part of the PHI data-flow map when TURN is configured: both browsers send their visit
 * media to the relay (DTLS-SRTP end to end) and talk TURN to it over TLS ({@code turns:}) or in the
 * clear over UDP/TCP ({@code turn:}, shown as a finding: it carries the credential's username, which
 * names the visit and participant). The server's own edge to the relay comes from the egress gate.
 */
@Component
class RoomFlows implements PhiFlowContributor {

    private final TurnCredentials turn;

    RoomFlows(TurnCredentials turn) {
        this.turn = turn;
    }

    @Override
    public void contribute(PhiFlowMap.Builder map) {
        Egress egress = turn.egress();
        if (egress == null) {
            return;
        }
        String relay = egress.selfHosted() ? "service:" + egress.integration() : "vendor:" + egress.vendor();
        Transport signalling = signalling(turn.urls().getFirst());
        for (String person : new String[] {"person:patient", "person:workforce"}) {
            map.edge(person, relay, "visit audio/video", Transport.dtlsSrtp(), "room")
                    .edge(person, relay, "TURN allocation (visit and participant ids)", signalling, "room");
        }
    }

    static Transport signalling(String url) {
        if (url.startsWith("turns:")) {
            return Transport.tls("TLSv1.3, TLSv1.2");
        }
        String transport = url.contains("transport=tcp") ? "TCP" : "UDP";
        return Transport.plaintext("TURN/" + transport.toUpperCase(Locale.ROOT));
    }
}
