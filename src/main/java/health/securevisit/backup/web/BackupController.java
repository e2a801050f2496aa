package health.securevisit.backup.web;

import health.securevisit.backup.internal.OnlineBackups;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Backups of the running server for administrators, and the backup list with the last restore drills. */
@RestController
@RequestMapping("/api/v1/backups")
@Tag(name = "backups", description = "Encrypted, signed backups of the running server; restore drills")
class BackupController {

    private final OnlineBackups backups;

    BackupController(OnlineBackups backups) {
        this.backups = backups;
    }

    @PostMapping
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(
            summary = "Write a backup of the running server into SECUREVISIT_BACKUP_DIR",
            description = "The server names the file. Needs a second factor verified within the step-up window"
                    + " of role changes (403 step-up-required); one backup at a time. Audited as backup.create.")
    @ApiResponse(responseCode = "201", description = "Written: id, file name, size, SHA-256 and time")
    @ApiResponse(
            responseCode = "409",
            description = "No backup directory configured (code backup-dir-not-configured) or a backup is"
                    + " being written (code backup-in-progress)")
    ResponseEntity<OnlineBackups.Created> create() {
        return ResponseEntity.status(HttpStatus.CREATED).body(backups.create());
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('ADMIN', 'SECURITY_OFFICER', 'AUDITOR')")
    @Operation(summary = "The backups in SECUREVISIT_BACKUP_DIR, newest first, and the last restore drills")
    OnlineBackups.Listing list() throws IOException {
        return backups.list();
    }
}
