/** HTTP API and auditor console of the audit trail. */
@NullMarked
package health.securevisit.audit.web;

import org.jspecify.annotations.NullMarked;
