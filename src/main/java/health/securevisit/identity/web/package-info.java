/** HTTP adapters of identity: the sign-in and factor API, user administration, and the pages. */
@NullMarked
package health.securevisit.identity.web;

import org.jspecify.annotations.NullMarked;
