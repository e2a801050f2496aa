package health.securevisit.records;

import static org.assertj.core.api.Assertions.assertThat;

import health.securevisit.support.Workforce;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/** Asserts a problem+json answer with its status and code. */
final class Problem {

    private Problem() {}

    static void is(HttpResponse<?> answer, int status, @Nullable String code) {
        String body = answer.body() instanceof byte[] bytes
                ? new String(bytes, StandardCharsets.UTF_8)
                : String.valueOf(answer.body());
        assertThat(answer.statusCode()).as("status of %s", body).isEqualTo(status);
        assertThat(answer.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        if (code != null) {
            assertThat(Workforce.JSON.readTree(body).path("code").asString()).isEqualTo(code);
        }
    }
}
