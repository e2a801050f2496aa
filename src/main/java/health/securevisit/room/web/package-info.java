/** The room's HTTP endpoints (ICE servers, chat) and its WebSocket and security configuration. */
@NullMarked
package health.securevisit.room.web;

import org.jspecify.annotations.NullMarked;
