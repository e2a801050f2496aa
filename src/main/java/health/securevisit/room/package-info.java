/**
 * The live visit (the room): the patient's room credential, WebSocket signaling between the visit's
 * admitted participants, the waiting room and admission, TURN credentials, chat, and the timeouts that
 * close a room's sockets. Fan-out between sockets goes through {@link health.securevisit.room.RoomRelay}.
 */
@NullMarked
@ApplicationModule(allowedDependencies = {"access", "visit", "identity", "audit", "keys", "platform", "records"})
package health.securevisit.room;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
