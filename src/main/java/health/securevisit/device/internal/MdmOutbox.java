package health.securevisit.device.internal;

import health.securevisit.audit.Outcome;
import health.securevisit.platform.Egress;
import health.securevisit.platform.EgressDeclaration;
import health.securevisit.platform.EgressGate;
import health.securevisit.platform.OutboundHttp;
import health.securevisit.platform.Transport;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Delivers queued wipe and lock requests to the MDM in Fleet's shape
 * ({@code POST <url>/api/v1/fleet/hosts/<mdm id>/wipe} or {@code /lock}, bearer token) over the
 * platform's verified TLS client. A 2xx answer marks the request SENT; anything else (including no
 * MDM configured) is retried with doubling delays (at most one hour) until
 * {@code SECUREVISIT_DEVICE_MDM_MAX_ATTEMPTS}, then FAILED. Every attempt is audited. The requests
 * survive restarts (they are rows); delivery is at least once, and Fleet's wipe is idempotent.
 *
 * <p>A configured MDM is the egress integration {@code mdm} ({@code SECUREVISIT_EGRESS_VENDOR_MDM}):
 * while the platform's {@link EgressGate} refuses its vendor, nothing is sent and no attempt is
 * counted; the requests wait in the outbox and go out once the vendor's BAA is current again.
 */
@Component
class MdmOutbox {

    private static final Logger log = LoggerFactory.getLogger(MdmOutbox.class);

    private final MdmCommands commands;
    private final DeviceSettings settings;
    private final DeviceAudit audit;
    private final HttpClient http;
    private final Clock clock;
    private final EgressGate gate;
    private final @Nullable Egress egress;

    MdmOutbox(
            MdmCommands commands,
            DeviceSettings settings,
            DeviceAudit audit,
            OutboundHttp outbound,
            EgressGate gate,
            Clock clock) {
        this.commands = commands;
        this.settings = settings;
        this.audit = audit;
        this.http = outbound.client();
        this.clock = clock;
        this.gate = gate;
        String url = settings.mdm().url();
        this.egress = url.isBlank() ? null : gate.register(egress(url));
    }

    static final String MDM = "mdm";

    /** What the outbox tells the egress gate (and through it the data-flow map). */
    static EgressDeclaration egress(String url) {
        URI uri = URI.create(url);
        int port = uri.getPort() < 0 ? 443 : uri.getPort();
        return new EgressDeclaration(
                MDM,
                "wipe and lock requests to the MDM",
                "device identifiers (MDM host id), no PHI values",
                uri.getHost() + ":" + port,
                Transport.tls("TLSv1.3, TLSv1.2"));
    }

    @Scheduled(
            fixedDelayString = "${securevisit.device.mdm.poll-interval:5s}",
            initialDelayString = "${securevisit.device.mdm.poll-interval:5s}")
    void deliverDue() {
        if (egress != null && !gate.permits(egress)) {
            return; // held in the outbox until the vendor's BAA is current again
        }
        for (MdmCommands.Command command : commands.due(clock.instant(), 20)) {
            deliver(command);
        }
    }

    void deliver(MdmCommands.Command command) {
        int attempt = command.attempts() + 1;
        String error = send(command);
        Instant now = clock.instant();
        if (error == null) {
            commands.sent(command.id(), attempt, now);
            audit.record(null, "device.wipe.sent", Outcome.SUCCESS, command.action(), command.deviceId());
            return;
        }
        boolean failed = attempt >= settings.mdm().maxAttempts();
        long factor = 1L << Math.min(attempt - 1, 20);
        Duration delay = settings.mdm().retryBase().multipliedBy(factor);
        if (delay.compareTo(Duration.ofHours(1)) > 0) {
            delay = Duration.ofHours(1);
        }
        commands.retry(command.id(), attempt, now.plus(delay), error, failed);
        audit.record(
                null, failed ? "device.wipe.failed" : "device.wipe.retry", Outcome.DENIED, error, command.deviceId());
        log.warn(
                "MDM {} request for device {} failed ({}), attempt {}",
                command.action(),
                command.deviceId(),
                error,
                attempt);
    }

    /** Null when the MDM accepted it, else a short error code. */
    private @Nullable String send(MdmCommands.Command command) {
        String base = settings.mdm().url();
        if (base.isBlank()) {
            return "mdm-not-configured";
        }
        if (command.mdmId() == null) {
            return "no-mdm-id";
        }
        String verb = command.action().equals("LOCK") ? "lock" : "wipe";
        URI uri;
        try {
            uri = OutboundHttp.requireHttps(URI.create(base.replaceAll("/+$", "") + "/api/v1/fleet/hosts/"
                    + URLEncoder.encode(command.mdmId(), StandardCharsets.UTF_8) + "/" + verb));
        } catch (IllegalArgumentException e) {
            return "mdm-url-invalid";
        }
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + settings.mdm().token())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build();
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            return status >= 200 && status < 300 ? null : "mdm-http-" + status;
        } catch (javax.net.ssl.SSLException e) {
            return "mdm-tls-failed";
        } catch (IOException e) {
            return "mdm-unreachable";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
