/** The visit REST API, the anonymous patient join endpoint and the visit pages. */
@NullMarked
package health.securevisit.visit.web;

import org.jspecify.annotations.NullMarked;
