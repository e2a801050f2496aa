package health.securevisit.room.internal;

import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The frames a participant sends, one record per {@code type} (the schema in {@code docs/room.md}).
 * They are read with the platform's strict JSON mapper (no unknown field, no duplicate key, no type
 * coercion) and then checked by {@link #problem()}.
 */
sealed interface ClientMessage {

    int MAX_SDP = 60_000;
    int MAX_CANDIDATE = 2048;

    String type();

    /** Why the frame is invalid (a sentence without its content), or null when it is valid. */
    @Nullable
    String problem();

    /** The record for each type; a type not listed is {@code unknown-type}. */
    Map<String, Class<? extends ClientMessage>> TYPES = Map.of(
            "admit", Admit.class,
            "offer", Sdp.class,
            "answer", Sdp.class,
            "candidate", Candidate.class,
            "media", Media.class,
            "chat", Chat.class,
            "end-visit", Bare.class,
            "activity", Bare.class,
            "ping", Bare.class);

    /** {@code admit}: the clinician admits a waiting patient. */
    record Admit(String type, @Nullable UUID participantId) implements ClientMessage {
        @Override
        public @Nullable String problem() {
            return participantId == null ? "'participantId' is required." : null;
        }
    }

    /** {@code offer} or {@code answer}: a session description for one admitted participant. */
    record Sdp(String type, @Nullable UUID to, @Nullable String sdp) implements ClientMessage {
        @Override
        public @Nullable String problem() {
            if (to == null) {
                return "'to' is required.";
            }
            return sdp == null || sdp.isBlank() || sdp.length() > MAX_SDP
                    ? "'sdp' must be a session description of at most " + MAX_SDP + " characters."
                    : null;
        }
    }

    /** An RTCIceCandidate as {@code toJSON()} gives it. */
    record IceCandidate(
            @Nullable String candidate,
            @Nullable String sdpMid,
            @Nullable Integer sdpMLineIndex,
            @Nullable String usernameFragment) {}

    /** {@code candidate}: an ICE candidate for one admitted participant ({@code null}: end of candidates). */
    record Candidate(
            String type, @Nullable UUID to, @Nullable IceCandidate candidate) implements ClientMessage {
        @Override
        public @Nullable String problem() {
            if (to == null) {
                return "'to' is required.";
            }
            IceCandidate c = candidate;
            if (c == null) {
                return null;
            }
            boolean valid = c.candidate() != null
                    && c.candidate().length() <= MAX_CANDIDATE
                    && (c.sdpMid() == null || c.sdpMid().length() <= 64)
                    && (c.sdpMLineIndex() == null || (c.sdpMLineIndex() >= 0 && c.sdpMLineIndex() <= 1024))
                    && (c.usernameFragment() == null || c.usernameFragment().length() <= 256);
            return valid ? null : "'candidate' must be an RTCIceCandidate (candidate, sdpMid, sdpMLineIndex).";
        }
    }

    /** {@code media}: the sender's microphone, camera and audio-only state. */
    record Media(
            String type,
            @Nullable Boolean audio,
            @Nullable Boolean video,
            @Nullable Boolean audioOnly) implements ClientMessage {
        @Override
        public @Nullable String problem() {
            return audio == null || video == null || audioOnly == null
                    ? "'audio', 'video' and 'audioOnly' are required booleans."
                    : null;
        }
    }

    /** {@code chat}: a chat message (1 to 4,000 characters). */
    record Chat(String type, @Nullable String text) implements ClientMessage {
        @Override
        public @Nullable String problem() {
            return text == null ? "'text' is required." : null;
        }

        @Override
        public String toString() {
            return "Chat[text=***]";
        }
    }

    /** {@code ping}, {@code activity}, {@code end-visit}: a type and nothing else. */
    record Bare(String type) implements ClientMessage {
        @Override
        public @Nullable String problem() {
            return null;
        }
    }
}
