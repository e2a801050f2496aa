/**
 * Runtime foundation shared by every module: settings, the data directory, the database, the HTTP
 * error contract (RFC 9457 problem details), request ids, logging and health.
 */
@NullMarked
@ApplicationModule(type = ApplicationModule.Type.OPEN)
package health.securevisit.platform;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
