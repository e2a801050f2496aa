package health.securevisit.audit.web;

import health.securevisit.support.PostgresDatabase;
import org.junit.jupiter.api.AfterAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(
        properties = {
            "securevisit.data-dir=target/test-data/${random.uuid}",
            "server.port=0",
            "securevisit.audit.record-timeout=3s"
        })
@AutoConfigureMockMvc
class FailClosedPostgresTests extends FailClosedContract {

    static final PostgresDatabase DB = PostgresDatabase.create();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("securevisit.db.url", DB::url);
        registry.add("securevisit.db.user", DB::user);
    }

    @AfterAll
    static void drop() {
        DB.drop();
    }
}
