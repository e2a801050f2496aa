package health.securevisit.device;

import static health.securevisit.support.Workforce.expect;
import static health.securevisit.support.Workforce.json;
import static org.assertj.core.api.Assertions.assertThat;

import health.securevisit.support.PostgresDatabase;
import health.securevisit.support.Workforce;
import health.securevisit.vendor.SyslogEgressGateTests;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The MDM wipe outbox behind the egress gate, on PostgreSQL with the local HTTPS MDM receiver: its
 * integration names vendor {@code acme-mdm}. While that vendor's BAA is expired a lost device's wipe
 * request waits in the outbox (no attempt counted, nothing reaches the MDM, one {@code egress.refused}
 * record and one security alert); renewing the BAA releases it.
 */
class MdmEgressGateTests {

    static PostgresDatabase db;
    static UUID vendorId;

    @BeforeAll
    static void start() throws Exception {
        db = PostgresDatabase.create();
        vendorId = SyslogEgressGateTests.seedVendor(db, "acme-mdm");
        DeviceApiTests.start(Map.of("db.url", db.url(), "db.user", db.user(), "egress.vendor.mdm", "acme-mdm"));
    }

    @AfterAll
    static void stop() {
        DeviceApiTests.stop();
        db.drop();
    }

    @Test
    void anExpiredBaaHoldsTheWipeInTheOutboxAndRenewalReleasesIt() throws Exception {
        Workforce officer = DeviceApiTests.officer;
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        expect(
                officer.put(
                        "/api/v1/vendors/" + vendorId,
                        SyslogEgressGateTests.vendor(today.minusYears(1), today.minusDays(1))),
                200);
        await(
                "the refusal is recorded",
                () -> count("SELECT count(*) FROM audit_entry WHERE action = ?", "egress.refused") == 1);

        DeviceApiTests.Member m = DeviceApiTests.member("CLINICIAN", "ORGANISATION");
        JsonNode request = json(expect(m.client().post("/api/v1/devices/" + m.deviceId() + "/lost", "{}"), 200));
        assertThat(request.path("status").asString()).isEqualTo("PENDING");
        Workforce.sleep(Duration.ofSeconds(3)); // several outbox polls, all held back by the gate
        JsonNode held = wipe(officer, m);
        assertThat(held.path("status").asString()).isEqualTo("PENDING");
        assertThat(held.path("attempts").asInt()).as("no attempt while refused").isZero();
        assertThat(DeviceApiTests.mdm.received).noneMatch(r -> r.path().contains("host-" + m.serial()));
        assertThat(count("SELECT count(*) FROM audit_entry WHERE action = ?", "egress.refused"))
                .as("one record per change, not per poll")
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM security_alert WHERE kind = ?", "egress-refused"))
                .isEqualTo(1);
        JsonNode map = json(expect(officer.get("/api/v1/dataflows"), 200));
        assertThat(map.path("edges").toString()).contains("vendor:acme-mdm", "MDM host id", "\"mdm\"");

        expect(
                officer.put(
                        "/api/v1/vendors/" + vendorId,
                        SyslogEgressGateTests.vendor(today.minusDays(1), today.plusYears(2))),
                200);
        await(
                "the wipe reached the MDM",
                () -> wipe(officer, m).path("status").asString().equals("SENT"));
        assertThat(wipe(officer, m).path("attempts").asInt()).isEqualTo(1);
        assertThat(DeviceApiTests.mdm.received)
                .anyMatch(r -> r.path().equals("/api/v1/fleet/hosts/host-" + m.serial() + "/wipe"));
        assertThat(count("SELECT count(*) FROM audit_entry WHERE action = ?", "egress.resumed"))
                .isEqualTo(1);
    }

    static JsonNode wipe(Workforce officer, DeviceApiTests.Member m) {
        return json(expect(officer.get("/api/v1/devices/" + m.deviceId() + "/wipe-requests"), 200))
                .get(0);
    }

    static long count(String sql, String arg) throws Exception {
        try (Connection c = db.connect();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    interface Check {
        boolean get() throws Exception;
    }

    static void await(String what, Check condition) throws InterruptedException {
        BooleanSupplier safe = () -> {
            try {
                return condition.get();
            } catch (Exception | AssertionError e) {
                return false;
            }
        };
        for (int i = 0; i < 300; i++) {
            if (safe.getAsBoolean()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("timed out waiting until " + what);
    }
}
