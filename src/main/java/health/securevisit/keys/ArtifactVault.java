package health.securevisit.keys;

import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;

/**
 * Encrypted storage of artifacts (recordings, transcripts, screenshots, documents) of any size, in
 * constant memory.
 *
 * <p>Security guarantees: each object is encrypted with streaming AEAD (AES-256-GCM-HKDF, 1 MiB
 * segments) under its own data key, wrapped by the active key-encryption key; the object id is the
 * associated data, so a blob renamed to another id fails to decrypt. Readers only ever see
 * plaintext of segments whose tag verified; a corrupted segment raises {@link
 * CiphertextIntegrityException} before any of its bytes are returned, and a truncated object never
 * reads as a shorter valid one. Deleting an object destroys its data key first (crypto-shredding).
 */
public interface ArtifactVault {

    /**
     * Encrypts and stores {@code content} (read to its end, not closed) as {@code objectId}. The
     * object becomes visible only when completely written and synced; a failed or interrupted put
     * leaves nothing behind.
     *
     * @param scope the crypto-shredding unit it belongs to (for example {@code patient:<uuid>}):
     *     {@link CryptoShredding#shred} of the scope destroys this object's key too
     * @throws ArtifactExistsException if the id was used before (ids are never reused)
     */
    StoredArtifact put(String objectId, String scope, InputStream content);

    /**
     * The whole object. Header, key and first segment are verified before this returns.
     *
     * @throws UnknownArtifactException if there is no such object
     * @throws CiphertextIntegrityException if it fails verification (now or while reading)
     */
    InputStream open(String objectId);

    /** {@code length} bytes from {@code offset} (for playback); same guarantees as {@link #open}. */
    InputStream openRange(String objectId, long offset, long length);

    /** A read-only seekable view of the plaintext; every read is verified segment by segment. */
    SeekableByteChannel openSeekable(String objectId);

    /** The plaintext size in bytes. */
    long size(String objectId);

    /** Destroys the object's data key, then removes its blob. */
    void delete(String objectId);
}
