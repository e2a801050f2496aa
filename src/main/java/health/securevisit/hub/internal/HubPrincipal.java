package health.securevisit.hub.internal;

import java.util.UUID;

/**
 * The hub of a request on the hub listener, from its verified client certificate: the hub id (the
 * certificate's URI name), the one patient it is bound to (from the hub's row, never from the
 * request body) and the certificate's serial.
 */
public record HubPrincipal(UUID hubId, UUID patientId, String serial) {

    public static final String ATTRIBUTE = HubPrincipal.class.getName();
}
