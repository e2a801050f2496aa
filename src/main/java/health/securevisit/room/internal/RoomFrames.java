package health.securevisit.room.internal;

import java.nio.charset.StandardCharsets;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads and writes the room's JSON frames with the application's one strict mapper: a frame is a JSON
 * object of at most {@link RoomSettings#MAX_FRAME_BYTES} with a known {@code type}, whose fields are
 * exactly those of its {@link ClientMessage} record.
 */
@Component
class RoomFrames {

    /** A frame that cannot be used: the error code and message to answer with. */
    static final class Refused extends Exception {
        private final String code;

        Refused(String code, String message) {
            super(message, null, false, false);
            this.code = code;
        }

        String code() {
            return code;
        }
    }

    private final JsonMapper mapper;

    RoomFrames(JsonMapper mapper) {
        this.mapper = mapper;
    }

    ClientMessage read(String payload) throws Refused {
        if (payload.length() > RoomSettings.MAX_FRAME_BYTES
                || payload.getBytes(StandardCharsets.UTF_8).length > RoomSettings.MAX_FRAME_BYTES) {
            throw new Refused("too-large", "A frame is at most 64 KiB.");
        }
        JsonNode node;
        try {
            node = mapper.readTree(payload);
        } catch (JacksonException e) {
            throw new Refused("invalid-message", "A frame is one JSON object.");
        }
        if (node == null || !node.isObject() || !node.path("type").isString()) {
            throw new Refused("invalid-message", "A frame is a JSON object with a string 'type'.");
        }
        Class<? extends ClientMessage> target =
                ClientMessage.TYPES.get(node.path("type").asString());
        if (target == null) {
            throw new Refused("unknown-type", "This type of frame is not known.");
        }
        ClientMessage message;
        try {
            message = mapper.treeToValue(node, target);
        } catch (JacksonException e) {
            throw new Refused("invalid-message", "The frame has a field that is unknown or of the wrong type.");
        }
        String problem = message.problem();
        if (problem != null) {
            throw new Refused("invalid-message", problem);
        }
        return message;
    }

    ObjectNode frame(String type) {
        ObjectNode node = mapper.createObjectNode();
        node.put("type", type);
        return node;
    }

    JsonNode tree(Object value) {
        return mapper.valueToTree(value);
    }

    String error(String code, String message) {
        return write(frame("error").put("code", code).put("message", message));
    }

    String write(JsonNode node) {
        return mapper.writeValueAsString(node);
    }
}
