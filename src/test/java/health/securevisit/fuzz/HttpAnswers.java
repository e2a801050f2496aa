package health.securevisit.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What every HTTP fuzz target asserts of every answer: never a 5xx; a refusal is RFC 9457
 * problem+json whose {@code status} is the HTTP status and whose {@code code} is a stable token, and
 * it does not echo a long fuzzed value back (error text never carries record contents).
 */
public final class HttpAnswers {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private HttpAnswers() {}

    /** Asserts the rules above for an answer to a request that carried {@code sent} (may be empty). */
    public static void assertClean(HttpResponse<String> answer, String sent) {
        int status = answer.statusCode();
        assertThat(status).as("status of %s", answer.request().uri()).isLessThan(500);
        if (status < 400) {
            return;
        }
        assertThat(answer.headers().firstValue("Content-Type"))
                .as("content type of a %s answer", status)
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(answer.body());
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("code").asString()).matches("[a-z0-9][a-z0-9-]{1,63}");
        if (sent.length() >= 16 && sent.chars().anyMatch(Character::isLetterOrDigit)) {
            assertThat(answer.body()).doesNotContain(sent);
        }
    }
}
