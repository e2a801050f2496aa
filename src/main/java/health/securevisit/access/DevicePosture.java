package health.securevisit.access;

/** Whether the device of a request meets the posture policy; the device module answers it. */
public enum DevicePosture {
    COMPLIANT,
    NONCOMPLIANT,
    /** No bound device proved, or no posture evidence yet; the access settings say what it means. */
    UNKNOWN
}
