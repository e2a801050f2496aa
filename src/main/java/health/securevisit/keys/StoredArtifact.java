package health.securevisit.keys;

/** What {@link ArtifactVault#put} stored: plaintext size and the size of the encrypted blob. */
public record StoredArtifact(String objectId, long size, long storedBytes) {}
