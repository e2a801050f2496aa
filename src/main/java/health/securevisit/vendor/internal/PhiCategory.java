package health.securevisit.vendor.internal;

/** Kinds of PHI (or audit data) a vendor may receive. */
public enum PhiCategory {
    DEMOGRAPHICS,
    CLINICAL_NOTES,
    AUDIO_VIDEO,
    TRANSCRIPTS,
    DEVICE_DATA,
    BILLING,
    AUDIT_IDENTIFIERS,
    MESSAGING
}
