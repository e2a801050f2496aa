package health.securevisit.audit.web;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

@SpringBootTest(
        properties = {
            "securevisit.data-dir=target/test-data/${random.uuid}",
            "server.port=0",
            "securevisit.audit.record-timeout=3s"
        })
@AutoConfigureMockMvc
class FailClosedH2Tests extends FailClosedContract {

    @Override
    String expectedDatabase() {
        return "H2";
    }
}
