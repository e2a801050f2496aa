package health.securevisit.vendor.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One vendor as stored.
 *
 * @param key the key integrations name in {@code securevisit.egress.vendor.<integration>}
 */
public record VendorRecord(
        UUID id,
        String key,
        String name,
        String services,
        List<PhiCategory> phiCategories,
        String owner,
        Baa baa,
        List<Subcontractor> subcontractors,
        @Nullable Document document,
        @Nullable LocalDate verifiedOn,
        @Nullable UUID verifiedBy,
        Instant createdAt,
        Instant updatedAt) {

    /** The agreement's terms. */
    public record Baa(
            @Nullable LocalDate effective,
            @Nullable LocalDate expires,
            @Nullable Integer breachNoticeDays,
            boolean flowDown,
            @Nullable String returnOrDestroy) {}

    /** A subcontractor of the vendor that receives PHI, with its own BAA. */
    public record Subcontractor(
            String name, String services, @Nullable LocalDate baaExpires, boolean flowDown) {}

    /** The BAA document in the vault. */
    public record Document(String objectId, String sha256, long size) {}
}
