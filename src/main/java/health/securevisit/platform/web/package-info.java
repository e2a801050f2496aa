/** HTTP adapters of the runtime foundation: error contract, health, CSP reports. */
@NullMarked
package health.securevisit.platform.web;

import org.jspecify.annotations.NullMarked;
