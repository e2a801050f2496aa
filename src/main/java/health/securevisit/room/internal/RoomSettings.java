package health.securevisit.room.internal;

import health.securevisit.platform.StartupException;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the visit room ({@code SECUREVISIT_ROOM_*}), refused at start when out of range.
 *
 * @param credentialIdle how long a patient's room credential lives without a socket (1 min .. 15 min)
 * @param overrun how long after a visit's scheduled end a patient's credential still works when the
 *     visit was not ended (0 .. 4 h)
 * @param clinicianIdle how long a clinician's socket stays without activity before it is closed
 *     (2 min .. 15 min)
 * @param idleWarning how long before that close the clinician is warned (10 s .. 5 min, less than
 *     {@code clinicianIdle})
 * @param messagesPerWindow frames a socket may send per {@code messageWindow} (10 .. 10,000)
 * @param messageWindow the rate window (1 s .. 1 min)
 * @param checkInterval how often open sockets are checked (session, credential, idle) (100 ms .. 1 min)
 * @param recheckInterval how often a clinician's access decision is taken again while the socket is
 *     open (5 s .. 5 min)
 * @param frameBuffer the container's buffer for one text frame, in characters: frames above
 *     {@link #MAX_FRAME_BYTES} up to it are read and answered {@code too-large}, longer ones make the
 *     container close the socket with 1009 (more than 64 KiB .. 1 MiB)
 */
@ConfigurationProperties("securevisit.room")
public record RoomSettings(
        @DefaultValue("15m") Duration credentialIdle,
        @DefaultValue("2h") Duration overrun,
        @DefaultValue("15m") Duration clinicianIdle,
        @DefaultValue("60s") Duration idleWarning,
        @DefaultValue("200") int messagesPerWindow,
        @DefaultValue("10s") Duration messageWindow,
        @DefaultValue("5s") Duration checkInterval,
        @DefaultValue("60s") Duration recheckInterval,
        @DefaultValue("256KB") DataSize frameBuffer) {

    /** The largest frame the room reads (64 KiB); larger ones answer {@code too-large}. */
    public static final int MAX_FRAME_BYTES = 64 * 1024;

    public RoomSettings {
        within(credentialIdle, Duration.ofMinutes(1), Duration.ofMinutes(15), "SECUREVISIT_ROOM_CREDENTIAL_IDLE");
        within(overrun, Duration.ZERO, Duration.ofHours(4), "SECUREVISIT_ROOM_OVERRUN");
        within(clinicianIdle, Duration.ofMinutes(2), Duration.ofMinutes(15), "SECUREVISIT_ROOM_CLINICIAN_IDLE");
        within(idleWarning, Duration.ofSeconds(10), Duration.ofMinutes(5), "SECUREVISIT_ROOM_IDLE_WARNING");
        if (idleWarning.compareTo(clinicianIdle) >= 0) {
            throw new StartupException("SECUREVISIT_ROOM_IDLE_WARNING", "must be shorter than the clinician idle time");
        }
        if (messagesPerWindow < 10 || messagesPerWindow > 10_000) {
            throw new StartupException("SECUREVISIT_ROOM_MESSAGES_PER_WINDOW", "must be between 10 and 10000");
        }
        within(messageWindow, Duration.ofSeconds(1), Duration.ofMinutes(1), "SECUREVISIT_ROOM_MESSAGE_WINDOW");
        within(checkInterval, Duration.ofMillis(100), Duration.ofMinutes(1), "SECUREVISIT_ROOM_CHECK_INTERVAL");
        within(recheckInterval, Duration.ofSeconds(5), Duration.ofMinutes(5), "SECUREVISIT_ROOM_RECHECK_INTERVAL");
        if (frameBuffer.toBytes() <= MAX_FRAME_BYTES || frameBuffer.toBytes() > 1024 * 1024) {
            throw new StartupException("SECUREVISIT_ROOM_FRAME_BUFFER", "must be more than 64KB and at most 1MB");
        }
    }

    private static void within(Duration value, Duration min, Duration max, String setting) {
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new StartupException(setting, "must be between " + min + " and " + max + "; it is " + value);
        }
    }
}
