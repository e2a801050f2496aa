package health.securevisit.keys.internal;

import health.securevisit.keys.BlobStore;
import health.securevisit.keys.CryptoShredding;
import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link CryptoShredding}: destroys a scope's data keys, then removes the blobs they protected. */
final class ScopeShredder implements CryptoShredding {

    private static final Logger log = LoggerFactory.getLogger(ScopeShredder.class);
    private static final String ARTIFACT_PREFIX = DataKeys.artifactName("");

    private final DataKeys keys;
    private final BlobStore blobs;

    ScopeShredder(DataKeys keys, BlobStore blobs) {
        this.keys = keys;
        this.blobs = blobs;
    }

    @Override
    public int shred(String scope) {
        TinkFieldEncryption.requireScope(scope);
        List<String> destroyed = keys.shred(scope);
        for (String name : destroyed) {
            if (name.startsWith(ARTIFACT_PREFIX)) {
                String objectId = name.substring(ARTIFACT_PREFIX.length());
                try {
                    blobs.delete(objectId);
                } catch (IOException e) {
                    // Unreadable without its key already; the blob is only garbage now.
                    log.warn("artifact {} is shredded but its blob could not be removed", objectId, e);
                }
            }
        }
        log.info("crypto-shredded {} data key(s) of a scope", destroyed.size());
        return destroyed.size();
    }
}
