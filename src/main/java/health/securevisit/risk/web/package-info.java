/** The data-flow map and risk register over HTTP, and their console pages. */
@NullMarked
package health.securevisit.risk.web;

import org.jspecify.annotations.NullMarked;
