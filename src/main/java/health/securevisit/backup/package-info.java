/**
 * Backup and restore: an encrypted, signed backup of the database, the artifact vault's blobs and
 * the sealed keyring; restore into an empty data directory or database; timed restore drills.
 */
@NullMarked
@ApplicationModule(allowedDependencies = {"keys", "audit", "patient", "platform", "identity"})
package health.securevisit.backup;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
