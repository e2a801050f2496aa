package health.securevisit.access;

/** Whether the device of a request meets the posture policy; the device module fills it in later. */
public enum DevicePosture {
    COMPLIANT,
    NONCOMPLIANT,
    /** No device inventory answer (today: always); the access settings say what it means. */
    UNKNOWN
}
