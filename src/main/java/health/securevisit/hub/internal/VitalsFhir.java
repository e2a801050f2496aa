package health.securevisit.hub.internal;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.jspecify.annotations.Nullable;

/**
 * Readings as FHIR R4 {@code Observation}s of the vital-signs profiles (HAPI FHIR structures): the
 * category {@code vital-signs}, the LOINC code, the UCUM quantity (blood pressure as the panel
 * 85354-9 with the components 8480-6 and 8462-4), the patient as subject, the hub as device, the
 * reading id as identifier, and the status {@code final} or {@code preliminary}.
 */
final class VitalsFhir {

    static final FhirContext R4 = FhirContext.forR4Cached();
    static final String LOINC = "http://loinc.org";
    static final String UCUM = "http://unitsofmeasure.org";
    static final String VITAL_SIGNS_PROFILE = "http://hl7.org/fhir/StructureDefinition/vitalsigns";
    static final String READING_SYSTEM = "urn:securevisit:hub-reading";

    /** A validated reading. {@code value} is the systolic pressure for blood pressure. */
    record Reading(
            String readingId,
            VitalSign sign,
            String sentCode,
            Instant effective,
            BigDecimal value,
            @Nullable BigDecimal diastolic) {}

    private VitalsFhir() {}

    static void warmUp() {
        parse(R4.newJsonParser().encodeResourceToString(new Observation()));
    }

    static String json(UUID observationId, Reading reading, UUID patientId, UUID hubId, boolean preliminary) {
        Observation obs = new Observation();
        obs.setId(observationId.toString());
        obs.getMeta().addProfile(VITAL_SIGNS_PROFILE);
        obs.getMeta().addProfile(reading.sign().profile);
        obs.addIdentifier(
                new Identifier().setSystem(READING_SYSTEM + ":" + hubId).setValue(reading.readingId()));
        obs.setStatus(preliminary ? Observation.ObservationStatus.PRELIMINARY : Observation.ObservationStatus.FINAL);
        obs.addCategory(new CodeableConcept(new Coding(
                        "http://terminology.hl7.org/CodeSystem/observation-category", "vital-signs", "Vital Signs"))
                .setText("Vital Signs"));
        CodeableConcept code = new CodeableConcept(new Coding(LOINC, reading.sign().loinc, reading.sign().display));
        if (VitalSign.PULSE_OXIMETRY.equals(reading.sentCode())) {
            code.addCoding(new Coding(LOINC, VitalSign.PULSE_OXIMETRY, "Oxygen saturation by pulse oximetry"));
        }
        obs.setCode(code.setText(reading.sign().display));
        obs.setSubject(new Reference("Patient/" + patientId));
        obs.setDevice(new Reference("Device/" + hubId).setDisplay("SecureVisit hub"));
        obs.setEffective(new DateTimeType(Date.from(reading.effective()), TemporalPrecisionEnum.SECOND));
        if (reading.sign() == VitalSign.BLOOD_PRESSURE) {
            obs.addComponent()
                    .setCode(new CodeableConcept(new Coding(LOINC, VitalSign.SYSTOLIC, "Systolic blood pressure")))
                    .setValue(quantity(reading.value(), reading.sign()));
            obs.addComponent()
                    .setCode(new CodeableConcept(new Coding(LOINC, VitalSign.DIASTOLIC, "Diastolic blood pressure")))
                    .setValue(quantity(reading.diastolic(), reading.sign()));
        } else {
            obs.setValue(quantity(reading.value(), reading.sign()));
        }
        return R4.newJsonParser().encodeResourceToString(obs);
    }

    private static Quantity quantity(@Nullable BigDecimal value, VitalSign sign) {
        return new Quantity()
                .setValue(value)
                .setUnit(sign.unitDisplay)
                .setSystem(UCUM)
                .setCode(sign.unit);
    }

    static Observation parse(String json) {
        return R4.newJsonParser().parseResource(Observation.class, json);
    }

    /** The value of an Observation made here (systolic for blood pressure). */
    static BigDecimal value(Observation obs) {
        if (obs.hasComponent()) {
            return obs.getComponentFirstRep().getValueQuantity().getValue();
        }
        return obs.getValueQuantity().getValue();
    }

    static @Nullable BigDecimal diastolic(Observation obs) {
        return obs.getComponent().size() > 1
                ? obs.getComponent().get(1).getValueQuantity().getValue()
                : null;
    }
}
