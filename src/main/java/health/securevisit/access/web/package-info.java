/** HTTP adapter of the access module: the security alerts API for security officers. */
@NullMarked
package health.securevisit.access.web;

import org.jspecify.annotations.NullMarked;
