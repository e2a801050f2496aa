package health.securevisit.room.internal;

import health.securevisit.visit.RoomPasses;
import health.securevisit.visit.VisitLifecycle;
import health.securevisit.visit.VisitSnapshot;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseCookie;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The patient's room credential: a 256-bit random token in the {@code __Host-SVROOM} cookie (Secure,
 * HttpOnly, SameSite=Strict, Path=/), of which only the SHA-256 is stored; bound to one visit and one
 * participant id; it ends after {@link RoomSettings#credentialIdle()} without a socket, when the visit
 * ends (or {@link RoomSettings#overrun()} after its scheduled end), or when a newer credential of the
 * visit is issued.
 */
@Service
public class RoomCredentials implements RoomPasses {

    public static final String COOKIE = "__Host-SVROOM";
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");

    /** A valid credential. */
    public record Credential(
            UUID id,
            UUID visitId,
            UUID participantId,
            @Nullable Instant admittedAt) {}

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final VisitLifecycle visits;
    private final RoomSettings settings;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    RoomCredentials(
            JdbcClient jdbc,
            TransactionTemplate transactions,
            VisitLifecycle visits,
            RoomSettings settings,
            Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.visits = visits;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public Pass issue(UUID visitId) {
        VisitSnapshot visit = visits.find(visitId).orElseThrow(RoomFailure::visitNotLive);
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        UUID participant = UUID.randomUUID();
        Instant now = clock.instant();
        transactions.executeWithoutResult(tx -> {
            jdbc.sql("UPDATE room_credential SET revoked_at = ? WHERE visit_id = ? AND revoked_at IS NULL")
                    .params(Timestamp.from(now), visitId)
                    .update();
            jdbc.sql("INSERT INTO room_credential (id, token_hash, visit_id, participant_id, issued_at, last_used_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?)")
                    .params(
                            UUID.randomUUID(),
                            hash(token),
                            visitId,
                            participant,
                            Timestamp.from(now),
                            Timestamp.from(now))
                    .update();
        });
        Duration life = Duration.between(now, visit.end().plus(settings.overrun()));
        String cookie = ResponseCookie.from(COOKIE, token)
                .path("/")
                .secure(true)
                .httpOnly(true)
                .sameSite("Strict")
                .maxAge(life.isNegative() ? Duration.ZERO : life)
                .build()
                .toString();
        return new Pass(participant, cookie);
    }

    /** The credential of {@code token} if it is valid now for {@code visitId}; else empty. */
    public Optional<Credential> validate(@Nullable String token, UUID visitId) {
        if (token == null || !TOKEN.matcher(token).matches()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return jdbc.sql("SELECT id, visit_id, participant_id, last_used_at, admitted_at, revoked_at"
                        + " FROM room_credential WHERE token_hash = ?")
                .param(hash(token))
                .query((rs, n) -> {
                    boolean usable = rs.getTimestamp("revoked_at") == null
                            && !rs.getTimestamp("last_used_at")
                                    .toInstant()
                                    .plus(settings.credentialIdle())
                                    .isBefore(now);
                    Timestamp admitted = rs.getTimestamp("admitted_at");
                    return usable
                            ? new Credential(
                                    rs.getObject("id", UUID.class),
                                    rs.getObject("visit_id", UUID.class),
                                    rs.getObject("participant_id", UUID.class),
                                    admitted == null ? null : admitted.toInstant())
                            : null;
                })
                .optional()
                .filter(c -> c.visitId().equals(visitId) && live(visitId, now));
    }

    /** Whether credential {@code id} still holds (not revoked, its visit live); open sockets ask this. */
    public boolean stillValid(UUID id, UUID visitId) {
        Instant now = clock.instant();
        boolean revoked = jdbc.sql("SELECT COUNT(*) FROM room_credential WHERE id = ? AND revoked_at IS NULL")
                        .param(id)
                        .query(Long.class)
                        .single()
                == 0;
        return !revoked && live(visitId, now);
    }

    /** The credential is in use now (a socket opened, is open, or closed): its idle time starts again. */
    public void used(UUID id) {
        jdbc.sql("UPDATE room_credential SET last_used_at = ? WHERE id = ?")
                .params(Timestamp.from(clock.instant()), id)
                .update();
    }

    /** When the credential's patient was admitted, or null. */
    public @Nullable Instant admittedAt(UUID id) {
        return jdbc.sql("SELECT admitted_at FROM room_credential WHERE id = ?")
                .param(id)
                .query((rs, n) -> {
                    Timestamp t = rs.getTimestamp("admitted_at");
                    return t == null ? Instant.EPOCH : t.toInstant();
                })
                .optional()
                .filter(t -> !t.equals(Instant.EPOCH))
                .orElse(null);
    }

    public void admitted(UUID id) {
        jdbc.sql("UPDATE room_credential SET admitted_at = ? WHERE id = ? AND admitted_at IS NULL")
                .params(Timestamp.from(clock.instant()), id)
                .update();
    }

    /** Ends every credential of the visit (the visit ended). */
    public void revokeVisit(UUID visitId) {
        jdbc.sql("UPDATE room_credential SET revoked_at = ? WHERE visit_id = ? AND revoked_at IS NULL")
                .params(Timestamp.from(clock.instant()), visitId)
                .update();
    }

    private boolean live(UUID visitId, Instant now) {
        return visits.find(visitId)
                .filter(v -> v.live() && !now.isAfter(v.end().plus(settings.overrun())))
                .isPresent();
    }

    static String hash(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }
}
