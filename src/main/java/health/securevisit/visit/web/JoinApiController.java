package health.securevisit.visit.web;

import health.securevisit.visit.RoomPasses;
import health.securevisit.visit.internal.JoinLinks;
import health.securevisit.visit.internal.VisitException;
import health.securevisit.visit.web.VisitViews.JoinedView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The patient's side of a join link (anonymous; CSRF token from the cookie like the sign-in pages). */
@RestController
@Tag(name = "join", description = "Patients join a visit with a single-use link and their date of birth")
class JoinApiController {

    record Join(
            @NotBlank @Size(max = 100) String token,
            @NotBlank @Size(max = 10) String dateOfBirth) {
        @Override
        public String toString() {
            return "Join[redacted]";
        }
    }

    private final JoinLinks joinLinks;
    private final @Nullable RoomPasses roomPasses;

    JoinApiController(JoinLinks joinLinks, ObjectProvider<RoomPasses> roomPasses) {
        this.joinLinks = joinLinks;
        this.roomPasses = roomPasses.getIfUnique();
    }

    @PostMapping("/api/v1/join")
    @Operation(
            summary = "Join a visit: every refusal is the same 403 join-refused; rate-limited per source address."
                    + " Success sets the visit room credential (cookie __Host-SVROOM).",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = @Content(schema = @Schema(implementation = Join.class))))
    JoinedView join(@Valid @RequestBody Join join, HttpServletRequest request, HttpServletResponse response) {
        LocalDate dateOfBirth;
        try {
            dateOfBirth = LocalDate.parse(join.dateOfBirth());
        } catch (DateTimeParseException e) {
            throw VisitException.invalidRequest("'dateOfBirth' must be a date (YYYY-MM-DD).");
        }
        JoinLinks.Joined joined = joinLinks.join(join.token(), dateOfBirth, request.getRemoteAddr());
        RoomPasses passes = roomPasses;
        if (passes == null) {
            return new JoinedView(joined.status().name(), joined.start(), joined.visitId(), null, null);
        }
        RoomPasses.Pass pass = passes.issue(joined.visitId());
        response.addHeader(HttpHeaders.SET_COOKIE, pass.setCookie());
        return new JoinedView(
                joined.status().name(),
                joined.start(),
                joined.visitId(),
                pass.participantId(),
                "/api/v1/visits/" + joined.visitId() + "/room");
    }
}
