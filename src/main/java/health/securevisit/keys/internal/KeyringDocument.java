package health.securevisit.keys.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The plaintext content of the keyring file (sealed as a whole by the master key or the token):
 * key-encryption key versions with their life cycle, and the Ed25519 checkpoint signing key. In a
 * file keyring each KEK's Tink keyset is here; in a PKCS#11 keyring the KEKs stay in the token.
 * A document without a field, without KEKs, or with versions out of order is refused as it is read.
 */
record KeyringDocument(String storage, Instant created, List<Kek> keks, Signing signing) {

    KeyringDocument {
        Objects.requireNonNull(storage, "storage");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(signing, "signing");
        keks = List.copyOf(keks);
        if (keks.isEmpty()) {
            throw new IllegalArgumentException("a keyring holds at least one KEK version");
        }
        for (int i = 0; i < keks.size(); i++) {
            if (keks.get(i).version() < 1
                    || (i > 0 && keks.get(i).version() <= keks.get(i - 1).version())) {
                throw new IllegalArgumentException("KEK versions are positive and ascending");
            }
        }
    }

    /** One KEK version; {@code keyset} is null in the token, or once destroyed. */
    record Kek(
            int version,
            Instant created,
            @Nullable Instant retired,
            @Nullable Instant destroyed,
            byte @Nullable [] keyset) {

        Kek {
            Objects.requireNonNull(created, "created");
        }

        boolean live() {
            return destroyed == null;
        }

        @Override
        public String toString() {
            return "Kek[version=" + version + ", created=" + created + ", retired=" + retired + ", destroyed="
                    + destroyed + "]";
        }
    }

    record Signing(Instant created, byte[] keyset) {
        Signing {
            Objects.requireNonNull(created, "created");
            Objects.requireNonNull(keyset, "keyset");
        }

        @Override
        public String toString() {
            return "Signing[created=" + created + "]";
        }
    }

    /** The newest version: the one that wraps new data keys. */
    Kek active() {
        return keks.getLast();
    }

    @Nullable
    Kek kek(int version) {
        return keks.stream().filter(k -> k.version() == version).findFirst().orElse(null);
    }

    /** Adds a new active version; the previous active one is retired at the same instant. */
    KeyringDocument withNewKek(byte @Nullable [] keyset, Instant now) {
        List<Kek> next = new ArrayList<>();
        for (Kek k : keks) {
            next.add(k.retired() == null ? new Kek(k.version(), k.created(), now, k.destroyed(), k.keyset()) : k);
        }
        next.add(new Kek(active().version() + 1, now, null, null, keyset));
        return new KeyringDocument(storage, created, next, signing);
    }

    KeyringDocument withDestroyed(int version, Instant now) {
        List<Kek> next = keks.stream()
                .map(k -> k.version() == version ? new Kek(k.version(), k.created(), k.retired(), now, null) : k)
                .toList();
        return new KeyringDocument(storage, created, next, signing);
    }

    @Override
    public String toString() {
        return "KeyringDocument[storage=" + storage + ", keks=" + keks + ", signing=" + signing + "]";
    }
}
