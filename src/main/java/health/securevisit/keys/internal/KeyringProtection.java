package health.securevisit.keys.internal;

import com.google.crypto.tink.Aead;

/**
 * What seals the keyring file: the master key (file keyring) or a non-extractable key in the
 * PKCS#11 token.
 *
 * @param kind {@code master-key} or {@code pkcs11}, written in the clear in the keyring header
 * @param setting the setting that supplied it, named when it does not open the keyring
 * @param location where it is kept (a path, a variable name, a token alias), for the inventory
 */
record KeyringProtection(String kind, Aead aead, String setting, String storage, String location) {

    static final String MASTER_KEY = "master-key";
    static final String PKCS11 = "pkcs11";

    @Override
    public String toString() {
        return "KeyringProtection[" + kind + ", " + location + "]";
    }
}
