package health.securevisit.keys;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One key (or one family of data keys) in the inventory: what it is for, how it is stored and its
 * life cycle. Carries no key material.
 *
 * @param name stable name, for example {@code kek}, {@code audit-checkpoint-signing}
 * @param purpose what the key protects
 * @param algorithm for example {@code AES-256-GCM}, {@code Ed25519}
 * @param storage {@code file}, {@code pkcs11}, {@code environment} or {@code database} (data keys,
 *     always wrapped)
 * @param location where it is kept (a path, a setting name or a token slot), never the key
 * @param version the version for versioned keys (key-encryption keys)
 * @param state {@code active}, {@code retired} or {@code destroyed}
 * @param created when it was created (for a data-key family: the oldest live key)
 * @param rotated when it was superseded by a newer version
 * @param destroyed when its material was destroyed
 * @param dataKeys how many live data keys it wraps (or, for a data-key family, how many are live)
 * @param destroyedDataKeys for a data-key family: how many were destroyed (crypto-shredded)
 */
public record KeyInfo(
        String name,
        String purpose,
        String algorithm,
        String storage,
        String location,
        @Nullable Integer version,
        String state,
        @Nullable Instant created,
        @Nullable Instant rotated,
        @Nullable Instant destroyed,
        @Nullable Long dataKeys,
        @Nullable Long destroyedDataKeys) {}
