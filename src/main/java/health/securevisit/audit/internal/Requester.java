package health.securevisit.audit.internal;

import org.jspecify.annotations.Nullable;

/** Who asks the audit module for something (to be audited in turn): principal, role, address, request. */
public record Requester(
        String userId,
        @Nullable String role,
        @Nullable String sourceAddress,
        @Nullable String requestId) {}
