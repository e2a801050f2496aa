package health.securevisit.identity.web;

import health.securevisit.identity.internal.Setup;
import health.securevisit.identity.internal.WorkforceUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** First start: the one-time setup token creates the first administrator. */
@RestController
@Tag(name = "setup", description = "First administrator")
class SetupApiController {

    record SetupRequest(
            @NotBlank @Size(max = 200) String token,
            @NotBlank @Size(max = 64) String username,
            @NotBlank @Size(max = 1024) String password) {
        @Override
        public String toString() {
            return "SetupRequest[token=***, username=" + username + ", password=***]";
        }
    }

    record Created(String id, String username) {}

    private final Setup setup;

    SetupApiController(Setup setup) {
        this.setup = setup;
    }

    @PostMapping("/api/v1/setup")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create the first administrator with the token from DATA_DIR/setup-token (once)")
    Created create(@Valid @RequestBody SetupRequest body, HttpServletRequest request) {
        WorkforceUser admin = setup.redeem(body.token(), body.username(), body.password(), request.getRemoteAddr());
        return new Created(admin.id().toString(), admin.username());
    }
}
