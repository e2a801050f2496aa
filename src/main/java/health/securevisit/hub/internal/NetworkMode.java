package health.securevisit.hub.internal;

/** How a hub reaches SecureVisit; only the first two keep it apart from the home's own devices. */
public enum NetworkMode {
    /** Its own cellular modem (uplink: the carrier's id, e.g. MCC-MNC). */
    CELLULAR,
    /** A network segment (VLAN or SSID) reserved for medical devices (uplink: the segment's id). */
    DEDICATED_SEGMENT,
    /** The patient's shared home network, with the home's other devices: never compliant. */
    SHARED_HOME
}
