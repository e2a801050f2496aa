package health.securevisit.identity.web;

import health.securevisit.identity.WorkforceDirectory;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The workforce directory that scheduling needs: who can be put on a visit's care team. */
@RestController
@PreAuthorize("hasAnyRole('STAFF','CLINICIAN')")
@Tag(name = "users", description = "Workforce accounts and roles (administrators)")
class DirectoryApiController {

    private final WorkforceDirectory directory;

    DirectoryApiController(WorkforceDirectory directory) {
        this.directory = directory;
    }

    record ClinicianList(List<WorkforceDirectory.Clinician> clinicians) {}

    @GetMapping("/api/v1/clinicians")
    @Operation(summary = "Enabled clinicians (id and username) for scheduling; STAFF and CLINICIAN")
    ClinicianList clinicians() {
        return new ClinicianList(directory.activeClinicians());
    }
}
