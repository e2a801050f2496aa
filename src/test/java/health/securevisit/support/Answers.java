package health.securevisit.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** Assertions about how an HTTP answer was sent. */
public final class Answers {

    private Answers() {}

    /**
     * The answer was sent whole with its {@code Content-Length}, not chunked: a chunked answer's end
     * costs the connection a second TLS record and write (docs/benchmarks/chart.md).
     */
    public static void assertSentWithItsLength(HttpResponse<String> answer) {
        assertThat(answer.headers().firstValueAsLong("Content-Length"))
                .as("Content-Length of a %d answer", answer.statusCode())
                .hasValue(answer.body().getBytes(StandardCharsets.UTF_8).length);
        assertThat(answer.headers().firstValue("Transfer-Encoding")).isEmpty();
    }
}
