package health.securevisit.identity.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Ten single-use recovery codes per user, shown once. Each code carries 80 random bits (16 base32
 * characters), so a fast hash suffices: only SHA-256 of user id and code is stored, and guessing a
 * code offline is as hard as guessing an 80-bit key.
 */
@Component
public class RecoveryCodes {

    static final int COUNT = 10;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final Clock clock;

    RecoveryCodes(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Replaces the user's codes by ten new ones and returns them (the only time they are visible). */
    @Transactional
    public List<String> regenerate(UUID userId) {
        jdbc.sql("DELETE FROM identity_recovery_codes WHERE user_id = ?")
                .param(userId)
                .update();
        List<String> codes = new ArrayList<>(COUNT);
        Timestamp now = Timestamp.from(clock.instant());
        for (int i = 0; i < COUNT; i++) {
            byte[] random = new byte[10];
            RANDOM.nextBytes(random);
            String raw = Base32.encode(random).toLowerCase(Locale.ROOT);
            String code = raw.substring(0, 4) + "-" + raw.substring(4, 8) + "-" + raw.substring(8, 12) + "-"
                    + raw.substring(12, 16);
            codes.add(code);
            jdbc.sql("INSERT INTO identity_recovery_codes (user_id, code_hash, created_at) VALUES (?, ?, ?)")
                    .params(userId, hash(userId, code), now)
                    .update();
        }
        return List.copyOf(codes);
    }

    /** Marks {@code code} used if it is one of the user's unused codes; true only for that first use. */
    public boolean consume(UUID userId, String code) {
        String normalized = code.strip().toLowerCase(Locale.ROOT).replace(" ", "");
        return jdbc.sql("UPDATE identity_recovery_codes SET used_at = ? WHERE user_id = ? AND code_hash = ?"
                                + " AND used_at IS NULL")
                        .params(Timestamp.from(clock.instant()), userId, hash(userId, normalized))
                        .update()
                == 1;
    }

    public int remaining(UUID userId) {
        return jdbc.sql("SELECT COUNT(*) FROM identity_recovery_codes WHERE user_id = ? AND used_at IS NULL")
                .param(userId)
                .query(Integer.class)
                .single();
    }

    public void delete(UUID userId) {
        jdbc.sql("DELETE FROM identity_recovery_codes WHERE user_id = ?")
                .param(userId)
                .update();
    }

    static String hash(UUID userId, String code) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(userId.toString().getBytes(StandardCharsets.US_ASCII));
            sha.update((byte) 0);
            return HexFormat.of().formatHex(sha.digest(code.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
