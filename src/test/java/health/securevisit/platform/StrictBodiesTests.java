package health.securevisit.platform;

import static health.securevisit.support.Workforce.expect;
import static health.securevisit.support.Workforce.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import health.securevisit.support.Answers;
import health.securevisit.support.RunningServer;
import health.securevisit.support.TestServers;
import health.securevisit.support.Workforce;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every module's request bodies are read by the one strict mapper and refused by the one platform
 * advice: an unknown field is 400 {@code unknown-field}; a duplicate key, a wrong type or not JSON is
 * 400 {@code invalid-body}; neither echoes the body, and nothing is applied.
 */
class StrictBodiesTests {

    static final RunningServer SERVER = TestServers.h2();
    static final String SECRET = "SECRET-ECHO-77";

    /** Who sends the body: the administrator, a staff member, or an anonymous client with a CSRF token. */
    enum Sender {
        ADMIN,
        STAFF,
        ANONYMOUS
    }

    /**
     * One endpoint per module family: a body the endpoint would accept apart from the case under test,
     * a string field (to give a number) and a field of another type with a value of the wrong type.
     */
    record Endpoint(
            String name,
            Sender sender,
            String method,
            String path,
            String body,
            @Nullable String stringField,
            @Nullable String otherField,
            @Nullable String otherValue) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final String ANY_ID = UUID.randomUUID().toString();

    static List<Endpoint> endpoints() {
        return List.of(
                new Endpoint(
                        "identity: sign-in",
                        Sender.ANONYMOUS,
                        "POST",
                        "/api/v1/auth/login",
                        "{\"username\":\"nobody.strict\",\"password\":\"a long enough passphrase\"}",
                        "username",
                        null,
                        null),
                new Endpoint(
                        "identity: new account",
                        Sender.ADMIN,
                        "POST",
                        "/api/v1/users",
                        "{\"username\":\"strict.user\",\"password\":\"a long enough passphrase\",\"roles\":[\"STAFF\"]}",
                        "password",
                        "roles",
                        "\"STAFF\""),
                new Endpoint(
                        "identity: account enabled",
                        Sender.ADMIN,
                        "PUT",
                        "/api/v1/users/" + ANY_ID + "/enabled",
                        "{\"enabled\":true}",
                        null,
                        "enabled",
                        "\"true\""),
                new Endpoint(
                        "patient: new patient",
                        Sender.STAFF,
                        "POST",
                        "/api/v1/patients",
                        "{\"mrn\":\"STRICT-1\",\"fullName\":\"Strict Patient\",\"dateOfBirth\":\"1970-01-02\"}",
                        "fullName",
                        null,
                        null),
                new Endpoint(
                        "patient: search",
                        Sender.STAFF,
                        "POST",
                        "/api/v1/patients/search",
                        "{\"mrn\":\"STRICT-1\"}",
                        "mrn",
                        null,
                        null),
                new Endpoint(
                        "visit: schedule",
                        Sender.STAFF,
                        "POST",
                        "/api/v1/visits",
                        "{\"patientId\":\"" + ANY_ID + "\",\"clinicianIds\":[\"" + ANY_ID
                                + "\"],\"start\":\"2030-01-01T10:00:00Z\",\"durationMinutes\":30,\"modality\":\"VIDEO\"}",
                        "start",
                        "durationMinutes",
                        "\"30\""),
                new Endpoint(
                        "visit: transition",
                        Sender.STAFF,
                        "POST",
                        "/api/v1/visits/" + ANY_ID + "/transitions",
                        "{\"to\":\"WAITING\"}",
                        null,
                        "to",
                        "1"),
                new Endpoint(
                        "visit: join",
                        Sender.ANONYMOUS,
                        "POST",
                        "/api/v1/join",
                        "{\"token\":\"no-such-token\",\"dateOfBirth\":\"1970-01-02\"}",
                        "token",
                        null,
                        null),
                new Endpoint(
                        "audit: legal hold",
                        Sender.ADMIN,
                        "POST",
                        "/api/v1/audit/legal-holds",
                        "{\"scope\":\"PATIENT\",\"subjectId\":\"" + ANY_ID + "\",\"reason\":\"strict-bodies-test\"}",
                        "subjectId",
                        "scope",
                        "0"),
                new Endpoint(
                        "platform: CSP report (unknown members allowed: browsers add their own)",
                        Sender.ANONYMOUS,
                        "POST",
                        "/api/v1/csp-reports",
                        "{\"csp-report\":{\"blocked-uri\":\"inline\"}}",
                        null,
                        "csp-report",
                        "\"inline\""));
    }

    /** The cases: how the acceptable body is spoiled, and the code it must get. */
    static Stream<Arguments> cases() {
        List<Case> cases = List.of(
                new Case(
                        "unknown field",
                        "unknown-field",
                        (e, body) -> e.path().equals("/api/v1/csp-reports")
                                ? null
                                : body.substring(0, body.length() - 1) + ",\"isAdmin\":\"" + SECRET + "\"}"),
                new Case(
                        "duplicate key",
                        "invalid-body",
                        (e, body) -> body.substring(0, body.length() - 1) + "," + firstMember(body) + "}"),
                new Case(
                        "number for a string",
                        "invalid-body",
                        (e, body) -> e.stringField() == null ? null : replace(body, e.stringField(), "7")),
                new Case(
                        "string for another type",
                        "invalid-body",
                        (e, body) -> e.otherField() == null ? null : replace(body, e.otherField(), e.otherValue())),
                new Case("not JSON", "invalid-body", (e, body) -> "{\"" + SECRET + "\": "),
                new Case("a value where the body's object belongs", "invalid-body", (e, body) -> "\"" + SECRET + "\""),
                new Case("two documents", "invalid-body", (e, body) -> body + body),
                new Case("array for the body", "invalid-body", (e, body) -> "[" + body + "]"));
        return endpoints().stream()
                .flatMap(e -> cases.stream()
                        .filter(c -> c.spoil().apply(e, e.body()) != null)
                        .map(c -> Arguments.of(e, c)));
    }

