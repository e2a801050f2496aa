package health.securevisit.platform;

import static org.assertj.core.api.Assertions.assertThat;

import health.securevisit.support.Answers;
import health.securevisit.support.RunningServer;
import health.securevisit.support.TestServers;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractJacksonHttpMessageConverter;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The HTTP contract of every response, checked over real HTTPS against a running server. */
class HttpContractTests {

    static final JsonMapper JSON = JsonMapper.builder().build();
    final RunningServer server = TestServers.h2();

    @Test
    void healthAnswersUpWithoutLoginAndNothingElse() {
        HttpResponse<String> response = server.get("/api/v1/health");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"status\":\"UP\"}");
        // No Accept header: JSON is labelled JSON (the CSP report reader once took over the answers).
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(response.headers().firstValue("Server")).isEmpty();
        assertThat(response.headers().firstValue("X-Powered-By")).isEmpty();
    }

    @Test
    void jsonAnswersAreWrittenWithTheApplicationsMapper() {
        // The converter Spring MVC picks for a JSON answer must carry the application's mapper (and so
        // its settings and modules): a converter bean of the wrong type once made Spring Boot back off
        // and MVC write every answer with a mapper of its own.
        List<HttpMessageConverter<?>> converters =
                server.context().getBean(RequestMappingHandlerAdapter.class).getMessageConverters();
        HttpMessageConverter<?> json = converters.stream()
                .filter(c -> c.canWrite(Map.class, MediaType.APPLICATION_JSON))
                .findFirst()
                .orElseThrow();
        assertThat(json).isInstanceOf(AbstractJacksonHttpMessageConverter.class);
        assertThat(((AbstractJacksonHttpMessageConverter<?>) json).getMapper())
                .isSameAs(server.context().getBean(JsonMapper.class));
        // The CSP report reader reads with the same mapper and never writes.
        assertThat(converters)
                .filteredOn(
                        c -> c.getSupportedMediaTypes().contains(MediaType.parseMediaType("application/csp-report")))
                .singleElement()
                .satisfies(c -> assertThat(c.canWrite(Map.class, null)).isFalse());
    }

    @Test
    void readinessIncludesTheDatabase() {
        HttpResponse<String> response = server.get("/api/v1/health/readiness");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"status\":\"UP\"}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/health", "/api/v1/openapi.json", "/nope", "/api/v1/anything"})
    void everyResponseCarriesTheSecurityHeaders(String path) {
        HttpResponse<String> response = server.get(path);
        var headers = response.headers();
        String hsts = headers.firstValue("Strict-Transport-Security").orElseThrow();
        long maxAge = Long.parseLong(hsts.replaceAll(".*max-age=(\\d+).*", "$1"));
        assertThat(maxAge).isGreaterThanOrEqualTo(31_536_000L);
        String csp = headers.firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp)
                .contains("frame-ancestors 'none'")
                .contains("script-src 'self'")
                .doesNotContain("unsafe-inline");
        assertThat(headers.firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(headers.firstValue("Referrer-Policy")).contains("no-referrer");
        assertThat(headers.firstValue("X-Request-Id")).isPresent();
        if (path.startsWith("/api/")) {
            assertThat(headers.firstValue("Cache-Control").orElseThrow()).contains("no-store");
        }
    }

    @Test
    void unknownPathIsNotFoundProblem() {
        assertProblem(server.get("/no/such/page"), 404, "not-found");
    }

    @Test
    void anonymousApiCallIsUnauthenticatedProblem() {
        assertProblem(server.get("/api/v1/patients"), 401, "unauthenticated");
    }

    @Test
    void stateChangeWithoutCsrfTokenIsForbiddenProblem() {
        HttpResponse<String> response = server.send(HttpRequest.newBuilder(server.uri("/api/v1/patients"))
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{}")));
        assertProblem(response, 403, "csrf-token-invalid");
    }

    @Test
    void wrongMethodIsMethodNotAllowedProblem() {
        // The CSP report endpoint needs no CSRF token, so the method check itself answers.
        HttpResponse<String> response = server.send(HttpRequest.newBuilder(server.uri("/api/v1/csp-reports"))
                .header("Content-Type", "application/json")
                .PUT(BodyPublishers.ofString("{}")));
        assertProblem(response, 405, "method-not-allowed");
        assertThat(response.headers().firstValue("Allow").orElseThrow()).contains("POST");
    }

    @Test
    void traceIsRefusedByTheContainerAsProblemWithSecurityHeaders() {
        HttpResponse<String> response = server.send(
                HttpRequest.newBuilder(server.uri("/api/v1/health")).method("TRACE", BodyPublishers.noBody()));
        assertProblem(response, 405, "method-not-allowed");
        assertThat(response.headers().firstValue("Strict-Transport-Security")).isPresent();
        assertThat(response.headers().firstValue("Cache-Control").orElseThrow()).contains("no-store");
    }

    @Test
    void wrongMediaTypeIsUnsupportedMediaTypeProblem() {
        HttpResponse<String> response = postCspReport("text/plain", BodyPublishers.ofString("hello"));
        assertProblem(response, 415, "unsupported-media-type");
    }

    @Test
    void malformedJsonIsBadRequestProblemWithoutEcho() {
        HttpResponse<String> response = postCspReport(
                "application/json", BodyPublishers.ofString("{\"csp-report\": {\"blocked-uri\": \"SECRET-ECHO\""));
        assertProblem(response, 400, "invalid-body");
        assertThat(response.body()).doesNotContain("SECRET-ECHO");
    }

    @Test
    void wellFormedCspReportIsAccepted() {
        HttpResponse<String> response = postCspReport(
                "application/csp-report",
                BodyPublishers.ofString(
                        "{\"csp-report\":{\"effective-directive\":\"script-src\",\"blocked-uri\":\"inline\"}}"));
        assertThat(response.statusCode()).isEqualTo(204);
    }

    @Test
    void bodyOverTheLimitIsPayloadTooLargeProblem() {
        byte[] big = new byte[2 * 1024 * 1024];
        HttpResponse<String> response = postCspReport("application/json", BodyPublishers.ofByteArray(big));
        assertProblem(response, 413, "payload-too-large");
    }

    @Test
    void chunkedBodyOverTheLimitIsPayloadTooLargeProblem() {
        // An InputStream publisher has no known length, so the client sends it chunked.
        String json = "{\"csp-report\":{\"blocked-uri\":\"" + "a".repeat(2 * 1024 * 1024) + "\"}}";
        HttpResponse<String> response = postCspReport(
                "application/json",
                BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(json.getBytes())));
        assertProblem(response, 413, "payload-too-large");
    }

    @Test
    void openApiDocumentDescribesTheApi() {
        HttpResponse<String> response = server.get("/api/v1/openapi.json");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode doc = JSON.readTree(response.body());
        assertThat(doc.path("openapi").asString()).startsWith("3.");
        assertThat(doc.path("paths").has("/api/v1/health")).isTrue();
        assertThat(doc.path("paths").has("/api/v1/health/readiness")).isTrue();
    }

    @Test
    void htmlClientsGetProblemJsonToo() {
        HttpResponse<String> response = server.send(HttpRequest.newBuilder(server.uri("/missing"))
                .header("Accept", "text/html")
                .GET());
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(response.body()).doesNotContain("<html");
    }

    @Test
    void malformedRequestLineIsAnsweredAsProblemByTheContainer() throws Exception {
        SSLContext ssl = RunningServer.trusting(server.dataDir().resolve("tls/server.crt"));
        try (SSLSocket socket = (SSLSocket) ssl.getSocketFactory().createSocket("localhost", server.port())) {
            socket.getOutputStream()
                    .write("GET /a{b}<c> HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(response)
                    .startsWith("HTTP/1.1 400")
                    .contains("application/problem+json")
                    .contains("\"code\":\"bad-request\"")
                    .doesNotContain("<html")
                    .doesNotContain("Tomcat");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "POST", "PUT", "DELETE", "PATCH"})
    void errorPathAskedForDirectlyIsNotFound(String method) {
        HttpResponse<String> response = server.send(HttpRequest.newBuilder(server.uri("/error"))
                .header("Content-Type", "application/json")
                .method(method, BodyPublishers.ofString("{}")));
        assertProblem(response, 404, "not-found");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/api/v1/patients?MRN=SECRET-PHI-1",
                "/api/v1/patients?mrn=SECRET-PHI-1",
                "/api/v1/patients?full_name=SECRET-PHI-1",
                "/api/v1/patients?FULL-NAME=SECRET-PHI-1",
                "/api/v1/patients?Name=SECRET-PHI-1",
                "/api/v1/patients?lastName=SECRET-PHI-1",
                "/api/v1/patients?DateOfBirth=SECRET-PHI-1",
                "/api/v1/patients?date.of.birth=SECRET-PHI-1",
                "/api/v1/patients?dob=SECRET-PHI-1",
                "/api/v1/patients?birthDate=SECRET-PHI-1",
                "/api/v1/patients?PHONE=SECRET-PHI-1",
                "/api/v1/patients?e-mail=SECRET-PHI-1",
                "/api/v1/patients?email=SECRET-PHI-1",
                "/api/v1/patients?address=SECRET-PHI-1",
                "/api/v1/patients?insuranceId=SECRET-PHI-1",
                "/api/v1/patients?insurance_id=SECRET-PHI-1",
                "/api/v1/patients?SSN=SECRET-PHI-1",
                "/api/v1/patients?page=1&f%75llName=SECRET-PHI-1",
                "/api/v1/visits?patientName=SECRET-PHI-1",
                "/api/v1/audit/entries?zip=SECRET-PHI-1",
                "/api/v1/no-such-endpoint?dateOfBirth=SECRET-PHI-1",
                "/api/v1/health?mrn"
            })
    void phiInAnyApiUrlIsRefusedWhateverTheCaseOrSeparator(String pathAndQuery) {
        HttpResponse<String> response = server.get(pathAndQuery); // anonymous: refused before sign-in is asked
        assertProblem(response, 400, "phi-in-url");
        assertThat(response.body()).doesNotContain("SECRET-PHI-1").doesNotContain("?");
        assertThat(response.headers().firstValue("Strict-Transport-Security")).isPresent();
    }

    @Test
    void queryParametersWithoutPatientDataPass() {
        assertThat(server.get("/api/v1/health?probe=1").statusCode()).isEqualTo(200);
        assertProblem(server.get("/api/v1/visits?from=2030-01-01T00:00:00Z&clinicianId=x"), 401, "unauthenticated");
    }

    @Test
    void jsonAnswersCarryTheirLengthFromTheConverter() {
        HttpResponse<String> health = server.get("/api/v1/health");
        assertThat(health.statusCode()).isEqualTo(200);
        Answers.assertSentWithItsLength(health);
        HttpResponse<String> openApi = server.get("/api/v1/openapi.json");
        assertThat(openApi.statusCode()).isEqualTo(200);
        Answers.assertSentWithItsLength(openApi);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/account/security", "/admin/users"})
    void redirectsNeverTakeTheirHostFromTheRequest(String path) throws Exception {
        SSLContext ssl = RunningServer.trusting(server.dataDir().resolve("tls/server.crt"));
        try (SSLSocket socket = (SSLSocket) ssl.getSocketFactory().createSocket("localhost", server.port())) {
            socket.getOutputStream()
                    .write(("GET " + path + " HTTP/1.1\r\nHost: evil.example\r\nX-Forwarded-Host: evil.example\r\n"
                                    + "X-Forwarded-Proto: http\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(response).startsWith("HTTP/1.1 302").doesNotContainIgnoringCase("evil.example");
            assertThat(response.lines().filter(l -> l.regionMatches(true, 0, "Location:", 0, 9)))
                    .singleElement()
                    .satisfies(l -> assertThat(l.substring(9).strip()).startsWith("/login"));
        }
    }

    HttpResponse<String> postCspReport(String contentType, HttpRequest.BodyPublisher body) {
        return server.send(HttpRequest.newBuilder(server.uri("/api/v1/csp-reports"))
                .header("Content-Type", contentType)
                .POST(body));
    }

    static void assertProblem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("status").asInt()).isEqualTo(status);
        assertThat(body.path("code").asString()).isEqualTo(code);
        assertThat(body.path("type").asString()).isEqualTo("urn:securevisit:problem:" + code);
        assertThat(body.path("title").asString()).isNotBlank();
        Answers.assertSentWithItsLength(response); // the JSON converter (or ProblemWriter outside MVC) gives it
        for (String leak : List.of("Exception", "\tat ", "org.springframework", "Tomcat", "<html")) {
            assertThat(response.body()).doesNotContain(leak);
        }
    }
}
