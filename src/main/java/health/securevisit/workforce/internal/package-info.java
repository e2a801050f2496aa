/** Training, policies, access reviews and leavers: storage, rules and evidence. */
@NullMarked
package health.securevisit.workforce.internal;

import org.jspecify.annotations.NullMarked;
