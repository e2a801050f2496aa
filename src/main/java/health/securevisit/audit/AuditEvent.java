package health.securevisit.audit;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One audited action. It carries identifiers and codes only, never PHI values, never secrets
 * (passwords, codes, tokens, session ids): {@code sessionRef} is a non-secret reference to the
 * session, not the session id. Time and sequence number are assigned by the trail.
 *
 * @param action what was done, a stable dotted code such as {@code auth.login} or {@code chart.read}
 * @param outcome success, denied or error
 * @param reason a stable reason code (for example {@code bad-credentials} or the policy rule that
 *     decided), or null
 * @param actorId the workforce user id (or another principal id such as a hub id), or null when
 *     unknown (for example a failed login for an unknown user)
 * @param actorRole the role the actor acted in
 * @param sessionRef a non-secret reference to the session
 * @param authMethod how the actor authenticated (for example {@code password+totp}, {@code webauthn})
 * @param resourceType the kind of resource acted on (for example {@code patient}, {@code visit})
 * @param resourceId its id
 * @param patientId the patient whose data was involved, if any
 * @param visitId the visit, if any
 * @param purpose why
 * @param sourceAddress the client's network address
 * @param deviceId the device inventory id, if known
 * @param requestId the request id (also on the log lines of that request)
 */
public record AuditEvent(
        String action,
        Outcome outcome,
        @Nullable String reason,
        @Nullable String actorId,
        @Nullable String actorRole,
        @Nullable String sessionRef,
        @Nullable String authMethod,
        @Nullable String resourceType,
        @Nullable String resourceId,
        @Nullable String patientId,
        @Nullable String visitId,
        PurposeOfUse purpose,
        @Nullable String sourceAddress,
        @Nullable String deviceId,
        @Nullable String requestId) {

    public AuditEvent {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(purpose, "purpose");
    }

    public static Builder builder(String action, Outcome outcome, PurposeOfUse purpose) {
        return new Builder(action, outcome, purpose);
    }

    /** Builds an event field by field; unset fields are null. */
    public static final class Builder {
        private final String action;
        private final Outcome outcome;
        private final PurposeOfUse purpose;
        private @Nullable String reason;
        private @Nullable String actorId;
        private @Nullable String actorRole;
        private @Nullable String sessionRef;
        private @Nullable String authMethod;
        private @Nullable String resourceType;
        private @Nullable String resourceId;
        private @Nullable String patientId;
        private @Nullable String visitId;
        private @Nullable String sourceAddress;
        private @Nullable String deviceId;
        private @Nullable String requestId;

        private Builder(String action, Outcome outcome, PurposeOfUse purpose) {
            this.action = action;
            this.outcome = outcome;
            this.purpose = purpose;
        }

        public Builder reason(@Nullable String value) {
            this.reason = value;
            return this;
        }

        public Builder actor(@Nullable String id, @Nullable String role) {
            this.actorId = id;
            this.actorRole = role;
            return this;
        }

        public Builder session(@Nullable String ref, @Nullable String method) {
            this.sessionRef = ref;
            this.authMethod = method;
            return this;
        }

        public Builder resource(@Nullable String type, @Nullable String id) {
            this.resourceType = type;
            this.resourceId = id;
            return this;
        }

        public Builder patient(@Nullable String id) {
            this.patientId = id;
            return this;
        }

        public Builder visit(@Nullable String id) {
            this.visitId = id;
            return this;
        }

        public Builder source(@Nullable String address, @Nullable String device) {
            this.sourceAddress = address;
            this.deviceId = device;
            return this;
        }

        public Builder request(@Nullable String id) {
            this.requestId = id;
            return this;
        }

        public AuditEvent build() {
            return new AuditEvent(
                    action,
                    outcome,
                    reason,
                    actorId,
                    actorRole,
                    sessionRef,
                    authMethod,
                    resourceType,
                    resourceId,
                    patientId,
                    visitId,
                    purpose,
                    sourceAddress,
                    deviceId,
                    requestId);
        }
    }
}
