package health.securevisit.platform.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockServletContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.support.StaticWebApplicationContext;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * The narrowed lookup finds exactly what Spring's own lookup finds: the same handler method, the same
 * path variables and the same errors (404, 405, 406), for fixed paths beside patterns, variables in
 * the first segments, wildcards, encoded paths and matrix variables.
 */
class IndexedRequestMappingsTests {

    @RestController
    static class Routes {
        @GetMapping("/api/v1/visits/{id}")
        String visit(@PathVariable String id) {
            return id;
        }

        @GetMapping("/api/v1/visits/today")
        String today() {
            return "today";
        }

        @GetMapping(path = "/api/v1/visits/{id}/chart", produces = MediaType.APPLICATION_JSON_VALUE)
        String chart(@PathVariable String id) {
            return id;
        }

        @PostMapping("/api/v1/visits/{id}/transitions")
        String transition(@PathVariable String id) {
            return id;
        }

        @GetMapping("/api/{version}/status/{part}")
        String status(@PathVariable String version, @PathVariable String part) {
            return version + part;
        }

        @GetMapping("/files/**")
        String files() {
            return "files";
        }

        @GetMapping("/api/v1/patients/{id}")
        String patient(@PathVariable String id) {
            return id;
        }

        @GetMapping("/api/v1/patients/{id}/{part}")
        String patientPart(@PathVariable String id, @PathVariable String part) {
            return id + part;
        }

        @GetMapping("/visits/{id}")
        String page(@PathVariable String id) {
            return id;
        }
    }

    static RequestMappingHandlerMapping spring;
    static RequestMappingHandlerMapping indexed;

    @BeforeAll
    static void mappings() {
        StaticWebApplicationContext context = new StaticWebApplicationContext();
        context.setServletContext(new MockServletContext());
        context.registerSingleton("routes", Routes.class);
        context.refresh();
        spring = init(new RequestMappingHandlerMapping(), context);
        indexed = init(new IndexedRequestMappings.Mapping(), context);
    }

    private static RequestMappingHandlerMapping init(
            RequestMappingHandlerMapping mapping, StaticWebApplicationContext context) {
        mapping.setApplicationContext(context);
        mapping.afterPropertiesSet();
        return mapping;
    }

    @Test
    void theNarrowedLookupAnswersAsSpringDoes() {
        List<String[]> requests = List.of(
                new String[] {"GET", "/api/v1/visits/123", "*/*"},
                new String[] {"GET", "/api/v1/visits/today", "*/*"},
                new String[] {"GET", "/api/v1/visits/tod%61y", "*/*"},
                new String[] {"GET", "/api/v1/visits/123/chart", "*/*"},
                new String[] {"GET", "/api/v1/visits/123/chart", "text/csv"},
                new String[] {"POST", "/api/v1/visits/123/chart", "*/*"},
                new String[] {"POST", "/api/v1/visits/123/transitions", "*/*"},
                new String[] {"GET", "/api/v1/visits/123/transitions", "*/*"},
                new String[] {"GET", "/api/v1/visits/123/nothing", "*/*"},
                new String[] {"GET", "/api/v1/visits", "*/*"},
                new String[] {"GET", "/api/v2/status/ok", "*/*"},
                new String[] {"GET", "/api/v1/status/ok", "*/*"},
                new String[] {"GET", "/files/a/b/c", "*/*"},
                new String[] {"GET", "/files", "*/*"},
                new String[] {"GET", "/api/v1/patients/p1", "*/*"},
                new String[] {"GET", "/api/v1/patients/p1/history", "*/*"},
                new String[] {"GET", "/api/v1/patients/p1;x=y/history", "*/*"},
                new String[] {"GET", "/visits/v1", "*/*"},
                new String[] {"GET", "/nowhere/at/all/really", "*/*"},
                new String[] {"GET", "/", "*/*"});
        int narrowedHits = 0;
        for (String[] r : requests) {
            Outcome expected = lookup(spring, r);
            Outcome actual = lookup(indexed, r);
            assertThat(actual).as("%s %s (Accept %s)", r[0], r[1], r[2]).isEqualTo(expected);
            if (expected.handler() != null) {
                narrowedHits++;
            }
        }
        assertThat(narrowedHits).as("requests that found a handler").isGreaterThanOrEqualTo(12);
    }

    @Test
    void aFixedPathWinsOverAPatternAsInSpring() {
        assertThat(lookup(indexed, new String[] {"GET", "/api/v1/visits/today", "*/*"})
                        .handler())
                .isEqualTo("today");
        assertThat(lookup(indexed, new String[] {"GET", "/api/v1/visits/tomorrow", "*/*"})
                        .handler())
                .isEqualTo("visit");
    }

    /** What a lookup gave: the handler method's name and path variables, or the error's type. */
    record Outcome(String handler, Object variables, String error) {}

    private static Outcome lookup(RequestMappingHandlerMapping mapping, String[] r) {
        MockHttpServletRequest request = new MockHttpServletRequest(r[0], r[1]);
        request.addHeader("Accept", r[2]);
        ServletRequestPathUtils.parseAndCache(request);
        try {
            HandlerExecutionChain chain = mapping.getHandler(request);
            if (chain == null) {
                return new Outcome(null, null, "none");
            }
            return new Outcome(
                    ((HandlerMethod) chain.getHandler()).getMethod().getName(),
                    Objects.toString(request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE)),
                    null);
        } catch (Exception e) {
            return new Outcome(null, null, e.getClass().getSimpleName());
        }
    }
}
