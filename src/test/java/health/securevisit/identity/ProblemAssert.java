package health.securevisit.identity;

import static org.assertj.core.api.Assertions.assertThat;

import health.securevisit.support.Workforce;
import java.net.http.HttpResponse;
import tools.jackson.databind.JsonNode;

/** Asserts problem+json answers of the identity API. */
final class ProblemAssert {

    private ProblemAssert() {}

    static JsonNode problem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        JsonNode body = Workforce.json(response);
        assertThat(body.path("code").asString()).isEqualTo(code);
        assertThat(body.path("type").asString()).isEqualTo("urn:securevisit:problem:" + code);
        assertThat(response.body()).doesNotContain("Exception", "\tat ");
        return body;
    }
}
