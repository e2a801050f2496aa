package health.securevisit.audit.web;

import health.securevisit.audit.Outcome;
import health.securevisit.audit.internal.AuditSearch;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;

/**
 * The query parameters of {@code GET /api/v1/audit/events}, all optional: filters, the page (0-based)
 * and its size, and {@code before}, the tree size the pages are taken from (returned by the first
 * page; pass it back so that later pages do not shift while new entries, such as the record of this
 * very search, arrive).
 */
record EventQuery(
        @Nullable @Pattern(regexp = AuditController.ID) String patientId,
        @Nullable @Pattern(regexp = AuditController.ID) String userId,

        @Nullable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
        Instant from,

        @Nullable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
        Instant to,

        @Nullable Outcome outcome,
        @Nullable @Min(0) @Max(100_000) Integer page,
        @Nullable @Min(1) @Max(200) Integer size,
        @Nullable @Min(1) Long before) {

    static final int DEFAULT_SIZE = 50;

    AuditSearch.Query toQuery() {
        return new AuditSearch.Query(
                patientId,
                userId,
                from,
                to,
                outcome,
                page == null ? 0 : page,
                size == null ? DEFAULT_SIZE : size,
                before);
    }
}
