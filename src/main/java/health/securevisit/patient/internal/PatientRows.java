package health.securevisit.patient.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Rows of {@code patient} and {@code patient_name_word}: ciphertexts and blind indexes only. */
@Repository
class PatientRows {

    /** One patient row; every byte array but the indexes is a ciphertext. */
    record Row(
            UUID id,
            byte[] mrn,
            byte[] fullName,
            byte[] dateOfBirth,
            byte @Nullable [] address,
            byte @Nullable [] phone,
            byte @Nullable [] email,
            byte @Nullable [] insuranceId,
            byte[] mrnIndex,
            byte[] dobIndex,
            Instant createdAt,
            Instant updatedAt) {

        @Override
        public String toString() {
            return "PatientRow[id=" + id + "]";
        }
    }

    /** Ciphertexts and indexes: what a create writes and an update replaces. */
    private static final String CONTENT = "mrn_enc, full_name_enc, date_of_birth_enc, address_enc, phone_enc,"
            + " email_enc, insurance_id_enc, mrn_index, dob_index";

    private static final String COLUMNS = "id, " + CONTENT + ", created_at, updated_at";

    private final JdbcClient jdbc;

    PatientRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Row> find(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from patient where id = ?")
                .param(id)
                .query(PatientRows::row)
                .optional();
    }

    boolean exists(UUID id) {
        return jdbc.sql("select count(*) from patient where id = ?")
                        .param(id)
                        .query(Long.class)
                        .single()
                > 0;
    }

    Optional<UUID> idByMrnIndex(byte[] mrnIndex) {
        return jdbc.sql("select id from patient where mrn_index = ?")
                .param(mrnIndex)
                .query(UUID.class)
                .optional();
    }

    /** @throws org.springframework.dao.DuplicateKeyException when the MRN index is taken */
    void insert(Row row) {
        jdbc.sql("insert into patient (" + CONTENT + ", created_at, updated_at, id)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(values(row, utc(row.createdAt()), utc(row.updatedAt()), row.id()))
                .update();
    }

    /** @throws org.springframework.dao.DuplicateKeyException when the MRN index is taken */
    void update(Row row) {
        jdbc.sql("update patient set " + CONTENT.replace(",", " = ?,") + " = ?, updated_at = ? where id = ?")
                .params(values(row, utc(row.updatedAt()), row.id()))
                .update();
    }

    /** The values of {@link #CONTENT} in order, then {@code more}. */
    private static Object[] values(Row row, Object... more) {
        Object[] content = {
            row.mrn(),
            row.fullName(),
            row.dateOfBirth(),
            row.address(),
            row.phone(),
            row.email(),
            row.insuranceId(),
            row.mrnIndex(),
            row.dobIndex()
        };
        Object[] all = Arrays.copyOf(content, content.length + more.length);
        System.arraycopy(more, 0, all, content.length, more.length);
        return all;
    }

    void replaceNameWords(UUID id, List<byte[]> wordIndexes) {
        jdbc.sql("delete from patient_name_word where patient_id = ?").param(id).update();
        for (byte[] word : wordIndexes) {
            jdbc.sql("insert into patient_name_word (patient_id, word_index) values (?, ?)")
                    .params(id, word)
                    .update();
        }
    }

    /** Patients whose name has every one of {@code words} (and, if given, that date-of-birth index). */
    List<UUID> byNameWords(List<byte[]> words, byte @Nullable [] dobIndex, int limit) {
        String dob = dobIndex == null ? "" : " and p.dob_index = :dob";
        JdbcClient.StatementSpec query = jdbc.sql("select w.patient_id from patient_name_word w"
                        + " join patient p on p.id = w.patient_id where w.word_index in (:words)" + dob
                        + " group by w.patient_id having count(*) = :count order by w.patient_id"
                        + " fetch first " + limit + " rows only")
                .param("words", words)
                .param("count", words.size());
        if (dobIndex != null) {
            query = query.param("dob", dobIndex);
        }
        return query.query(UUID.class).list();
    }

    List<UUID> recent(int limit) {
        return jdbc.sql("select id from patient order by created_at desc, id fetch first " + limit + " rows only")
                .query(UUID.class)
                .list();
    }

    List<UUID> byDobIndex(byte[] dobIndex, int limit) {
        return jdbc.sql("select id from patient where dob_index = :dob order by id fetch first " + limit + " rows only")
                .param("dob", dobIndex)
                .query(UUID.class)
                .list();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    /** One row of {@link #COLUMNS}, by column position (H2 resolves a column name per call, per row). */
    private static Row row(ResultSet rs, int n) throws SQLException {
        return new Row(
                rs.getObject(1, UUID.class),
                rs.getBytes(2),
                rs.getBytes(3),
                rs.getBytes(4),
                rs.getBytes(5),
                rs.getBytes(6),
                rs.getBytes(7),
                rs.getBytes(8),
                rs.getBytes(9),
                rs.getBytes(10),
                instant(rs, 11),
                instant(rs, 12));
    }
}
