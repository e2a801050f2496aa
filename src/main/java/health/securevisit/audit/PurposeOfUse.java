package health.securevisit.audit;

/** Why an action was taken, with its HL7 v3 PurposeOfUse code (used by the FHIR export). */
public enum PurposeOfUse {
    TREATMENT("TREAT"),
    EMERGENCY("ETREAT"),
    PAYMENT("HPAYMT"),
    OPERATIONS("HOPERAT"),
    SYSTEM_ADMINISTRATION("HSYSADMIN"),
    COMPLIANCE("HCOMPL"),
    PATIENT_REQUEST("PATRQT");

    private final String hl7Code;

    PurposeOfUse(String hl7Code) {
        this.hl7Code = hl7Code;
    }

    public String hl7Code() {
        return hl7Code;
    }
}
