/**
 * The compliance report: the control catalog (HIPAA Security Rule, the seed's telehealth checklist,
 * the proposed 2025 update behind a switch), each control's status from the checks every module's
 * {@link health.securevisit.platform.EvidenceSource} answers, the report as JSON, HTML and PDF, and
 * the signed evidence bundle with OSCAL assessment results that an auditor verifies offline.
 */
@NullMarked
@ApplicationModule(allowedDependencies = {"platform", "audit", "keys", "identity"})
package health.securevisit.compliance;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
