package health.securevisit.keys.web;

import health.securevisit.keys.CheckpointSigner;
import health.securevisit.keys.KeyInfo;
import health.securevisit.keys.KeyInventory;
import health.securevisit.keys.KeyRotation;
import health.securevisit.keys.RotationProgress;
import health.securevisit.keys.UnknownRotationException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/** Key inventory, the checkpoint signing public key, and KEK rotation for administrators. */
@RestController
@RequestMapping("/api/v1/keys")
@Tag(name = "keys", description = "Encryption keys: inventory (no key material), signing public key, rotation")
class KeysController {

    static final String READERS = "hasAnyRole('ADMIN', 'SECURITY_OFFICER', 'AUDITOR')";

    private final KeyInventory inventory;
    private final KeyRotation rotation;
    private final CheckpointSigner signer;

    KeysController(KeyInventory inventory, KeyRotation rotation, CheckpointSigner signer) {
        this.inventory = inventory;
        this.rotation = rotation;
        this.signer = signer;
    }

    /** The inventory: keys, versions, algorithms, storage and dates, never key material. */
    record Inventory(List<KeyInfo> keys) {}

    @GetMapping
    @PreAuthorize(READERS)
    @Operation(summary = "List the keys (for the compliance report); never returns key material")
    Inventory keys() {
        return new Inventory(inventory.keys());
    }

    @GetMapping(value = "/signing-key", produces = "application/x-pem-file")
    @PreAuthorize(READERS)
    @Operation(summary = "The Ed25519 public key that verifies audit checkpoints (PEM, SubjectPublicKeyInfo)")
    String signingKey() {
        return signer.publicKeyPem();
    }

    @PostMapping("/rotations")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Create a new KEK version and re-wrap every data key in the background")
    @ApiResponse(responseCode = "202", description = "Rotation started; follow its Location for progress")
    @ApiResponse(responseCode = "409", description = "A rotation is already running (code rotation-in-progress)")
    ResponseEntity<RotationProgress> rotate(UriComponentsBuilder uri) {
        RotationProgress started = rotation.start();
        return ResponseEntity.accepted()
                .location(uri.path("/api/v1/keys/rotations/{id}")
                        .buildAndExpand(started.id())
                        .toUri())
                .body(started);
    }

    @GetMapping("/rotations/{id}")
    @PreAuthorize(READERS)
    @Operation(summary = "Progress of a rotation: done of total data keys re-wrapped")
    RotationProgress rotation(@PathVariable UUID id) {
        return rotation.find(id).orElseThrow(UnknownRotationException::new);
    }
}
