package health.securevisit.compliance.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import health.securevisit.compliance.ComplianceFailure;
import health.securevisit.compliance.internal.ComplianceReport.ControlResult;
import health.securevisit.compliance.internal.ControlCatalog.Control;
import health.securevisit.compliance.internal.ControlCatalog.Framework;
import health.securevisit.platform.EvidenceSource.Evidence;
import health.securevisit.platform.EvidenceSource.Status;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * The catalog as shipped, the decision table of a control's status, and the OSCAL assessment results
 * against NIST's schema.
 */
class ControlCatalogTests {

    static final Instant AT = Instant.parse("2026-06-01T10:00:00Z");

    @Test
    void theShippedCatalogCoversTheSecurityRuleTheSeedAndTheProposedUpdate() {
        ControlCatalog off = new ControlCatalog(ControlCatalog.load(), false);
        assertThat(off.controls())
                .extracting(Control::citation)
                .contains(
                        "164.308(a)(1)(ii)(A)",
                        "164.308(a)(7)(ii)(D)",
                        "164.310(d)(2)(iv)",
                        "164.312(b)",
                        "164.312(e)(2)(ii)",
                        "164.316(b)(2)");
        assertThat(off.controls()).extracting(Control::framework).doesNotContain(Framework.NPRM_2025);
        assertThat(off.control("seed-tabletop").checks()).containsExactly("incident.tabletop-current");
        assertThat(off.effectiveRequirement(off.control("hipaa-164.312-a-2-iv")))
                .isEqualTo("A");
        assertThat(off.linkedChecks())
                .contains(
                        "audit.trail-verified",
                        "audit.checkpoint-fresh",
                        "network.tls-self-scan",
                        "keys.encryption-coverage",
                        "identity.mfa-phishing-resistant",
                        "device.compliance",
                        "vendor.baa-current",
                        "risk.assessment-current",
                        "incident.tabletop-current",
                        "incident.response-plan",
                        "backup.restore-drill-current",
                        "workforce.training-current",
                        "workforce.policies-acknowledged",
                        "workforce.access-review-current",
                        "workforce.leavers-deprovisioned",
                        "network.segmentation");

        ControlCatalog on = new ControlCatalog(ControlCatalog.load(), true);
        assertThat(on.control("nprm-termination").checks()).containsExactly("workforce.leavers-deprovisioned");
        assertThat(on.effectiveRequirement(on.control("hipaa-164.312-a-2-iv")))
                .as("the proposed update makes addressable specifications required")
                .isEqualTo("R");
        assertThat(on.controls().size()).isGreaterThan(off.controls().size());
    }

    @Test
    void unknownControlIdsAreRefusedWithAStableCode() {
        ControlCatalog off = new ControlCatalog(ControlCatalog.load(), false);
        for (String id : List.of("hipaa-164.999", "", "nprm-mfa", "HIPAA-164.312-B", "../etc/passwd")) {
            assertThatThrownBy(() -> off.control(id))
                    .isInstanceOf(ComplianceFailure.class)
                    .extracting(e -> ((ComplianceFailure) e).code())
                    .isEqualTo("unknown-control");
        }
    }

    @Test
    void aCatalogWithADuplicateIdDoesNotLoad() {
        Control c = new Control("seed-x", Framework.SEED, "Seed", "R", "X", List.of("a.b"));
        assertThatThrownBy(() -> new ControlCatalog(List.of(c, c), false)).hasMessageContaining("given twice");
    }

    @Test
    void aControlFailsOnAnyFailingCheckAndPassesOnlyWhenEveryCheckPasses() {
        Evidence pass = Evidence.pass("a.pass", AT, "ok");
        Evidence fail = Evidence.fail("a.fail", AT, "bad", List.of("account:1"));
        Evidence none = Evidence.none("a.none", AT, "nothing");
        assertThat(ComplianceReports.decide(List.of(pass))).isEqualTo(Status.PASS);
        assertThat(ComplianceReports.decide(List.of(pass, pass))).isEqualTo(Status.PASS);
        assertThat(ComplianceReports.decide(List.of(pass, fail))).isEqualTo(Status.FAIL);
        assertThat(ComplianceReports.decide(List.of(none, fail))).isEqualTo(Status.FAIL);
        assertThat(ComplianceReports.decide(List.of(pass, none)))
                .as("a check without evidence is never a pass")
                .isEqualTo(Status.NO_EVIDENCE);
        assertThat(ComplianceReports.decide(List.of()))
                .as("a control without checks")
                .isEqualTo(Status.NO_EVIDENCE);
    }

    static ComplianceReport report() {
        Evidence pass = Evidence.pass("audit.trail-verified", AT, "verified 10 entries");
        Evidence fail = Evidence.fail("identity.mfa-phishing-resistant", AT, "1 of 2", List.of("account:42"));
        Evidence none = Evidence.none("workforce.training-current", AT, "no evidence source answers this check");
        return new ComplianceReport(
                AT,
                12,
                false,
                List.of(
                        new ControlResult(
                                "hipaa-164.312-b",
                                "hipaa",
                                "164.312(b)",
                                "R",
                                "Audit controls",
                                Status.PASS,
                                List.of(pass)),
                        new ControlResult(
                                "hipaa-164.312-d",
                                "hipaa",
                                "164.312(d)",
                                "R",
                                "Authentication",
                                Status.FAIL,
                                List.of(fail)),
                        new ControlResult(
                                "seed-training", "seed", "Seed", "R", "Training", Status.NO_EVIDENCE, List.of(none)),
                        new ControlResult(
                                "hipaa-164.310-a-1",
                                "hipaa",
                                "164.310(a)(1)",
                                "R",
                                "Facility",
                                Status.NO_EVIDENCE,
                                List.of())),
                List.of(pass, fail),
                List.of());
    }

    @Test
    void theOscalAssessmentResultsMatchNistsSchema() throws Exception {
        byte[] doc = OscalResults.document(report(), "test");
        var json = OscalResults.JSON.readTree(doc);
        assertThat(OscalResults.validate(json)).isEmpty();
        var findings = json.path("assessment-results").path("results").get(0).path("findings");
        assertThat(findings.size()).isEqualTo(4);
        assertThat(findings.get(0).path("target").path("status").path("state").asString())
                .isEqualTo("satisfied");
        assertThat(findings.get(1).path("target").path("status").path("state").asString())
                .isEqualTo("not-satisfied");
        assertThat(findings.get(2).path("target").path("status").path("reason").asString())
                .isEqualTo("no-evidence");
        assertThat(json.path("assessment-results")
                        .path("results")
                        .get(0)
                        .path("observations")
                        .toString())
                .contains("account:42")
                .contains("workforce.training-current");
    }

    @Test
    void theSchemaRejectsADocumentWithoutItsRequiredParts() throws Exception {
        var json = (ObjectNode) OscalResults.JSON.readTree(OscalResults.document(report(), "test"));
        ((ObjectNode) json.path("assessment-results")).remove("import-ap");
        ObjectNode result =
                (ObjectNode) json.path("assessment-results").path("results").get(0);
        result.put("start", "yesterday");
        assertThat(OscalResults.validate(json))
                .hasSizeGreaterThanOrEqualTo(2)
                .anySatisfy(e -> assertThat(e).contains("import-ap"));
    }
}
