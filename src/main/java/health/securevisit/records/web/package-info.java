/** HTTP API and pages of the records module. */
@NullMarked
package health.securevisit.records.web;

import org.jspecify.annotations.NullMarked;
