package health.securevisit.records.internal;

import health.securevisit.platform.StartupException;
import java.time.Duration;
import java.time.Period;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the records module ({@code SECUREVISIT_RECORDS_*}), refused at start when out of range.
 *
 * @param maxRecordingSize the largest recording a client may declare
 * @param maxChunkSize the largest chunk of an upload
 * @param maxScreenshotSize the largest screenshot
 * @param retentionRecording how long recordings are kept from the visit's start (default six years)
 * @param retentionScreenshot the same for screenshots
 * @param retentionTranscript the same for transcripts
 * @param retentionChat the same for chat exports
 * @param retentionMinimum the legal minimum (default six years): a shorter period is refused at start
 *     unless {@code retentionExceptionReason} records why (the exception is then recorded and audited)
 * @param retentionExceptionReason the recorded reason for periods below the minimum, or empty
 * @param shredInterval how often the retention job runs (default daily)
 */
@ConfigurationProperties("securevisit.records")
public record RecordsSettings(
        @DefaultValue("4GB") DataSize maxRecordingSize,
        @DefaultValue("1MB") DataSize maxChunkSize,
        @DefaultValue("1MB") DataSize maxScreenshotSize,
        @DefaultValue("P6Y") Period retentionRecording,
        @DefaultValue("P6Y") Period retentionScreenshot,
        @DefaultValue("P6Y") Period retentionTranscript,
        @DefaultValue("P6Y") Period retentionChat,
        @DefaultValue("P6Y") Period retentionMinimum,
        @DefaultValue("") String retentionExceptionReason,
        @DefaultValue("24h") Duration shredInterval) {

    public RecordsSettings {
        if (maxChunkSize.toBytes() < 1024 || maxChunkSize.toBytes() > 64L * 1024 * 1024) {
            throw new StartupException("SECUREVISIT_RECORDS_MAX_CHUNK_SIZE", "must be between 1KB and 64MB");
        }
        if (maxRecordingSize.toBytes() < maxChunkSize.toBytes()) {
            throw new StartupException("SECUREVISIT_RECORDS_MAX_RECORDING_SIZE", "must be at least the chunk size");
        }
        if (shredInterval.isNegative() || shredInterval.isZero()) {
            throw new StartupException("SECUREVISIT_RECORDS_SHRED_INTERVAL", "must be positive");
        }
        for (Period p : new Period[] {retentionRecording, retentionScreenshot, retentionTranscript, retentionChat}) {
            if (p.isNegative() || p.isZero()) {
                throw new StartupException("SECUREVISIT_RECORDS_RETENTION_*", "must be positive");
            }
            if (shorter(p, retentionMinimum) && retentionExceptionReason.isBlank()) {
                throw new StartupException(
                        "SECUREVISIT_RECORDS_RETENTION_*",
                        "is below the legal minimum " + retentionMinimum
                                + "; set SECUREVISIT_RECORDS_RETENTION_EXCEPTION_REASON to record an exception");
            }
        }
        if (retentionExceptionReason.length() > 500) {
            throw new StartupException("SECUREVISIT_RECORDS_RETENTION_EXCEPTION_REASON", "is at most 500 characters");
        }
    }

    /** Whether {@code a} is shorter than {@code b} (compared in days on a fixed calendar). */
    static boolean shorter(Period a, Period b) {
        return days(a) < days(b);
    }

    static long days(Period p) {
        return p.toTotalMonths() * 30L + p.toTotalMonths() / 12 * 5 + p.getDays();
    }

    /** The retention period of {@code kind}. */
    Period retention(health.securevisit.records.ArtifactKind kind) {
        return switch (kind) {
            case RECORDING -> retentionRecording;
            case SCREENSHOT -> retentionScreenshot;
            case TRANSCRIPT -> retentionTranscript;
            case CHAT -> retentionChat;
        };
    }

    @Nullable
    String exceptionReason() {
        return retentionExceptionReason.isBlank() ? null : retentionExceptionReason;
    }
}
