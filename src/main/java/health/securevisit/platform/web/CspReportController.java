package health.securevisit.platform.web;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import health.securevisit.platform.Throttle;
import health.securevisit.platform.ThrottleRule;
import health.securevisit.platform.Throttles;
import health.securevisit.platform.TooManyAttemptsException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Receives Content-Security-Policy violation reports from browsers (the {@code report-uri} of our
 * policy). Only the violated directive and the blocked origin are logged, never paths or query
 * strings of the blocked address, which could carry PHI; logging is limited to a few lines a minute.
 */
@RestController
@Tag(name = "security")
class CspReportController {

    private static final Logger log = LoggerFactory.getLogger(CspReportController.class);
    private static final int LINES_PER_MINUTE = 20;
    /** One key: the limit is on this server's log, whoever sends the reports. */
    private static final String LOG_KEY = "log";

    /** Browsers add members of their own to reports: the one body where unknown fields are ignored. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record CspReport(
            @JsonProperty("csp-report") @NotNull @Valid Violation report) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Violation(
            @JsonProperty("effective-directive") @Nullable @Size(max = 200)
            String effectiveDirective,

            @JsonProperty("violated-directive") @Nullable @Size(max = 200)
            String violatedDirective,

            @JsonProperty("blocked-uri") @Nullable @Size(max = 4096)
            String blockedUri) {}

    private final Throttle logLines;

    CspReportController(Throttles throttles) {
        this.logLines =
                throttles.create("csp-report-log", ThrottleRule.perWindow(LINES_PER_MINUTE, Duration.ofMinutes(1)));
    }

    @PostMapping(
            path = "/api/v1/csp-reports",
            consumes = {"application/csp-report", "application/json"})
    @Operation(summary = "Receive a browser's Content-Security-Policy violation report")
    ResponseEntity<Void> report(@RequestBody @Valid CspReport body) {
        Violation v = body.report();
        if (mayLog()) {
            String directive = v.effectiveDirective() != null ? v.effectiveDirective() : v.violatedDirective();
            log.warn("CSP violation: directive={} blocked={}", clean(directive), origin(v.blockedUri()));
        }
        return ResponseEntity.noContent().build();
    }

    private boolean mayLog() {
        try {
            logLines.attempt(LOG_KEY);
            return true;
        } catch (TooManyAttemptsException e) {
            return false;
        }
    }

    static String origin(@Nullable String blocked) {
        if (blocked == null || blocked.isBlank()) {
            return "-";
        }
        try {
            URI uri = URI.create(blocked);
            if (uri.getScheme() == null) {
                return clean(blocked);
            }
            return uri.getHost() == null ? uri.getScheme() : uri.getScheme() + "://" + uri.getHost();
        } catch (IllegalArgumentException e) {
            return "unparsable";
        }
    }

    private static String clean(@Nullable String s) {
        if (s == null) {
            return "-";
        }
        String word = s.length() > 40 ? s.substring(0, 40) : s;
        return word.matches("[A-Za-z0-9 '_.:/-]*") ? word : "unprintable";
    }
}
