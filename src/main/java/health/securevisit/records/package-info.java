/**
 * What a visit leaves behind, kept as PHI: intake forms (FHIR Questionnaire) and their answers,
 * telehealth and recording consent, recordings (resumable chunked upload into the artifact vault),
 * screenshots, transcripts and chat exports, retention with crypto-shredding, and the visit export
 * (FHIR Bundle). Every read goes through the access decision point and is audited.
 */
@NullMarked
@ApplicationModule(allowedDependencies = {"access", "visit", "keys", "audit", "identity", "platform"})
package health.securevisit.records;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
