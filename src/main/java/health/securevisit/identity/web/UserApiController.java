package health.securevisit.identity.web;

import health.securevisit.identity.CurrentWorkforceUser;
import health.securevisit.identity.Role;
import health.securevisit.identity.internal.UserAdministration;
import health.securevisit.identity.internal.WorkforceUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Workforce account administration (role ADMIN). */
@RestController
@RequestMapping("/api/v1/users")
@PreAuthorize("hasRole('ADMIN')")
@Tag(name = "users", description = "Workforce accounts and roles (administrators)")
class UserApiController {

    record NewUser(
            @NotBlank @Size(max = 64) String username,
            @NotBlank @Size(max = 1024) String password,
            @NotEmpty Set<Role> roles,

            @Schema(
                    description = "Why the account needs its roles; required for CLINICIAN or STAFF (10 to 500"
                            + " visible characters, no control, bidirectional or invisible characters)")
            @Nullable
            @Size(max = 2000)
            String reason) {
        @Override
        public String toString() {
            return "NewUser[username=" + username + ", password=***, roles=" + roles + ", reason=***]";
        }
    }

    record Roles(@NotEmpty Set<Role> roles) {}

    record Enabled(@NotNull Boolean enabled) {}

    record UserView(String id, String username, Set<Role> roles, boolean enabled, Instant createdAt) {
        static UserView of(WorkforceUser u) {
            return new UserView(u.id().toString(), u.username(), new TreeSet<>(u.roles()), u.enabled(), u.createdAt());
        }
    }

    private final UserAdministration administration;
    private final CurrentWorkforceUser current;

    UserApiController(UserAdministration administration, CurrentWorkforceUser current) {
        this.administration = administration;
        this.current = current;
    }

    @PostMapping
    @Operation(
            summary = "Create a personal account with a password and roles; MFA is enrolled at its first sign-in",
            description = "Needs a second factor verified within the step-up window (403 step-up-required). A"
                    + " role that sees PHI (CLINICIAN, STAFF) needs a reason (codes reason-required,"
                    + " invalid-reason); the grant is audited and raises a security alert.")
    ResponseEntity<UserView> create(@Valid @RequestBody NewUser body) {
        WorkforceUser user = administration.create(
                current.current().orElseThrow(), body.username(), body.password(), body.roles(), body.reason());
        return ResponseEntity.created(URI.create("/api/v1/users/" + user.id())).body(UserView.of(user));
    }

    @GetMapping
    @Operation(summary = "All workforce accounts")
    List<UserView> list() {
        return administration.list().stream().map(UserView::of).toList();
    }

    @PutMapping("/{id}/roles")
    @Operation(
            summary = "Replace the roles of an account",
            description = "Needs a second factor verified within the step-up window (403 step-up-required); an"
                    + " administrator cannot give their own account CLINICIAN or STAFF (403 self-grant-refused);"
                    + " granting either raises a security alert.")
    UserView roles(@PathVariable UUID id, @Valid @RequestBody Roles body) {
        return UserView.of(administration.setRoles(current.current().orElseThrow(), id, body.roles()));
    }

    @PutMapping("/{id}/enabled")
    @Operation(summary = "Disable (ends its sessions) or re-enable an account")
    UserView enabled(@PathVariable UUID id, @Valid @RequestBody Enabled body) {
        return UserView.of(administration.setEnabled(current.current().orElseThrow(), id, body.enabled()));
    }
}
