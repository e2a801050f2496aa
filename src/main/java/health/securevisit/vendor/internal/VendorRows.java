package health.securevisit.vendor.internal;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Table access for {@code vendor} and {@code vendor_subcontractor}. */
@Repository
class VendorRows {

    private static final String COLUMNS = "id, vendor_key, name, services, phi_categories, owner, baa_effective,"
            + " baa_expires, breach_notice_days, flow_down, return_or_destroy, baa_object_id, baa_sha256, baa_size,"
            + " verified_on, verified_by, created_at, updated_at";

    private final JdbcClient jdbc;

    VendorRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts a vendor with its subcontractors. @throws VendorFailure duplicate key or name */
    void insert(VendorRecord v) {
        try {
            jdbc.sql("INSERT INTO vendor (" + COLUMNS + ", name_key)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(
                            v.id(),
                            v.key(),
                            v.name(),
                            v.services(),
                            categories(v.phiCategories()),
                            v.owner(),
                            date(v.baa().effective()),
                            date(v.baa().expires()),
                            v.baa().breachNoticeDays(),
                            v.baa().flowDown(),
                            v.baa().returnOrDestroy(),
                            v.document() == null ? null : v.document().objectId(),
                            v.document() == null ? null : v.document().sha256(),
                            v.document() == null ? null : v.document().size(),
                            date(v.verifiedOn()),
                            v.verifiedBy(),
                            Timestamp.from(v.createdAt()),
                            Timestamp.from(v.updatedAt()),
                            v.name().toLowerCase(Locale.ROOT))
                    .update();
        } catch (DuplicateKeyException e) {
            throw VendorFailure.duplicate();
        }
        subcontractors(v);
    }

    /** Replaces every field but the key, the document and the verification. */
    void update(VendorRecord v) {
        try {
            jdbc.sql("UPDATE vendor SET name = ?, name_key = ?, services = ?, phi_categories = ?, owner = ?,"
                            + " baa_effective = ?, baa_expires = ?, breach_notice_days = ?, flow_down = ?,"
                            + " return_or_destroy = ?, updated_at = ? WHERE id = ?")
                    .params(
                            v.name(),
                            v.name().toLowerCase(Locale.ROOT),
                            v.services(),
                            categories(v.phiCategories()),
                            v.owner(),
                            date(v.baa().effective()),
                            date(v.baa().expires()),
                            v.baa().breachNoticeDays(),
                            v.baa().flowDown(),
                            v.baa().returnOrDestroy(),
                            Timestamp.from(v.updatedAt()),
                            v.id())
                    .update();
        } catch (DuplicateKeyException e) {
            throw VendorFailure.duplicate();
        }
        jdbc.sql("DELETE FROM vendor_subcontractor WHERE vendor_id = ?")
                .param(v.id())
                .update();
        subcontractors(v);
    }

    void document(UUID id, VendorRecord.Document d, java.time.Instant at) {
        jdbc.sql("UPDATE vendor SET baa_object_id = ?, baa_sha256 = ?, baa_size = ?, updated_at = ? WHERE id = ?")
                .params(d.objectId(), d.sha256(), d.size(), Timestamp.from(at), id)
                .update();
    }

    void verified(UUID id, LocalDate on, UUID by, java.time.Instant at) {
        jdbc.sql("UPDATE vendor SET verified_on = ?, verified_by = ?, updated_at = ? WHERE id = ?")
                .params(Date.valueOf(on), by, Timestamp.from(at), id)
                .update();
    }

    Optional<VendorRecord> find(UUID id) {
        return all("WHERE id = ?", id).stream().findFirst();
    }

    List<VendorRecord> all() {
        return all("", null);
    }

    private List<VendorRecord> all(String where, @Nullable Object arg) {
        var statement = jdbc.sql("SELECT " + COLUMNS + " FROM vendor " + where + " ORDER BY name_key");
        if (arg != null) {
            statement = statement.param(arg);
        }
        Map<UUID, VendorRecord> rows = new LinkedHashMap<>();
        for (VendorRecord v : statement.query((rs, n) -> read(rs)).list()) {
            rows.put(v.id(), v);
        }
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<UUID, List<VendorRecord.Subcontractor>> subs = new LinkedHashMap<>();
        jdbc.sql("SELECT vendor_id, name, services, baa_expires, flow_down FROM vendor_subcontractor"
                        + " ORDER BY vendor_id, position")
                .query(rs -> {
                    subs.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
                            .add(new VendorRecord.Subcontractor(
                                    rs.getString(2), rs.getString(3), local(rs.getDate(4)), rs.getBoolean(5)));
                });
        List<VendorRecord> out = new ArrayList<>();
        for (VendorRecord v : rows.values()) {
            out.add(new VendorRecord(
                    v.id(),
                    v.key(),
                    v.name(),
                    v.services(),
                    v.phiCategories(),
                    v.owner(),
                    v.baa(),
                    List.copyOf(subs.getOrDefault(v.id(), List.of())),
                    v.document(),
                    v.verifiedOn(),
                    v.verifiedBy(),
                    v.createdAt(),
                    v.updatedAt()));
        }
        return out;
    }

    private void subcontractors(VendorRecord v) {
        int position = 0;
        for (VendorRecord.Subcontractor s : v.subcontractors()) {
            jdbc.sql(
                            "INSERT INTO vendor_subcontractor (id, vendor_id, position, name, services, baa_expires, flow_down)"
                                    + " VALUES (?, ?, ?, ?, ?, ?, ?)")
                    .params(
                            UUID.randomUUID(),
                            v.id(),
                            position++,
                            s.name(),
                            s.services(),
                            date(s.baaExpires()),
                            s.flowDown())
                    .update();
        }
    }

    private static VendorRecord read(ResultSet rs) throws SQLException {
        String objectId = rs.getString("baa_object_id");
        int breach = rs.getInt("breach_notice_days");
        Integer breachDays = rs.wasNull() ? null : breach;
        return new VendorRecord(
                rs.getObject("id", UUID.class),
                rs.getString("vendor_key"),
                rs.getString("name"),
                rs.getString("services"),
                Arrays.stream(rs.getString("phi_categories").split(","))
                        .filter(s -> !s.isEmpty())
                        .map(PhiCategory::valueOf)
                        .toList(),
                rs.getString("owner"),
                new VendorRecord.Baa(
                        local(rs.getDate("baa_effective")),
                        local(rs.getDate("baa_expires")),
                        breachDays,
                        rs.getBoolean("flow_down"),
                        rs.getString("return_or_destroy")),
                List.of(),
                objectId == null
                        ? null
                        : new VendorRecord.Document(objectId, rs.getString("baa_sha256"), rs.getLong("baa_size")),
                local(rs.getDate("verified_on")),
                rs.getObject("verified_by", UUID.class),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }

    private static String categories(List<PhiCategory> categories) {
        return String.join(",", categories.stream().map(Enum::name).toList());
    }

    private static @Nullable Date date(@Nullable LocalDate d) {
        return d == null ? null : Date.valueOf(d);
    }

    private static @Nullable LocalDate local(@Nullable Date d) {
        return d == null ? null : d.toLocalDate();
    }
}
