/** The room's credentials, signaling, relay, chat store, TURN credentials and supervision. */
@NullMarked
package health.securevisit.room.internal;

import org.jspecify.annotations.NullMarked;
