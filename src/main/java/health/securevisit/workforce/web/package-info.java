/** The workforce program's JSON API ({@code /api/v1/workforce}) and pages. */
@NullMarked
package health.securevisit.workforce.web;

import org.jspecify.annotations.NullMarked;
