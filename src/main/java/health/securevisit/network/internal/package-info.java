/** Implementation of the TLS preflight: certificate generation and validation. */
@NullMarked
package health.securevisit.network.internal;

import org.jspecify.annotations.NullMarked;
