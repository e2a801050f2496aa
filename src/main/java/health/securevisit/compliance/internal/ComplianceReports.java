package health.securevisit.compliance.internal;

import health.securevisit.compliance.internal.ComplianceReport.ControlResult;
import health.securevisit.compliance.internal.ControlCatalog.Control;
import health.securevisit.platform.EvidenceSource;
import health.securevisit.platform.EvidenceSource.Evidence;
import health.securevisit.platform.EvidenceSource.Status;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Computes the report: asks every {@link EvidenceSource} bean at once (each on its own virtual
 * thread, bounded by {@code SECUREVISIT_COMPLIANCE_SOURCE_TIMEOUT}), decides each control from the
 * checks it links to, and keeps the result for {@code SECUREVISIT_COMPLIANCE_CACHE_TTL}.
 *
 * <p>Guarantees: a check no source answered, a source that failed and a source that timed out all
 * show as "no evidence", never as a pass; a control without checks shows "no evidence".
 */
@Component
public class ComplianceReports {

    private static final Logger log = LoggerFactory.getLogger(ComplianceReports.class);

    private final ControlCatalog catalog;
    private final ObjectProvider<EvidenceSource> sources;
    private final ComplianceSettings settings;
    private final Clock clock;
    private volatile @Nullable ComplianceReport cached;

    ComplianceReports(
            ControlCatalog catalog, ObjectProvider<EvidenceSource> sources, ComplianceSettings settings, Clock clock) {
        this.catalog = catalog;
        this.sources = sources;
        this.settings = settings;
        this.clock = clock;
    }

    public ControlCatalog catalog() {
        return catalog;
    }

    /** A report as served: {@code cached} when it was computed for an earlier request. */
    public record Served(ComplianceReport report, boolean cached) {}

    /** The cached report while younger than the cache lifetime, else a new one; {@code refresh} forces it. */
    public Served current(boolean refresh) {
        ComplianceReport report = cached;
        if (!refresh && fresh(report)) {
            return new Served(report, true);
        }
        synchronized (this) {
            report = cached;
            if (!refresh && fresh(report)) {
                return new Served(report, true); // another request computed it meanwhile
            }
            report = compute();
            cached = report;
            return new Served(report, false);
        }
    }

    private boolean fresh(@Nullable ComplianceReport report) {
        return report != null && report.age(clock.instant()).compareTo(settings.cacheTtl()) < 0;
    }

    /** Gathers the evidence now and decides every control (not cached). */
    public ComplianceReport compute() {
        long start = System.nanoTime();
        Instant at = clock.instant();
        Map<String, Evidence> byCheck = new LinkedHashMap<>();
        List<String> errors = new ArrayList<>();
        List<EvidenceSource> all = sources.orderedStream().toList();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<List<Evidence>>> answers = new ArrayList<>();
            for (EvidenceSource source : all) {
                answers.add(pool.submit(source::evidence));
            }
            long deadline = System.nanoTime() + settings.sourceTimeout().toNanos();
            for (int i = 0; i < all.size(); i++) {
                String name = all.get(i).getClass().getSimpleName();
                try {
                    List<Evidence> evidence =
                            answers.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    for (Evidence e : evidence) {
                        if (byCheck.putIfAbsent(e.check(), e) != null) {
                            errors.add(name + ": check " + e.check() + " answered twice (first answer kept)");
                        }
                    }
                } catch (TimeoutException e) {
                    answers.get(i).cancel(true);
                    errors.add(name + ": timed out");
                } catch (ExecutionException e) {
                    errors.add(name + ": " + e.getCause().getClass().getSimpleName());
                    log.warn(
                            "evidence source {} failed: {}",
                            name,
                            e.getCause().getClass().getSimpleName());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    errors.add(name + ": interrupted");
                }
            }
            pool.shutdownNow();
        }
        List<ControlResult> controls = new ArrayList<>();
        for (Control c : catalog.controls()) {
            List<Evidence> evidence = c.checks().stream()
                    .map(check -> byCheck.getOrDefault(
                            check, Evidence.none(check, at, "no evidence source answers this check")))
                    .toList();
            controls.add(new ControlResult(
                    c.id(),
                    c.framework().code(),
                    c.citation(),
                    catalog.effectiveRequirement(c),
                    c.title(),
                    decide(evidence),
                    evidence));
        }
        List<Evidence> checks = byCheck.values().stream()
                .sorted(Comparator.comparing(Evidence::check))
                .toList();
        return new ComplianceReport(
                at,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start),
                catalog.nprm2025(),
                List.copyOf(controls),
                checks,
                List.copyOf(errors));
    }

    /** Fail if any check fails; pass only with at least one check and every check passing. */
    static Status decide(List<Evidence> evidence) {
        if (evidence.stream().anyMatch(e -> e.status() == Status.FAIL)) {
            return Status.FAIL;
        }
        if (!evidence.isEmpty() && evidence.stream().allMatch(e -> e.status() == Status.PASS)) {
            return Status.PASS;
        }
        return Status.NO_EVIDENCE;
    }
}
