package health.securevisit.device.internal;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/**
 * What a session holds after its browser proved its device key: the device, the SHA-256 hash of the
 * device cookie handed out with the proof (the cookie itself is never stored), and when.
 */
record DeviceProof(UUID deviceId, String cookieHash, Instant provenAt) implements Serializable {

    static final String ATTRIBUTE = DeviceProof.class.getName();
    static final String COOKIE = "__Host-SVDEVICE";
}
