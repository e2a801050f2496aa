package health.securevisit.identity.web;

import health.securevisit.identity.CurrentWorkforceUser;
import health.securevisit.identity.WorkforcePrincipal;
import health.securevisit.identity.internal.Factors;
import health.securevisit.identity.internal.IdentityFailure;
import health.securevisit.identity.internal.RecoveryCodes;
import health.securevisit.identity.internal.TotpEnrollment;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The caller's own factors: list, enrol (TOTP or WebAuthn only, never SMS), remove, recovery codes. */
@RestController
@RequestMapping("/api/v1/auth")
@Tag(name = "factors", description = "Your second factors: authenticator apps and security keys or passkeys")
class FactorApiController {

    static final Duration FRESH = Duration.ofMinutes(15);

    record FactorRequest(@NotBlank @Size(max = 32) String type) {}

    record FactorList(List<Factors.Factor> factors, int recoveryCodesRemaining) {}

    record RecoveryCodeList(List<String> recoveryCodes) {}

    record EnrolWith(String type, String next) {}

    private final Factors factors;
    private final TotpEnrollment enrollment;
    private final RecoveryCodes recoveryCodes;
    private final CurrentWorkforceUser current;

    FactorApiController(
            Factors factors, TotpEnrollment enrollment, RecoveryCodes recoveryCodes, CurrentWorkforceUser current) {
        this.factors = factors;
        this.enrollment = enrollment;
        this.recoveryCodes = recoveryCodes;
        this.current = current;
    }

    @GetMapping("/factors")
    @Operation(summary = "Your enrolled factors and how many recovery codes are left")
    FactorList list() {
        WorkforcePrincipal p = AuthApiController.signedIn();
        return new FactorList(factors.list(p.id()), recoveryCodes.remaining(p.id()));
    }

    @PostMapping("/factors")
    @Operation(
            summary = "Enrol a factor: type totp (authenticator app) or webauthn (security key, passkey);"
                    + " sms, voice and email are refused with code factor-not-allowed")
    ResponseEntity<Object> enrol(@Valid @RequestBody FactorRequest body) {
        String type = body.type().strip().toLowerCase(Locale.ROOT);
        return switch (type) {
            case "totp" -> {
                TotpEnrollment.Started s = enrollment.begin(AuthApiController.signedIn());
                yield ResponseEntity.ok(new AuthApiController.TotpStarted(s.secret(), s.otpauthUri(), s.qrCode()));
            }
            case "webauthn" ->
                ResponseEntity.ok(new EnrolWith("webauthn", "/api/v1/auth/webauthn/registration/options"));
            default -> throw IdentityFailure.factorNotAllowed(type);
        };
    }

    @DeleteMapping("/factors/{id}")
    @Operation(summary = "Remove one of your factors (needs MFA within 15 minutes; one must remain)")
    ResponseEntity<Void> remove(@PathVariable String id) {
        factors.remove(current.requireMfaWithin(FRESH), id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/recovery-codes")
    @Operation(summary = "Replace your recovery codes by ten new ones, shown once (needs MFA within 15 minutes)")
    RecoveryCodeList regenerate() {
        return new RecoveryCodeList(
                recoveryCodes.regenerate(current.requireMfaWithin(FRESH).id()));
    }
}
