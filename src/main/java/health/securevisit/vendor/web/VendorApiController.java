package health.securevisit.vendor.web;

import health.securevisit.platform.EgressGate;
import health.securevisit.platform.VendorAgreements.Standing;
import health.securevisit.vendor.internal.PhiCategory;
import health.securevisit.vendor.internal.VendorFailure;
import health.securevisit.vendor.internal.VendorInput;
import health.securevisit.vendor.internal.VendorRecord;
import health.securevisit.vendor.internal.VendorService;
import health.securevisit.vendor.internal.VendorView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The vendor register over HTTP: security officers change it; auditors read it. Every call is audited. */
@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "vendors", description = "Vendors, BAAs and the egress gate")
class VendorApiController {

    /** A vendor as answered: its facts, the BAA's computed status and a reminder when one is due. */
    record VendorJson(
            String id,
            String key,
            String name,
            String services,
            List<PhiCategory> phiCategories,
            String owner,
            BaaJson baa,
            List<SubcontractorJson> subcontractors,
            @Nullable LocalDate verifiedOn,
            @Nullable String verifiedBy,
            String status,
            String statusReason,
            @Nullable LocalDate reviewBy,
            @Nullable String reminder) {

        static VendorJson of(VendorView view) {
            VendorRecord v = view.vendor();
            List<SubcontractorJson> subs = new ArrayList<>();
            for (int i = 0; i < v.subcontractors().size(); i++) {
                VendorRecord.Subcontractor s = v.subcontractors().get(i);
                subs.add(new SubcontractorJson(
                        s.name(),
                        s.services(),
                        s.baaExpires(),
                        s.flowDown(),
                        VendorView.code(view.subcontractorStatus().get(i))));
            }
            return new VendorJson(
                    v.id().toString(),
                    v.key(),
                    v.name(),
                    v.services(),
                    v.phiCategories(),
                    v.owner(),
                    new BaaJson(
                            v.baa().effective(),
                            v.baa().expires(),
                            v.baa().breachNoticeDays(),
                            v.baa().flowDown(),
                            v.baa().returnOrDestroy(),
                            v.document() == null ? null : v.document().sha256(),
                            v.document() == null ? null : v.document().size()),
                    subs,
                    v.verifiedOn(),
                    v.verifiedBy() == null ? null : v.verifiedBy().toString(),
                    view.statusCode(),
                    view.status().reason(),
                    view.status().reviewBy(),
                    Reminders.of(view));
        }
    }

    /** The BAA's terms and the stored document's digest and size (null when none is on file). */
    record BaaJson(
            @Nullable LocalDate effective,
            @Nullable LocalDate expires,
            @Nullable Integer breachNoticeDays,
            boolean flowDown,
            @Nullable String returnOrDestroy,
            @Nullable String documentSha256,
            @Nullable Long documentSize) {}

    /** A subcontractor and its own BAA's status. */
    record SubcontractorJson(
            String name, String services, @Nullable LocalDate baaExpires, boolean flowDown, String status) {}

    /** The vendors of a listing. */
    record VendorList(List<VendorJson> vendors) {}

    /** One outbound integration, its vendor and whether the gate lets it send now. */
    record EgressJson(
            String integration,
            String vendor,
            String description,
            String destination,
            String transport,
            String vendorStatus,
            boolean permitted) {}

    /** The registered integrations. */
    record EgressList(List<EgressJson> integrations) {}

    private final VendorService vendors;
    private final EgressGate gate;

    VendorApiController(VendorService vendors, EgressGate gate) {
        this.vendors = vendors;
        this.gate = gate;
    }

    @GetMapping("/vendors")
    @PreAuthorize("hasAnyRole('SECURITY_OFFICER','AUDITOR')")
    @Operation(summary = "Vendors with their computed BAA status (current, review-due, expired, missing)")
    VendorList list(@RequestParam(required = false) @Nullable String status) {
        return new VendorList(
                vendors.list(standing(status)).stream().map(VendorJson::of).toList());
    }

    @PostMapping(path = "/vendors", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('SECURITY_OFFICER')")
    @Operation(summary = "Register a vendor (409 vendor-exists on a duplicate key or name)")
    ResponseEntity<VendorJson> create(@RequestBody VendorInput body) {
        VendorJson created = VendorJson.of(vendors.create(body));
        return ResponseEntity.created(URI.create("/api/v1/vendors/" + created.id()))
                .body(created);
    }

    @GetMapping("/vendors/{id}")
    @PreAuthorize("hasAnyRole('SECURITY_OFFICER','AUDITOR')")
    @Operation(summary = "One vendor")
    VendorJson get(@PathVariable UUID id) {
        return VendorJson.of(vendors.get(id));
    }

    @PutMapping(path = "/vendors/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('SECURITY_OFFICER')")
    @Operation(summary = "Replace a vendor's facts and BAA terms (the key stays)")
    VendorJson update(@PathVariable UUID id, @RequestBody VendorInput body) {
        return VendorJson.of(vendors.update(id, body));
    }

    @PutMapping(path = "/vendors/{id}/baa", consumes = MediaType.APPLICATION_PDF_VALUE)
    @PreAuthorize("hasRole('SECURITY_OFFICER')")
    @Operation(summary = "Store the signed BAA (PDF only, size-limited), encrypted in the artifact vault")
    VendorJson storeBaa(@PathVariable UUID id, HttpServletRequest request) throws IOException {
        return VendorJson.of(vendors.storeBaa(id, request.getInputStream()));
    }

    @GetMapping(path = "/vendors/{id}/baa", produces = MediaType.APPLICATION_PDF_VALUE)
    @PreAuthorize("hasAnyRole('SECURITY_OFFICER','AUDITOR')")
    @Operation(summary = "The stored BAA document (audited)")
    ResponseEntity<InputStreamResource> readBaa(@PathVariable UUID id) {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"baa.pdf\"")
                .contentType(MediaType.APPLICATION_PDF)
                .body(new InputStreamResource(vendors.openBaa(id)));
    }

    @PostMapping("/vendors/{id}/verifications")
    @PreAuthorize("hasRole('SECURITY_OFFICER')")
    @Operation(summary = "Record the yearly verification of the vendor's BAA by the signed-in officer")
    VendorJson verify(@PathVariable UUID id) {
        return VendorJson.of(vendors.verify(id));
    }

    @GetMapping("/egress")
    @PreAuthorize("hasAnyRole('SECURITY_OFFICER','AUDITOR')")
    @Operation(summary = "Outbound integrations, their vendors and whether the egress gate lets them send")
    EgressList egress() {
        return new EgressList(gate.statuses().stream()
                .map(s -> new EgressJson(
                        s.egress().integration(),
                        s.egress().vendor(),
                        s.egress().description(),
                        s.egress().destination(),
                        s.egress().transport().label(),
                        s.egress().selfHosted()
                                ? EgressGate.SELF_HOSTED
                                : s.standing() == null ? "unknown" : VendorView.code(s.standing()),
                        s.permitted()))
                .toList());
    }

    static @Nullable Standing standing(@Nullable String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return Standing.valueOf(status.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw VendorFailure.invalid("status", "one of current, review-due, expired, missing.");
        }
    }
}
