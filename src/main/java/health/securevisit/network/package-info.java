/** TLS configuration (protocols, suites, certificates) of the HTTPS listener. */
@NullMarked
package health.securevisit.network;

import org.jspecify.annotations.NullMarked;
