package health.securevisit.audit.web;

import health.securevisit.support.PostgresDatabase;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.annotation.DirtiesContext;

/** The platform preflight reads the database settings first, so they come from system properties. */
@SpringBootTest(
        properties = {
            "securevisit.data-dir=target/test-data/${random.uuid}",
            "server.port=0",
            "securevisit.audit.record-timeout=3s",
            "securevisit.db.url=${securevisit-test.fail-closed.url}",
            "securevisit.db.user=${securevisit-test.fail-closed.user}"
        })
@AutoConfigureMockMvc
@DirtiesContext
class FailClosedPostgresTests extends FailClosedContract {

    static final PostgresDatabase DB = PostgresDatabase.create();

    static {
        System.setProperty("securevisit-test.fail-closed.url", DB.url());
        System.setProperty("securevisit-test.fail-closed.user", DB.user());
        Runtime.getRuntime().addShutdownHook(new Thread(DB::drop));
    }

    @Override
    String expectedDatabase() {
        return "PostgreSQL";
    }
}
