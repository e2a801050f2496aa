package health.securevisit.vendor.internal;

import health.securevisit.audit.Outcome;
import health.securevisit.identity.CurrentWorkforceUser;
import health.securevisit.identity.WorkforcePrincipal;
import health.securevisit.keys.ArtifactVault;
import health.securevisit.platform.EgressGate;
import health.securevisit.platform.SecureVisitException;
import health.securevisit.platform.VendorAgreements;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * The vendor register: create, change, store the BAA document, record the yearly verification, list
 * with computed standings. Every call is audited (refusals too, with their code); every change tells
 * the egress gate to read the register again, so a lapsed or renewed BAA takes effect at once.
 */
@Service
public class VendorService implements VendorAgreements {

    private static final byte[] PDF_MAGIC = {'%', 'P', 'D', 'F', '-'};

    private final VendorRows rows;
    private final ArtifactVault vault;
    private final VendorAudit audit;
    private final CurrentWorkforceUser currentUser;
    private final EgressGate gate;
    private final VendorSettings settings;
    private final Clock clock;

    VendorService(
            VendorRows rows,
            ArtifactVault vault,
            VendorAudit audit,
            CurrentWorkforceUser currentUser,
            EgressGate gate,
            VendorSettings settings,
            Clock clock) {
        this.rows = rows;
        this.vault = vault;
        this.audit = audit;
        this.currentUser = currentUser;
        this.gate = gate;
        this.settings = settings;
        this.clock = clock;
    }

    /** Every vendor, optionally only those in {@code status}; audited as {@code vendor.list}. */
    public List<VendorView> list(@Nullable Standing status) {
        List<VendorView> all = views();
        audit.record("vendor.list", Outcome.SUCCESS, "security-review", who(), "vendor", null);
        return status == null
                ? all
                : all.stream().filter(v -> v.status().standing() == status).toList();
    }

    /** Every vendor with its standing, unaudited: for the gate, reminders and the data-flow map. */
    public List<VendorView> views() {
        LocalDate today = today();
        return rows.all().stream().map(v -> view(v, today)).toList();
    }

    public VendorView get(UUID id) {
        return audited("vendor.read", id, () -> view(found(id), today()));
    }

    public VendorView create(VendorInput input) {
        return audited("vendor.create", null, () -> {
            VendorValidation.VendorFacts f = VendorValidation.check(input, null);
            Instant now = clock.instant();
            VendorRecord v = new VendorRecord(
                    UUID.randomUUID(),
                    f.key(),
                    f.name(),
                    f.services(),
                    f.categories(),
                    f.owner(),
                    f.baa(),
                    f.subcontractors(),
                    null,
                    null,
                    null,
                    now,
                    now);
            rows.insert(v);
            gate.agreementsChanged();
            return view(found(v.id()), today());
        });
    }

    public VendorView update(UUID id, VendorInput input) {
        return audited("vendor.update", id, () -> {
            VendorRecord old = found(id);
            VendorValidation.VendorFacts f = VendorValidation.check(input, old.key());
            rows.update(new VendorRecord(
                    id,
                    old.key(),
                    f.name(),
                    f.services(),
                    f.categories(),
                    f.owner(),
                    f.baa(),
                    f.subcontractors(),
                    old.document(),
                    old.verifiedOn(),
                    old.verifiedBy(),
                    old.createdAt(),
                    clock.instant()));
            gate.agreementsChanged();
            return view(found(id), today());
        });
    }

    /**
     * Stores the BAA document (a PDF up to {@link VendorSettings#baaMaxSize()}) encrypted in the vault,
     * then points the vendor at it; a refused or failed upload leaves the previous document in place.
     */
    public VendorView storeBaa(UUID id, InputStream content) {
        return audited("vendor.baa.store", id, () -> {
            VendorRecord v = found(id);
            byte[] pdf = readLimited(content, settings.baaMaxSize().toBytes());
            if (pdf.length < PDF_MAGIC.length
                    || !java.util.Arrays.equals(pdf, 0, PDF_MAGIC.length, PDF_MAGIC, 0, PDF_MAGIC.length)) {
                throw VendorFailure.notPdf();
            }
            String objectId = "vendor-baa-" + id + "-" + UUID.randomUUID();
            vault.put(objectId, "vendor:" + id, new ByteArrayInputStream(pdf));
            try {
                rows.document(id, new VendorRecord.Document(objectId, sha256(pdf), pdf.length), clock.instant());
            } catch (RuntimeException e) {
                vault.delete(objectId);
                throw e;
            }
            if (v.document() != null) {
                vault.delete(v.document().objectId());
            }
            gate.agreementsChanged();
            return view(found(id), today());
        });
    }

    /** The BAA document's plaintext; audited as {@code vendor.baa.read}. */
    public InputStream openBaa(UUID id) {
        return audited("vendor.baa.read", id, () -> {
            VendorRecord.Document d = found(id).document();
            if (d == null) {
                throw VendorFailure.noDocument();
            }
            return vault.open(d.objectId());
        });
    }

    /** Records that the signed-in security officer verified the vendor's BAA today. */
    public VendorView verify(UUID id) {
        return audited("vendor.verify", id, () -> {
            found(id);
            WorkforcePrincipal who = currentUser.current().orElseThrow();
            rows.verified(id, today(), who.id(), clock.instant());
            gate.agreementsChanged();
            return view(found(id), today());
        });
    }

    @Override
    public Map<String, Standing> standings() {
        return views().stream()
                .collect(Collectors.toMap(v -> v.vendor().key(), v -> v.status().standing()));
    }

    private VendorView view(VendorRecord v, LocalDate today) {
        int window = settings.reviewWindowDays();
        List<Standing> subs = v.subcontractors().stream()
                .map(s -> BaaStatus.subcontractor(s.baaExpires(), s.flowDown(), today, window))
                .toList();
        BaaStatus.Verdict verdict = BaaStatus.of(
                v.document() != null, v.baa().effective(), v.baa().expires(), v.verifiedOn(), subs, today, window);
        return new VendorView(v, verdict, subs);
    }

    private <T> T audited(String action, @Nullable UUID id, Supplier<T> work) {
        String resource = id == null ? null : id.toString();
        try {
            T result = work.get();
            audit.record(action, Outcome.SUCCESS, "security-review", who(), "vendor", resource);
            return result;
        } catch (SecureVisitException e) {
            audit.record(action, Outcome.DENIED, e.code(), who(), "vendor", resource);
            throw e;
        }
    }

    private VendorRecord found(UUID id) {
        return rows.find(id).orElseThrow(VendorFailure::notFound);
    }

    private @Nullable WorkforcePrincipal who() {
        return currentUser.current().orElse(null);
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    private static byte[] readLimited(InputStream in, long limit) {
        try {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (bytes.length > limit) {
                throw VendorFailure.tooLarge(limit);
            }
            return bytes;
        } catch (IOException e) {
            throw VendorFailure.invalid("document", "the upload was interrupted.");
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
