/** Identity internals: accounts, factors, sign-in flow, sessions, throttling and their storage. */
@NullMarked
package health.securevisit.identity.internal;

import org.jspecify.annotations.NullMarked;
