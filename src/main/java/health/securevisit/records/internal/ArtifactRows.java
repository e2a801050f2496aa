package health.securevisit.records.internal;

import health.securevisit.records.ArtifactInfo;
import health.securevisit.records.ArtifactKind;
import health.securevisit.records.ArtifactState;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The artifact and chunk tables: ids, sizes, digests and states, never content. */
@Component
class ArtifactRows {

    /** One stored chunk: where it sits in the artifact and which vault object holds it. */
    record Chunk(int number, long start, int size, String sha256, String vaultId) {}

    private static final String COLUMNS = "id, visit_id, patient_id, kind, content_type, state, declared_size,"
            + " declared_sha256, stored_size, chunk_count, source_id, signed_by, created_at, completed_at, retain_until";

    private final JdbcClient jdbc;

    ArtifactRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(ArtifactInfo a, UUID createdBy) {
        jdbc.sql("INSERT INTO records_artifact (" + COLUMNS + ", created_by, version) VALUES"
                        + " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)")
                .params(
                        a.id(),
                        a.visitId(),
                        a.patientId(),
                        a.kind().name(),
                        a.contentType(),
                        a.state().name(),
                        a.declaredSize(),
                        a.sha256(),
                        a.storedSize(),
                        a.chunks(),
                        a.sourceId(),
                        a.signedBy(),
                        ts(a.createdAt()),
                        a.completedAt() == null ? null : ts(a.completedAt()),
                        ts(a.retainUntil()),
                        createdBy)
                .update();
    }

    Optional<ArtifactInfo> find(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM records_artifact WHERE id = ?")
                .param(id)
                .query(ArtifactRows::info)
                .optional();
    }

    /** The visit's incomplete and complete artifacts, or (with {@code completeOnly}) its complete ones. */
    List<ArtifactInfo> ofVisit(UUID visitId, boolean completeOnly) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM records_artifact WHERE visit_id = ? AND state IN"
                        + (completeOnly ? " ('COMPLETE')" : " ('INCOMPLETE', 'COMPLETE')")
                        + " ORDER BY created_at, id")
                .param(visitId)
                .query(ArtifactRows::info)
                .list();
    }

    /** Complete or incomplete artifacts whose retention ended before {@code now}. */
    List<ArtifactInfo> expired(Instant now, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM records_artifact WHERE state IN ('INCOMPLETE', 'COMPLETE')"
                        + " AND retain_until < ? ORDER BY retain_until, id LIMIT ?")
                .params(ts(now), limit)
                .query(ArtifactRows::info)
                .list();
    }

    /**
     * Records chunk {@code chunk} if it is the next one expected: the artifact row moves from {@code
     * chunk.number()} chunks to one more only if nobody stored it meanwhile.
     *
     * @return false when another request stored that chunk first (or the artifact is no longer incomplete)
     */
    boolean addChunk(String artifactId, Chunk chunk) {
        int moved = jdbc.sql("UPDATE records_artifact SET chunk_count = chunk_count + 1, stored_size = stored_size + ?,"
                        + " version = version + 1 WHERE id = ? AND chunk_count = ? AND stored_size = ?"
                        + " AND state = 'INCOMPLETE'")
                .params(chunk.size(), artifactId, chunk.number(), chunk.start())
                .update();
        if (moved == 0) {
            return false;
        }
        jdbc.sql("INSERT INTO records_chunk (artifact_id, number, vault_id, start_at, size, sha256)"
                        + " VALUES (?, ?, ?, ?, ?, ?)")
                .params(artifactId, chunk.number(), chunk.vaultId(), chunk.start(), chunk.size(), chunk.sha256())
                .update();
        return true;
    }

    List<Chunk> chunks(String artifactId) {
        return jdbc.sql("SELECT number, start_at, size, sha256, vault_id FROM records_chunk WHERE artifact_id = ?"
                        + " ORDER BY number")
                .param(artifactId)
                .query((rs, n) -> new Chunk(
                        rs.getInt("number"),
                        rs.getLong("start_at"),
                        rs.getInt("size"),
                        rs.getString("sha256"),
                        rs.getString("vault_id")))
                .list();
    }

    /** Moves the artifact from {@code from} to {@code to}; false when it was not in {@code from}. */
    boolean move(String artifactId, ArtifactState from, ArtifactState to, Instant now) {
        String stamp = switch (to) {
            case COMPLETE -> ", completed_at = ?";
            case SHREDDED, DISCARDED -> ", shredded_at = ?";
            case INCOMPLETE -> "";
        };
        JdbcClient.StatementSpec sql = jdbc.sql(
                "UPDATE records_artifact SET state = ?" + stamp + ", version = version + 1 WHERE id = ? AND state = ?");
        sql = to == ArtifactState.INCOMPLETE
                ? sql.params(to.name(), artifactId, from.name())
                : sql.params(to.name(), ts(now), artifactId, from.name());
        return sql.update() == 1;
    }

    /** Sets the size and SHA-256 of an artifact whose content the server produced (a transcript draft). */
    boolean declare(String artifactId, long size, String sha256) {
        return jdbc.sql("UPDATE records_artifact SET declared_size = ?, declared_sha256 = ?, version = version + 1"
                                + " WHERE id = ? AND state = 'INCOMPLETE' AND chunk_count = 0")
                        .params(size, sha256, artifactId)
                        .update()
                == 1;
    }

    /** The transcripts made from {@code sourceId} (a recording's drafts, or the corrections of a version). */
    List<ArtifactInfo> transcriptsFrom(String sourceId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM records_artifact WHERE source_id = ? AND kind = 'TRANSCRIPT'"
                        + " AND state IN ('INCOMPLETE', 'COMPLETE') ORDER BY created_at, id")
                .param(sourceId)
                .query(ArtifactRows::info)
                .list();
    }

    void sign(String artifactId, UUID by, Instant at) {
        jdbc.sql("UPDATE records_artifact SET signed_by = ?, signed_at = ? WHERE id = ?")
                .params(by, ts(at), artifactId)
                .update();
    }

    private static ArtifactInfo info(ResultSet rs, int n) throws SQLException {
        return new ArtifactInfo(
                rs.getString("id"),
                rs.getObject("visit_id", UUID.class),
                rs.getObject("patient_id", UUID.class),
                ArtifactKind.valueOf(rs.getString("kind")),
                rs.getString("content_type"),
                ArtifactState.valueOf(rs.getString("state")),
                rs.getLong("declared_size"),
                rs.getString("declared_sha256"),
                rs.getLong("stored_size"),
                rs.getInt("chunk_count"),
                rs.getString("source_id"),
                rs.getObject("signed_by", UUID.class),
                rs.getTimestamp("created_at").toInstant(),
                instant(rs.getTimestamp("completed_at")),
                rs.getTimestamp("retain_until").toInstant());
    }

    private static @Nullable Instant instant(@Nullable Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }
}
