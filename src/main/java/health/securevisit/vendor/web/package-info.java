/** The vendor register over HTTP and the security officer's pages. */
@NullMarked
package health.securevisit.vendor.web;

import org.jspecify.annotations.NullMarked;
