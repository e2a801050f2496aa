package health.securevisit.device;

import health.securevisit.support.PostgresDatabase;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The device flows of {@link DeviceApiTests} and {@link PostureExceptionTests} on a throw-away PostgreSQL
 * database (migrations V120 and V180 there too).
 */
class DeviceOnPostgresTests {

    static PostgresDatabase db;
    final DeviceApiTests flows = new DeviceApiTests();
    final PostureExceptionTests exceptions = new PostureExceptionTests();

    @BeforeAll
    static void start() throws Exception {
        db = PostgresDatabase.create();
        DeviceApiTests.start(Map.of("db.url", db.url(), "db.user", db.user()));
    }

    @AfterAll
    static void stop() {
        DeviceApiTests.stop();
        db.drop();
    }

    @Test
    void chartAccessFollowsTheProvedDeviceOnPostgres() {
        flows.theChartOpensOnlyOnAProvedCompliantDeviceAndNotWithAStolenCookie();
    }

    @Test
    void postureEvidenceOnPostgres() throws Exception {
        flows.webhookReportsMustBeSignedFreshAndNew();
        flows.complianceCsvTakesGoodRowsListsBadOnesAndRefusesUnknownColumns();
    }

    @Test
    void inventoryAndLostDeviceOnPostgres() throws Exception {
        flows.theInventoryIsSearchableExportableAndForOfficersOnly();
        flows.aLostDeviceEndsItsSessionsAndIsWipedThroughTheMdm();
    }

    @Test
    void postureExceptionsOnPostgres() {
        try {
            exceptions.badGrantsAreRefusedWholeAndAudited();
            exceptions.aGroupExceptionCoversEveryDeviceOfTheGroupOnly();
            exceptions.anExceptionLetsAFailingDeviceReadTheChartUntilItIsRevokedOrExpires();
        } finally {
            PostureExceptionTests.clock().reset();
        }
    }
}
