package health.securevisit.keys.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Rows of {@code keys_rotation}. */
final class RotationRepository {

    record Row(
            UUID id,
            int kekVersion,
            String state,
            long total,
            long done,
            Instant started,
            @Nullable Instant finished,
            String destroyedVersions) {

        boolean running() {
            return RUNNING.equals(state);
        }
    }

    static final String RUNNING = "running";
    static final String COMPLETED = "completed";
    private static final String COLUMNS =
            "id, kek_version, state, total, done, started_at, finished_at, destroyed_versions";

    private final JdbcClient jdbc;

    RotationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UUID id, int kekVersion, long total, Instant now) {
        jdbc.sql("insert into keys_rotation (id, kek_version, state, total, done, started_at, destroyed_versions)"
                        + " values (?, ?, ?, ?, 0, ?, '')")
                .params(id, kekVersion, RUNNING, total, DataKeyRepository.utc(now))
                .update();
    }

    Optional<Row> find(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from keys_rotation where id = ?")
                .param(id)
                .query(RotationRepository::row)
                .optional();
    }

    Optional<Row> running() {
        return jdbc
                .sql("select " + COLUMNS + " from keys_rotation where state = ? order by started_at desc")
                .param(RUNNING)
                .query(RotationRepository::row)
                // A list, not a stream: an unclosed JdbcClient stream keeps its pool connection forever.
                .list()
                .stream()
                .findFirst();
    }

    /** Marks it completed unless another worker did; returns whether this call did. */
    boolean complete(UUID id, long done, String destroyedVersions, Instant now) {
        return jdbc.sql("update keys_rotation set state = ?, done = ?, destroyed_versions = ?, finished_at = ?"
                                + " where id = ? and state = ?")
                        .params(COMPLETED, done, destroyedVersions, DataKeyRepository.utc(now), id, RUNNING)
                        .update()
                > 0;
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        Instant started = DataKeyRepository.instant(rs, 6);
        return new Row(
                rs.getObject(1, UUID.class),
                rs.getInt(2),
                rs.getString(3),
                rs.getLong(4),
                rs.getLong(5),
                started == null ? Instant.EPOCH : started,
                DataKeyRepository.instant(rs, 7),
                rs.getString(8));
    }
}
