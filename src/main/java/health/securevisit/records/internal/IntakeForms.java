package health.securevisit.records.internal;

import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import health.securevisit.access.DataClass;
import health.securevisit.access.Intent;
import health.securevisit.keys.FieldBinding;
import health.securevisit.keys.FieldEncryption;
import health.securevisit.platform.SecureVisitException.Kind;
import health.securevisit.records.RecordsException;
import health.securevisit.records.RecordsException.ItemError;
import health.securevisit.visit.VisitLookup;
import health.securevisit.visit.VisitRecordFacts;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Type;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Intake forms of a visit: staff assign forms (scheduling data); the patient's answers arrive as a
 * FHIR QuestionnaireResponse, are validated item by item against the form (known linkId, type,
 * required, choices, length) and stored as AES-256-GCM ciphertext bound to their row (scope {@code
 * patient:<id>}); the care team reads them through the access decision point (after the identity
 * step, like clinical data).
 */
@Component
public class IntakeForms {

    static final String ASSIGN = "records.form.assign";
    static final String READ = "records.form.read";
    private static final Pattern LINK_ID = Pattern.compile("[a-z0-9-]{1,40}");

    /** A form assigned to a visit, with the patient's answers once given. */
    public record Assignment(
            UUID id,
            String formUrl,
            String formVersion,
            Instant assignedAt,
            @Nullable Instant answeredAt,
            @Nullable QuestionnaireResponse answers) {}

    private final RecordsAccess access;
    private final VisitLookup visits;
    private final Forms forms;
    private final FieldEncryption encryption;
    private final JdbcClient jdbc;
    private final Clock clock;

