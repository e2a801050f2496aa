/** HTTP API of the backup module: backups of the running server and the restore drills. */
@NullMarked
package health.securevisit.backup.web;

import org.jspecify.annotations.NullMarked;