    record Case(String name, String code, BiFunction<Endpoint, String, @Nullable String> spoil) {
        @Override
        public String toString() {
            return name;
        }
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("cases")
    void refusesSpoiledBodiesWithOneAnswer(Endpoint endpoint, Case spoiled) {
        String body = spoiled.spoil().apply(endpoint, endpoint.body());
        HttpResponse<String> answer = send(endpoint, body);
        assertThat(answer.statusCode()).as(body).isEqualTo(400);
        assertThat(answer.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        JsonNode problem = json(answer);
        assertThat(problem.path("code").asString()).as(body).isEqualTo(spoiled.code());
        assertThat(problem.path("type").asString()).isEqualTo("urn:securevisit:problem:" + spoiled.code());
        assertThat(answer.body()).doesNotContain(SECRET).doesNotContain("isAdmin");
        Answers.assertSentWithItsLength(answer);
    }

    @Test
    void nothingIsAppliedWhenTheBodyIsRefused() {
        String username = Workforce.unique("strict.refused");
        HttpResponse<String> answer = Workforce.adminClient(SERVER)
                .post(
                        "/api/v1/users",
                        "{\"username\":\"" + username
                                + "\",\"password\":\"a long enough passphrase\",\"roles\":[\"STAFF\"],\"roles\":[\"ADMIN\"]}");
        assertThat(json(answer).path("code").asString()).isEqualTo("invalid-body");
        assertThat(expect(Workforce.adminClient(SERVER).get("/api/v1/users"), 200)
                        .body())
                .doesNotContain(username);
    }

    @Test
    void createdAnswersCarryTheirLengthToo() {
        // A ResponseEntity's JSON body is flushed by Spring MVC: without the converter's buffer it went out chunked.
        HttpResponse<String> created = expect(
                staff().post(
                                "/api/v1/patients",
                                "{\"mrn\":\"LEN-" + System.nanoTime()
                                        + "\",\"fullName\":\"Length Patient\",\"dateOfBirth\":\"1970-01-02\"}"),
                201);
        Answers.assertSentWithItsLength(created);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"n\":null}", // null for a primitive
                "{\"n\":1.5}", // a fraction for a whole number
                "{\"n\":\"1\"}", // a string for a number
                "{\"n\":true}", // a flag for a number
                "{\"n\":1,\"s\":2}", // a number for a string
                "{\"n\":1,\"s\":true}", // a flag for a string
                "{\"n\":1,\"flag\":\"true\"}", // a string for a flag
                "{\"n\":1,\"flag\":1}", // a number for a flag
                "{\"n\":1,\"list\":\"a\"}", // one value for a list
                "{\"n\":1,\"kind\":0}", // a number for an enum
                "{\"n\":1,\"n\":2}", // a key twice
                "{\"n\":1,\"other\":2}", // a field the type does not declare
                "{\"n\":1} {\"n\":2}" // content after the body
            })
    void theApplicationsMapperCoercesNothing(String body) {
        JsonMapper mapper = SERVER.context().getBean(JsonMapper.class);
        assertThatThrownBy(() -> mapper.readValue(body, Sample.class)).isInstanceOf(JacksonException.class);
        assertThat(mapper.readValue("{\"n\":1,\"s\":\"a\",\"flag\":false,\"list\":[\"a\"]}", Sample.class))
                .isEqualTo(new Sample(1, "a", false, List.of("a"), null));
    }

    enum Kind {
        FIRST
    }

    record Sample(
            int n,
            @Nullable String s,
            @Nullable Boolean flag,
            @Nullable List<String> list,
            @Nullable Kind kind) {}

    private static HttpResponse<String> send(Endpoint endpoint, String body) {
        Workforce client = switch (endpoint.sender()) {
            case ADMIN -> Workforce.adminClient(SERVER);
            case STAFF -> staff();
            case ANONYMOUS -> Workforce.on(SERVER);
        };
        return endpoint.method().equals("PUT") ? client.put(endpoint.path(), body) : client.post(endpoint.path(), body);
    }

    private static Workforce staff;

    private static synchronized Workforce staff() {
        if (staff == null) {
            staff = Workforce.on(SERVER)
                    .signIn(Workforce.newAccount(SERVER, Workforce.unique("strict.staff"), "STAFF"));
        }
        return staff;
    }

    private static String firstMember(String body) {
        int colon = body.indexOf(':');
        int end = body.indexOf(',', colon);
        return body.substring(1, end < 0 ? body.length() - 1 : end);
    }

    private static String replace(String body, String field, String value) {
        String key = "\"" + field + "\":";
        int start = body.indexOf(key) + key.length();
        int end = start;
        int depth = 0;
        boolean inString = false;
        for (; end < body.length(); end++) {
            char c = body.charAt(end);
            if (c == '"' && body.charAt(end - 1) != '\\') {
                inString = !inString;
            } else if (!inString && (c == '[' || c == '{')) {
                depth++;
            } else if (!inString && (c == ']' || c == '}')) {
                if (depth == 0) {
                    break;
                }
                depth--;
            } else if (!inString && depth == 0 && c == ',') {
                break;
            }
        }
        return body.substring(0, start) + value + body.substring(end);
    }
}
