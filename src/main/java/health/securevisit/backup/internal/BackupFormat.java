package health.securevisit.backup.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import tools.jackson.databind.json.JsonMapper;

/**
 * The backup file (docs/backup.md, "Format"):
 *
 * <pre>
 * "SVBACKUP1\n" | u32 header length | header (JSON)
 * payload: Tink streaming AEAD (AES-256-GCM-HKDF, 1 MiB segments) of a ZIP of the entries
 * manifest (JSON) | Ed25519 signature (64 bytes) | u32 manifest length | "SVBACKUP1END"
 * </pre>
 *
 * The manifest holds the SHA-256 of the header and of the payload (and of each entry); the
 * signature covers {@link #SIGNED_PREFIX} followed by the manifest bytes.
 */
final class BackupFormat {

    static final byte[] MAGIC = "SVBACKUP1\n".getBytes(StandardCharsets.US_ASCII);
    static final byte[] END = "SVBACKUP1END".getBytes(StandardCharsets.US_ASCII);
    static final String FORMAT = "securevisit-backup/1";
    /** Domain separation: a manifest signature is never a valid audit checkpoint signature, nor the reverse. */
    static final byte[] SIGNED_PREFIX = "securevisit backup manifest v1\n".getBytes(StandardCharsets.US_ASCII);

    static final int SIGNATURE_BYTES = 64;
    static final int MAX_HEADER_BYTES = 1 << 20;
    static final int MAX_MANIFEST_BYTES = 64 << 20;

    static final String H2_ENTRY = "database/h2.zip";
    static final String POSTGRESQL_ENTRY = "database/postgresql.dump";
    /** Entry names a backup may hold; anything else is refused on restore. */
    static final Pattern ENTRY = Pattern.compile("database/(h2\\.zip|postgresql\\.dump)"
            + "|blobs/[0-9a-f]{2}/[A-Za-z0-9][A-Za-z0-9._-]{0,127}"
            + "|audit/[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    static final JsonMapper JSON = JsonMapper.builder().build();

    private BackupFormat() {}

    /** In the clear at the start: what is needed to open the payload (the keyring is sealed by the master key). */
    record Header(
            @JsonProperty("format") String format,
            @JsonProperty("id") String id,
            @JsonProperty("created") Instant created,
            @JsonProperty("database") String database,
            @JsonProperty("kekVersion") int kekVersion,
            @JsonProperty("wrappedKey") byte[] wrappedKey,
            @JsonProperty("keyring") byte[] keyring) {}

    /** Signed, at the end: digests of everything before it. */
    record Manifest(
            @JsonProperty("format") String format,
            @JsonProperty("id") String id,
            @JsonProperty("created") Instant created,
            @JsonProperty("database") String database,
            @JsonProperty("headerSha256") String headerSha256,
            @JsonProperty("payloadBytes") long payloadBytes,
            @JsonProperty("payloadSha256") String payloadSha256,
            @JsonProperty("entries") List<Entry> entries) {}

    /** One file in the payload: its name, plaintext size and SHA-256 (of bytes that are ciphertext already or public). */
    record Entry(
            @JsonProperty("name") String name,
            @JsonProperty("bytes") long bytes,
            @JsonProperty("sha256") String sha256) {}

    static byte[] payloadAad(String backupId) {
        return ("securevisit-backup-payload|" + backupId).getBytes(StandardCharsets.UTF_8);
    }

    static byte[] signed(byte[] manifest) {
        byte[] message = new byte[SIGNED_PREFIX.length + manifest.length];
        System.arraycopy(SIGNED_PREFIX, 0, message, 0, SIGNED_PREFIX.length);
        System.arraycopy(manifest, 0, message, SIGNED_PREFIX.length, manifest.length);
        return message;
    }
}
