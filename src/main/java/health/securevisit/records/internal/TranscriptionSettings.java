package health.securevisit.records.internal;

import health.securevisit.platform.StartupException;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the transcription worker ({@code SECUREVISIT_RECORDS_TRANSCRIPTION_*}).
 *
 * @param ffmpeg the ffmpeg command that decodes a recording's audio to 16 kHz mono PCM
 * @param pocketsphinx the pocketsphinx command (Debian's {@code pocketsphinx_continuous}, with the
 *     {@code pocketsphinx-en-us} model as its default)
 * @param timeout the longest one transcription may run before both processes are stopped
 * @param maxTranscriptSize the largest transcript version a clinician may store
 */
@ConfigurationProperties("securevisit.records.transcription")
public record TranscriptionSettings(
        @DefaultValue("ffmpeg") String ffmpeg,
        @DefaultValue("pocketsphinx_continuous") String pocketsphinx,
        @DefaultValue("2h") Duration timeout,
        @DefaultValue("512KB") DataSize maxTranscriptSize) {

    public TranscriptionSettings {
        if (ffmpeg.isBlank() || pocketsphinx.isBlank()) {
            throw new StartupException("SECUREVISIT_RECORDS_TRANSCRIPTION_FFMPEG/_POCKETSPHINX", "must be set");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new StartupException("SECUREVISIT_RECORDS_TRANSCRIPTION_TIMEOUT", "must be positive");
        }
        if (maxTranscriptSize.toBytes() < 1024 || maxTranscriptSize.toBytes() > 64L * 1024 * 1024) {
            throw new StartupException(
                    "SECUREVISIT_RECORDS_TRANSCRIPTION_MAX_TRANSCRIPT_SIZE", "must be between 1KB and 64MB");
        }
    }
}
