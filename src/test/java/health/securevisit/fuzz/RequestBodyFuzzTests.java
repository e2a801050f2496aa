package health.securevisit.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import health.securevisit.support.Clinic;
import health.securevisit.support.Workforce;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import tools.jackson.core.StreamWriteConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON request bodies of every endpoint that reads one (patients, visits, join, sign-in, setup,
 * users, legal holds, CSP reports), sent over HTTPS to a running server through its real converters,
 * strict-body handling, validation and problem advice. The body is either raw fuzz bytes or a valid
 * body of the endpoint with one field replaced (any JSON type, unknown names, duplicate keys, deep
 * nesting, huge numbers, cut short). {@link HttpAnswers#assertClean}: never a 5xx, refusals are
 * problem+json with a code; a join succeeds only with the link's exact token and date of birth.
 */
class RequestBodyFuzzTests {

    /** Writes what the fuzzer builds, however deep (the server must refuse it, not the harness). */
    private static final JsonMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .streamWriteConstraints(StreamWriteConstraints.builder()
                            .maxNestingDepth(10_000)
                            .build())
                    .build())
            .build();

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> CONTENT_TYPES = List.of(
            "application/json",
            "application/json; charset=UTF-8",
            "application/json; charset=ISO-8859-1",
            "application/problem+json",
            "application/csp-report",
            "text/plain",
            "application/x-www-form-urlencoded");

    /** One endpoint that reads a JSON body: who calls it, where, and a body it accepts. */
    private record Endpoint(String method, String path, Function<FuzzServer, Workforce> caller, String validBody) {}

    private static final FuzzServer SERVER = FuzzServer.get();
    private static final List<Endpoint> ENDPOINTS = endpoints(SERVER);

    @FuzzTest(maxDuration = "10s")
    void everyAnswerIsSuccessOrAProblem(FuzzedDataProvider data) {
        Endpoint endpoint = data.pickValue(ENDPOINTS);
        String contentType = data.consumeInt(0, 15) == 0 ? data.pickValue(CONTENT_TYPES) : "application/json";
        String[] sent = {""};
        String body = switch (data.consumeInt(0, 3)) {
            case 0 -> data.consumeRemainingAsString();
            default -> mutated(endpoint.validBody(), data, sent);
        };
        Workforce caller = endpoint.caller().apply(SERVER);
        HttpRequest.Builder request = HttpRequest.newBuilder(SERVER.server.uri(endpoint.path()))
                .header("Content-Type", contentType)
                .method(endpoint.method(), BodyPublishers.ofString(body));

        HttpResponse<String> answer;
        // The only connection a target makes is to its own server on loopback (Jazzer reports others as SSRF).
        var loopback = BugDetectors.allowNetworkConnections(
                (host, port) -> host.equals("localhost") || host.startsWith("127."));
        try {
            answer = caller.send(csrf(caller, request));
        } finally {
            loopback.close();
        }

        HttpAnswers.assertClean(answer, sent[0]);
        if (endpoint.path().equals("/api/v1/join") && answer.statusCode() < 300) {
            JsonNode join = JSON.readTree(body);
            assertThat(join.path("token").asString()).isEqualTo(SERVER.joinToken);
            assertThat(join.path("dateOfBirth").asString()).isEqualTo(Clinic.DATE_OF_BIRTH);
        }
    }

    /** The endpoint's valid body with one field (named or new) replaced by a fuzzed value. */
    private static String mutated(String validBody, FuzzedDataProvider data, String[] sent) {
        ObjectNode body = (ObjectNode) JSON.readTree(validBody);
        ObjectNode target = body;
        List<String> names = new ArrayList<>(body.propertyNames());
        String name = names.isEmpty() || data.consumeInt(0, 7) == 0 ? data.consumeString(20) : data.pickValue(names);
        if (target.get(name) instanceof ObjectNode nested && data.consumeBoolean()) {
            List<String> inner = new ArrayList<>(nested.propertyNames());
            if (!inner.isEmpty()) {
                target = nested;
                name = data.pickValue(inner);
            }
        }
        JsonNode value = value(data, sent);
        String text;
        switch (data.consumeInt(0, 5)) {
            case 0 ->
                text = "{" + JSON.writeValueAsString(name) + ":" + JSON.writeValueAsString(value) + ","
                        + JSON.writeValueAsString(body).substring(1);
            case 1 -> {
                target.set(name, value);
                String whole = JSON.writeValueAsString(body);
                text = whole.substring(0, data.consumeInt(0, whole.length()));
            }
            default -> {
                target.set(name, value);
                text = JSON.writeValueAsString(body);
            }
        }
        return text;
    }

    private static JsonNode value(FuzzedDataProvider data, String[] sent) {
        return switch (data.consumeInt(0, 9)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(data.consumeBoolean());
            case 2 -> NODES.numberNode(data.consumeLong());
            case 3 -> NODES.numberNode(data.consumeDouble());
            case 4 ->
                NODES.numberNode(new java.math.BigDecimal(
                        java.math.BigInteger.valueOf(data.consumeLong()), data.consumeInt(-100_000, 100_000)));
            case 5 -> {
                ArrayNode array = NODES.arrayNode();
                int n = data.consumeInt(0, 4);
                for (int i = 0; i < n; i++) {
                    array.add(data.consumeString(40));
                }
                yield array;
            }
            case 6 -> {
                JsonNode deep = NODES.stringNode("x");
                int depth = data.consumeInt(1, 3000);
                for (int i = 0; i < depth; i++) {
                    deep = NODES.arrayNode().add(deep);
                }
                yield deep;
            }
            case 7 -> NODES.objectNode().put(data.consumeString(20), data.consumeString(40));
            default -> {
                sent[0] = data.consumeString(300);
                yield NODES.stringNode(sent[0]);
            }
        };
    }

    private static HttpRequest.Builder csrf(Workforce caller, HttpRequest.Builder request) {
        if (caller.cookie("__Host-XSRF-TOKEN").isEmpty()) {
            caller.get("/api/v1/auth/csrf");
        }
        return request.header(
                "X-XSRF-TOKEN", caller.cookie("__Host-XSRF-TOKEN").orElseThrow().getValue());
    }

    private static List<Endpoint> endpoints(FuzzServer s) {
        Clinic c = s.clinic;
        String patient = Workforce.body(
                "mrn",
                "FZ-1",
                "fullName",
                "Fuzz Patient",
                "dateOfBirth",
                "1970-01-01",
                "address",
                "1 Road",
                "phone",
                "+1 555 010 2030",
                "email",
                "f@example.org",
                "insuranceId",
                "INS-1");
        String visits = "/api/v1/visits/" + c.visitId();
        return List.of(
                new Endpoint("POST", "/api/v1/patients", f -> f.clinic.staff(), patient),
                new Endpoint("PUT", "/api/v1/patients/" + c.patientId(), f -> f.clinic.staff(), patient),
                new Endpoint(
                        "POST",
                        "/api/v1/patients/search",
                        f -> f.clinic.staff(),
                        Workforce.body("mrn", "FZ-1", "name", "Fuzz", "dateOfBirth", "1970-01-01")),
                new Endpoint(
                        "POST",
                        "/api/v1/patients/" + c.patientId() + "/break-glass",
                        f -> f.clinic.clinician(),
                        Workforce.body("reason", "emergency: patient unresponsive")),
                new Endpoint(
                        "POST",
                        "/api/v1/visits",
                        f -> f.clinic.staff(),
                        Clinic.newVisit(c.patientId(), java.time.Instant.parse("2099-01-01T10:00:00Z"), 30)),
                new Endpoint("POST", visits + "/transitions", f -> f.clinic.staff(), Workforce.body("to", "WAITING")),
                new Endpoint(
                        "POST",
                        visits + "/identity-verification",
                        f -> f.clinic.staff(),
                        Workforce.body("dataPoints", Map.of("fullName", c.fullName(), "dateOfBirth", "1980-02-03"))),
                new Endpoint(
                        "POST",
                        "/api/v1/join",
                        f -> f.anonymous,
                        Workforce.body("token", s.joinToken, "dateOfBirth", Clinic.DATE_OF_BIRTH)),
                new Endpoint(
                        "POST",
                        "/api/v1/auth/login",
                        f -> f.anonymous,
                        Workforce.body("username", "nobody", "password", "not the password")),
                new Endpoint("POST", "/api/v1/auth/totp/verify", f -> f.anonymous, Workforce.body("code", "123456")),
                new Endpoint(
                        "POST", "/api/v1/auth/recovery/verify", f -> f.anonymous, Workforce.body("code", "abcd-efgh")),
                new Endpoint(
                        "POST",
                        "/api/v1/setup",
                        f -> f.anonymous,
                        Workforce.body("token", "not-the-token", "username", "second", "password", "long enough pw")),
                new Endpoint(
                        "POST",
                        "/api/v1/users",
                        f -> f.admin,
                        Workforce.body(
                                "username",
                                "fuzz.user",
                                "password",
                                "a long passphrase here",
                                "roles",
                                List.of("STAFF"))),
                new Endpoint(
                        "PUT",
                        "/api/v1/users/" + s.spareUserId + "/roles",
                        f -> f.admin,
                        Workforce.body("roles", List.of("STAFF"))),
                new Endpoint(
                        "PUT",
                        "/api/v1/users/" + s.spareUserId + "/enabled",
                        f -> f.admin,
                        Workforce.body("enabled", true)),
                new Endpoint(
                        "POST",
                        "/api/v1/audit/legal-holds",
                        f -> f.admin,
                        Workforce.body("scope", "PATIENT", "subjectId", c.patientId(), "reason", "litigation-1")),
                new Endpoint(
                        "POST",
                        "/api/v1/csp-reports",
                        f -> f.anonymous,
                        Workforce.body(
                                "csp-report",
                                Map.of(
                                        "effective-directive", "script-src",
                                        "violated-directive", "script-src",
                                        "blocked-uri", "https://evil.example/x.js"))));
    }
}
