package health.securevisit.identity;

import java.io.Serializable;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Who is signed in on this session and how. Holds no secret: {@code sessionRef} is a random
 * reference for audit records, not the session id.
 *
 * @param id the workforce user id
 * @param username the unique username
 * @param roles the roles of the account; they take effect only once {@link #mfaSatisfied()}
 * @param signedInAt when the first factor succeeded (the absolute session limit counts from here)
 * @param mfaMethod the second step that completed sign-in ({@code totp}, {@code webauthn},
 *     {@code recovery-code}), or null while MFA is pending
 * @param mfaAt when that step (or the latest step-up) succeeded, or null while MFA is pending
 * @param sessionRef a non-secret reference to this session, used in audit records
 * @param deviceId the inventory id of the bound device this request proved it comes from (set per
 *     request by the device module from a fresh device-key proof; never stored in the session), or
 *     null when none
 */
public record WorkforcePrincipal(
        UUID id,
        String username,
        Set<Role> roles,
        Instant signedInAt,
        @Nullable String mfaMethod,
        @Nullable Instant mfaAt,
        String sessionRef,
        @Nullable String deviceId)
        implements Serializable {

    public WorkforcePrincipal {
        roles = Set.copyOf(roles);
    }

    /** A principal not (yet) known to act from a bound device. */
    public WorkforcePrincipal(
            UUID id,
            String username,
            Set<Role> roles,
            Instant signedInAt,
            @Nullable String mfaMethod,
            @Nullable Instant mfaAt,
            String sessionRef) {
        this(id, username, roles, signedInAt, mfaMethod, mfaAt, sessionRef, null);
    }

    /** The same principal acting from the bound device {@code device} (or from none). */
    public WorkforcePrincipal withDevice(@Nullable String device) {
        return new WorkforcePrincipal(id, username, roles, signedInAt, mfaMethod, mfaAt, sessionRef, device);
    }

    public boolean mfaSatisfied() {
        return mfaMethod != null && mfaAt != null;
    }

    /** The same session after a completed MFA step (or a step-up) with {@code method} at {@code at}. */
    public WorkforcePrincipal withMfa(String method, Instant at) {
        return new WorkforcePrincipal(id, username, roles, signedInAt, method, at, sessionRef, deviceId);
    }

    public WorkforcePrincipal withRoles(Set<Role> current) {
        return new WorkforcePrincipal(id, username, current, signedInAt, mfaMethod, mfaAt, sessionRef, deviceId);
    }

    /** The audit label of how the session authenticated, for example {@code password+totp}. */
    public String authMethod() {
        if (mfaMethod == null) {
            return "password";
        }
        return mfaMethod.equals("webauthn-passwordless") ? "webauthn" : "password+" + mfaMethod;
    }
}
