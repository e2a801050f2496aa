package health.securevisit.segmentation.internal;

import health.securevisit.audit.Outcome;
import health.securevisit.platform.EvidenceSource;
import health.securevisit.segmentation.SegmentationBreached;
import health.securevisit.segmentation.internal.Segmentation.Expectation;
import health.securevisit.segmentation.internal.Segmentation.Target;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The self-test: every {@code probeInterval} a TCP connection is attempted to each target with the
 * probe timeout. A FORBIDDEN target passes when nothing answers (refused, timed out, unreachable), a
 * REQUIRED one when the connection opens. Results are stored as evidence ({@code network.segmentation});
 * a forbidden target that answered publishes {@link SegmentationBreached} (a security alert). A target
 * whose host no longer resolves inside the allowed ranges is not connected to and fails.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class SegmentationProbe implements EvidenceSource {

    static final String CHECK = "network.segmentation";

    /** One probe result. */
    public record Result(Target target, boolean reachable, boolean passed, String detail, Instant probedAt) {}

    private final Segmentation policy;
    private final SegmentationSettings settings;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final TransactionTemplate tx;

    SegmentationProbe(
            Segmentation policy,
            SegmentationSettings settings,
            JdbcClient jdbc,
            ApplicationEventPublisher events,
            Clock clock,
            PlatformTransactionManager transactions) {
        this.policy = policy;
        this.settings = settings;
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
        this.tx = new TransactionTemplate(transactions);
    }

    @Scheduled(
            fixedDelayString = "${securevisit.segmentation.probe-interval:15m}",
            initialDelayString = "${securevisit.segmentation.probe-interval:15m}")
    void scheduled() {
        probe();
    }

    /**
     * Probes every target now (outside any transaction), then records the results and publishes the
     * breaches in one transaction (audited as {@code segmentation.probe}).
     */
    public List<Result> probe() {
        List<Result> results = policy.targets().stream().map(this::probe).toList();
        tx.executeWithoutResult(status -> {
            for (Result result : results) {
                Target target = result.target();
                jdbc.sql("INSERT INTO network_segmentation_probe (id, target_id, reachable, passed, detail,"
                                + " probed_at) VALUES (?, ?, ?, ?, ?, ?)")
                        .params(
                                UUID.randomUUID(),
                                target.id(),
                                result.reachable(),
                                result.passed(),
                                result.detail(),
                                Timestamp.from(result.probedAt()))
                        .update();
                if (target.expectation() == Expectation.FORBIDDEN && result.reachable()) {
                    events.publishEvent(
                            new SegmentationBreached(target.id(), target.host(), target.port(), result.probedAt()));
                }
            }
        });
        long failed = results.stream().filter(r -> !r.passed()).count();
        policy.audit(
                null,
                "segmentation.probe",
                failed == 0 ? Outcome.SUCCESS : Outcome.ERROR,
                "targets=" + results.size() + ";failed=" + failed,
                null);
        return results;
    }

    private Result probe(Target target) {
        Instant at = clock.instant();
        if (!policy.allowed(target.host())) {
            return new Result(target, false, false, "outside-allowed-ranges", at);
        }
        String detail;
        boolean reachable;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(target.host(), target.port()), (int)
                    settings.probeTimeout().toMillis());
            reachable = true;
            detail = "connected";
        } catch (SocketTimeoutException e) {
            reachable = false;
            detail = "timeout";
        } catch (ConnectException e) {
            reachable = false;
            detail = "refused";
        } catch (IOException e) {
            reachable = false;
            detail = "unreachable";
        }
        boolean passed = target.expectation() == Expectation.FORBIDDEN ? !reachable : reachable;
        return new Result(target, reachable, passed, detail, at);
    }

    /** The latest result of every target, or nothing for targets not probed yet. */
    public List<Result> latest() {
        List<Result> latest = new ArrayList<>();
        for (Target target : policy.targets()) {
            jdbc.sql("SELECT reachable, passed, detail, probed_at FROM network_segmentation_probe WHERE target_id = ?"
                            + " ORDER BY probed_at DESC LIMIT 1")
                    .param(target.id())
                    .query((rs, n) -> new Result(
                            target,
                            rs.getBoolean("reachable"),
                            rs.getBoolean("passed"),
                            rs.getString("detail"),
                            rs.getTimestamp("probed_at").toInstant()))
                    .optional()
                    .ifPresent(latest::add);
        }
        return latest;
    }

    @Override
    public List<Evidence> evidence() {
        Instant now = clock.instant();
        List<Target> targets = policy.targets();
        List<Result> latest = latest();
        if (targets.isEmpty() || latest.size() < targets.size()) {
            return List.of(Evidence.none(
                    CHECK, now, targets.isEmpty() ? "no segmentation policy target" : "some targets not probed yet"));
        }
        List<String> failing = latest.stream()
                .filter(r -> !r.passed())
                .map(r -> r.target().host() + ":" + r.target().port())
                .sorted()
                .toList();
        Instant oldest =
                latest.stream().map(Result::probedAt).min(Instant::compareTo).orElse(now);
        return List.of(
                failing.isEmpty()
                        ? new Evidence(
                                CHECK,
                                Status.PASS,
                                oldest,
                                latest.size() + " target(s) as the policy expects",
                                List.of())
                        : new Evidence(
                                CHECK,
                                Status.FAIL,
                                oldest,
                                failing.size() + " forbidden target(s) answered or required target(s) did not",
                                failing));
    }
}
