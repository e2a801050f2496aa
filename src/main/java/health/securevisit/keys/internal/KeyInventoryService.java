package health.securevisit.keys.internal;

import health.securevisit.keys.KeyInfo;
import health.securevisit.keys.KeyInventory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@link KeyInventory} from the keyring's metadata and the data-key table; never touches key material. */
final class KeyInventoryService implements KeyInventory {

    private final Keyring keyring;
    private final DataKeyRepository dataKeys;

    KeyInventoryService(Keyring keyring, DataKeyRepository dataKeys) {
        this.keyring = keyring;
        this.dataKeys = dataKeys;
    }

    @Override
    public List<KeyInfo> keys() {
        KeyringDocument document = keyring.document();
        KeyringProtection protection = keyring.protection();
        List<KeyInfo> keys = new ArrayList<>();
        keys.add(new KeyInfo(
                "keyring-seal",
                "seals the keyring file " + keyring.file().path().getFileName(),
                Tink.AEAD_NAME,
                protection.storage(),
                protection.location(),
                null,
                "active",
                document.created(),
                null,
                null,
                null,
                null));
        Map<Integer, Long> wrapped = dataKeys.liveByVersion();
        int active = document.active().version();
        for (KeyringDocument.Kek kek : document.keks()) {
            String state = !kek.live() ? "destroyed" : kek.version() == active ? "active" : "retired";
            keys.add(new KeyInfo(
                    "kek",
                    "wraps data keys",
                    Tink.AEAD_NAME,
                    keyring.backend().storage(),
                    keyring.backend().location(kek.version()),
                    kek.version(),
                    state,
                    kek.created(),
                    kek.retired(),
                    kek.destroyed(),
                    wrapped.getOrDefault(kek.version(), 0L),
                    null));
        }
        keys.add(new KeyInfo(
                "audit-checkpoint-signing",
                "signs audit checkpoints; public key exportable as PEM",
                "Ed25519",
                "file",
                keyring.file().path().toString(),
                null,
                "active",
                document.signing().created(),
                null,
                null,
                null,
                null));
        for (DataKeyRepository.Census census : dataKeys.census()) {
            boolean field = DataKeyRepository.FIELD.equals(census.kind());
            boolean blindIndex = HmacBlindIndexes.KIND.equals(census.kind());
            keys.add(new KeyInfo(
                    field ? "data-keys-field" : blindIndex ? "data-keys-blind-index" : "data-keys-artifact",
                    field
                            ? "PHI columns, one data key per scope"
                            : blindIndex
                                    ? "keyed blind indexes, one key per purpose"
                                    : "artifacts, one data key per object",
                    field ? Tink.AEAD_NAME : blindIndex ? HmacBlindIndexes.ALGORITHM : Tink.STREAMING_NAME,
                    "database",
                    "keys_data_key (wrapped by the KEK)",
                    null,
                    census.live() > 0 ? "active" : "destroyed",
                    census.oldest(),
                    null,
                    null,
                    census.live(),
                    census.destroyed()));
        }
        return keys;
    }
}
