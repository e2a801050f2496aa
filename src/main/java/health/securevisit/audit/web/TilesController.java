package health.securevisit.audit.web;

import health.securevisit.audit.internal.SealedMonths;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.concurrent.TimeUnit;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The sealed months as static C2SP tlog-tiles, read-only, for auditors and witnesses: {@code
 * checkpoint}, {@code months/YYYY-MM}, {@code tile/<L>/<N>[.p/<W>]} and {@code
 * tile/entries/<N>[.p/<W>]} (identifier-only canonical entries). Full tiles never change.
 */
@RestController
@RequestMapping("/api/v1/audit/tiles")
@PreAuthorize("hasAnyRole('SECURITY_OFFICER','AUDITOR')")
@Tag(name = "audit", description = "Tamper-evident audit trail")
class TilesController {

    private final SealedMonths months;

    TilesController(SealedMonths months) {
        this.months = months;
    }

    @GetMapping("/{*path}")
    @Operation(summary = "A published tile, entry bundle or checkpoint of the sealed months (C2SP tlog-tiles)")
    ResponseEntity<byte[]> tile(@PathVariable String path) {
        String relative = path.startsWith("/") ? path.substring(1) : path;
        byte[] data = months.read(relative).orElseThrow(SealedMonths.TileNotFound::new);
        boolean immutable = relative.startsWith("tile/") && !relative.contains(".p/");
        return ResponseEntity.ok()
                .contentType(
                        relative.startsWith("tile/")
                                ? MediaType.APPLICATION_OCTET_STREAM
                                : MediaType.parseMediaType("text/plain; charset=utf-8"))
                .cacheControl(
                        immutable
                                ? CacheControl.maxAge(365, TimeUnit.DAYS)
                                        .cachePrivate()
                                        .immutable()
                                : CacheControl.noCache())
                .body(data);
    }
}
