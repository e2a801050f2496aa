package health.securevisit.keys.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Rows of {@code keys_data_key}: wrapped data keys and the tombstones of destroyed ones. */
final class DataKeyRepository {

    static final String FIELD = "field";
    static final String ARTIFACT = "artifact";

    record Row(
            UUID id,
            String name,
            String kind,
            String scope,
            @Nullable Integer kekVersion,
            byte @Nullable [] wrapped,
            Instant created,
            @Nullable Instant destroyed) {

        boolean live() {
            return destroyed == null;
        }

        @Override
        public String toString() {
            return "DataKey[" + name + ", kek=" + kekVersion + (live() ? "" : ", destroyed") + "]";
        }
    }

    /** Per kind: live and destroyed counts and the oldest live key. */
    record Census(
            String kind,
            long live,
            long destroyed,
            @Nullable Instant oldest) {}

    private static final String COLUMNS = "id, name, kind, scope, kek_version, wrapped, created_at, destroyed_at";

    private final JdbcClient jdbc;

    DataKeyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Row> find(String name) {
        return jdbc.sql("select " + COLUMNS + " from keys_data_key where name = ?")
                .param(name)
                .query(DataKeyRepository::row)
                .optional();
    }

    /** @throws org.springframework.dao.DuplicateKeyException if the name is taken */
    void insert(UUID id, String name, String kind, String scope, int kekVersion, byte[] wrapped, Instant now) {
        jdbc.sql("insert into keys_data_key (id, name, kind, scope, kek_version, wrapped, created_at)"
                        + " values (?, ?, ?, ?, ?, ?, ?)")
                .params(id, name, kind, scope, kekVersion, wrapped, utc(now))
                .update();
    }

    /** Records that {@code name} is destroyed without ever having had material (a shredded, unused scope). */
    void insertTombstone(String name, String kind, String scope, Instant now) {
        jdbc.sql(
                        "insert into keys_data_key (id, name, kind, scope, created_at, destroyed_at) values (?, ?, ?, ?, ?, ?)")
                .params(UUID.randomUUID(), name, kind, scope, utc(now), utc(now))
                .update();
    }

    /** Destroys the live keys of {@code scope}; returns their names. */
    List<String> destroyScope(String scope, Instant now) {
        List<String> names = jdbc.sql("select name from keys_data_key where scope = ? and destroyed_at is null")
                .param(scope)
                .query(String.class)
                .list();
        jdbc.sql("update keys_data_key set wrapped = null, kek_version = null, destroyed_at = ?"
                        + " where scope = ? and destroyed_at is null")
                .params(utc(now), scope)
                .update();
        return names;
    }

    boolean destroy(String name, Instant now) {
        return jdbc.sql("update keys_data_key set wrapped = null, kek_version = null, destroyed_at = ?"
                                + " where name = ? and destroyed_at is null")
                        .params(utc(now), name)
                        .update()
                > 0;
    }

    /** Forgets a key that never protected stored data (a failed put). */
    void delete(String name) {
        jdbc.sql("delete from keys_data_key where name = ?").param(name).update();
    }

    /** Live keys per KEK version. */
    Map<Integer, Long> liveByVersion() {
        Map<Integer, Long> counts = new TreeMap<>();
        jdbc.sql("select kek_version, count(*) from keys_data_key where destroyed_at is null group by kek_version")
                .query((rs, n) -> counts.put(rs.getInt(1), rs.getLong(2)))
                .list();
        return counts;
    }

    List<Census> census() {
        return jdbc.sql("select kind, sum(case when destroyed_at is null then 1 else 0 end),"
                        + " sum(case when destroyed_at is null then 0 else 1 end),"
                        + " min(case when destroyed_at is null then created_at end)"
                        + " from keys_data_key group by kind order by kind")
                .query((rs, n) -> new Census(rs.getString(1), rs.getLong(2), rs.getLong(3), instant(rs, 4)))
                .list();
    }

    /** Live keys not wrapped by {@code version} with an id after {@code after}, in id order. */
    List<Row> notWrappedBy(int version, UUID after, int limit) {
        return jdbc.sql("select " + COLUMNS + " from keys_data_key"
                        + " where destroyed_at is null and kek_version <> ? and id > ?"
                        + " order by id fetch first " + limit + " rows only")
                .params(version, after)
                .query(DataKeyRepository::row)
                .list();
    }

    long countWrappedBy(int version) {
        return jdbc.sql("select count(*) from keys_data_key where destroyed_at is null and kek_version = ?")
                .param(version)
                .query(Long.class)
                .single();
    }

    long countNotWrappedBy(int version) {
        return jdbc.sql("select count(*) from keys_data_key where destroyed_at is null and kek_version <> ?")
                .param(version)
                .query(Long.class)
                .single();
    }

    /** Replaces the wrapping if the key is still live and still wrapped by {@code from}. */
    boolean rewrap(UUID id, int from, int to, byte[] wrapped) {
        return jdbc.sql("update keys_data_key set wrapped = ?, kek_version = ?"
                                + " where id = ? and kek_version = ? and destroyed_at is null")
                        .params(wrapped, to, id, from)
                        .update()
                > 0;
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    static @Nullable Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        int version = rs.getInt("kek_version");
        boolean noVersion = rs.wasNull();
        Instant created = instant(rs, 7);
        return new Row(
                rs.getObject("id", UUID.class),
                rs.getString("name"),
                rs.getString("kind"),
                rs.getString("scope"),
                noVersion ? null : version,
                rs.getBytes("wrapped"),
                created == null ? Instant.EPOCH : created,
                instant(rs, 8));
    }
}