    IntakeForms(
            RecordsAccess access,
            VisitLookup visits,
            Forms forms,
            FieldEncryption encryption,
            JdbcClient jdbc,
            Clock clock) {
        this.access = access;
        this.visits = visits;
        this.forms = forms;
        this.encryption = encryption;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Assigns the form with canonical {@code url} (its current version) to the visit. */
    public Assignment assign(UUID visitId, String url) {
        VisitRecordFacts visit = access.visit(visitId, ASSIGN, DataClass.SCHEDULING, Intent.CHANGE, "form");
        if (visit.ended()) {
            throw RecordsException.visitEnded();
        }
        Forms.Form form = forms.find(url)
                .orElseThrow(() -> RecordsException.of(Kind.NOT_FOUND, "form-not-found", "There is no such form."));
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        int added = jdbc.sql("INSERT INTO records_form_assignment (id, visit_id, form_url, form_version, assigned_by,"
                        + " assigned_at) SELECT ?, ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM"
                        + " records_form_assignment WHERE visit_id = ? AND form_url = ?)")
                .params(
                        id,
                        visitId,
                        form.url(),
                        form.version(),
                        access.principal().id(),
                        ArtifactRows.ts(now),
                        visitId,
                        form.url())
                .update();
        if (added == 0) {
            throw RecordsException.of(
                    Kind.CONFLICT, "form-already-assigned", "The form is already assigned to the visit.");
        }
        return new Assignment(id, form.url(), form.version(), now, null, null);
    }

    /** The visit's forms with the answers, once reading visit records was allowed. */
    public List<Assignment> ofVisit(UUID visitId) {
        VisitRecordFacts visit = access.visit(visitId, READ, Intent.READ, "form-answers");
        return assignments(visit);
    }

    /** The answers as QuestionnaireResponses, for the export (decided on the whole visit). */
    List<QuestionnaireResponse> responsesDecided(VisitRecordFacts visit) {
        return assignments(visit).stream()
                .filter(a -> a.answers() != null)
                .map(Assignment::answers)
                .toList();
    }

    /**
     * Stores the patient's answers to an assigned form. The caller has authenticated the patient of
     * this visit (the join flow, or the visit room's patient session); nothing here trusts the
     * response's own subject or questionnaire fields beyond matching the assignment.
     */
    public Assignment answerAsPatient(UUID visitId, String formUrl, String questionnaireResponseJson) {
        VisitRecordFacts visit = visits.find(visitId).orElseThrow(RecordsException::visitNotFound);
        if (visit.ended()) {
            throw RecordsException.visitEnded();
        }
        Map<String, Object> row = jdbc
                .sql("SELECT id, form_version FROM records_form_assignment WHERE visit_id = ?" + " AND form_url = ?")
                .params(visitId, formUrl)
                .query()
                .listOfRows()
                .stream()
                .findFirst()
                .orElseThrow(() -> RecordsException.of(
                        Kind.NOT_FOUND, "form-not-assigned", "This form is not assigned to the visit."));
        Forms.Form form = forms.find(formUrl).orElseThrow();
        QuestionnaireResponse response = parse(questionnaireResponseJson);
        List<ItemError> errors = validate(form.questionnaire(), response);
        if (!errors.isEmpty()) {
            throw RecordsException.formAnswersInvalid(errors);
        }
        UUID id = (UUID) row.get("id");
        response.setId(id.toString());
        response.setQuestionnaire(form.url() + "|" + row.get("form_version"));
        response.setStatus(QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED);
        Instant now = clock.instant();
        response.setAuthored(Date.from(now));
        byte[] sealed = encryption.encryptText(binding(visit, id), Forms.json().encodeResourceToString(response));
        jdbc.sql("UPDATE records_form_assignment SET answers = ?, answered_at = ? WHERE id = ?")
                .params(sealed, ArtifactRows.ts(now), id)
                .update();
        return new Assignment(id, form.url(), (String) row.get("form_version"), now, now, response);
    }

    /** The visit's assignments, for its patient (authenticated by the caller); refused once the visit ended. */
    List<Assignment> assignedForPatient(UUID visitId) {
        VisitRecordFacts visit = visits.find(visitId).orElseThrow(RecordsException::visitNotFound);
        if (visit.ended()) {
            throw RecordsException.visitEnded();
        }
        return assignments(visit);
    }

    private List<Assignment> assignments(VisitRecordFacts visit) {
        return jdbc.sql("SELECT id, form_url, form_version, assigned_at, answered_at, answers FROM"
                        + " records_form_assignment WHERE visit_id = ? ORDER BY assigned_at, id")
                .param(visit.facts().visitId())
                .query((rs, n) -> {
                    UUID id = rs.getObject("id", UUID.class);
                    byte[] sealed = rs.getBytes("answers");
                    QuestionnaireResponse answers = sealed == null
                            ? null
                            : Forms.json()
                                    .parseResource(
                                            QuestionnaireResponse.class,
                                            encryption.decryptText(binding(visit, id), sealed));
                    java.sql.Timestamp answered = rs.getTimestamp("answered_at");
                    return new Assignment(
                            id,
                            rs.getString("form_url"),
                            rs.getString("form_version"),
                            rs.getTimestamp("assigned_at").toInstant(),
                            answered == null ? null : answered.toInstant(),
                            answers);
                })
                .list();
    }

    private static FieldBinding binding(VisitRecordFacts visit, UUID assignmentId) {
        return new FieldBinding(
                "patient:" + visit.facts().patientId(), "records_form_assignment", "answers", assignmentId.toString());
    }

    private static QuestionnaireResponse parse(String json) {
        IParser parser = Forms.json();
        parser.setParserErrorHandler(new StrictErrorHandler());
        try {
            return parser.parseResource(QuestionnaireResponse.class, json);
        } catch (DataFormatException | ClassCastException e) {
            throw RecordsException.invalid("The answers are not a FHIR R4 QuestionnaireResponse.");
        }
    }

    /** Every error of the answers against the form, item by item (empty when valid). */
    static List<ItemError> validate(Questionnaire form, QuestionnaireResponse response) {
        List<ItemError> errors = new ArrayList<>();
        Map<String, Questionnaire.QuestionnaireItemComponent> items = new HashMap<>();
        form.getItem().forEach(i -> items.put(i.getLinkId(), i));
        Map<String, Integer> seen = new HashMap<>();
        for (QuestionnaireResponse.QuestionnaireResponseItemComponent answer : response.getItem()) {
            String linkId = answer.getLinkId();
            Questionnaire.QuestionnaireItemComponent item = linkId == null ? null : items.get(linkId);
            if (item == null) {
                errors.add(new ItemError(
                        linkId != null && LINK_ID.matcher(linkId).matches() ? linkId : "?", "unknown-item"));
                continue;
            }
            if (seen.merge(linkId, 1, Integer::sum) > 1) {
                errors.add(new ItemError(linkId, "repeated-item"));
                continue;
            }
            if (answer.getAnswer().size() > 1) {
                errors.add(new ItemError(linkId, "one-answer-only"));
                continue;
            }
            if (answer.getAnswer().isEmpty()) {
                continue;
            }
            String problem = check(item, answer.getAnswerFirstRep().getValue());
            if (problem != null) {
                errors.add(new ItemError(linkId, problem));
            }
        }
        for (Questionnaire.QuestionnaireItemComponent item : form.getItem()) {
            boolean answered = response.getItem().stream()
                    .anyMatch(a -> item.getLinkId().equals(a.getLinkId())
                            && !a.getAnswer().isEmpty());
            if (item.getRequired() && !answered) {
                errors.add(new ItemError(item.getLinkId(), "required"));
            }
        }
        return errors;
    }

    private static @Nullable String check(Questionnaire.QuestionnaireItemComponent item, @Nullable Type value) {
        switch (item.getType()) {
            case TEXT, STRING -> {
                if (!(value instanceof org.hl7.fhir.r4.model.StringType s) || s.getValue() == null) {
                    return "wrong-type";
                }
                if (s.getValue().isBlank()) {
                    return "required";
                }
                return item.hasMaxLength() && s.getValue().length() > item.getMaxLength() ? "too-long" : null;
            }
            case BOOLEAN -> {
                return value instanceof org.hl7.fhir.r4.model.BooleanType b && b.getValue() != null
                        ? null
                        : "wrong-type";
            }
            case CHOICE -> {
                if (!(value instanceof org.hl7.fhir.r4.model.Coding c)) {
                    return "wrong-type";
                }
                boolean listed = item.getAnswerOption().stream()
                        .anyMatch(o -> o.hasValueCoding()
                                && o.getValueCoding().getCode().equals(c.getCode()));
                return listed ? null : "not-a-choice";
            }
            default -> {
                return "unsupported-item";
            }
        }
    }
}
