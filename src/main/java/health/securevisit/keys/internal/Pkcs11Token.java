package health.securevisit.keys.internal;

import com.google.crypto.tink.Aead;
import health.securevisit.platform.StartupException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.Provider;
import java.security.ProviderException;
import java.security.Security;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;

/**
 * A PKCS#11 token reached through the JDK's SunPKCS11 provider. Secret keys generated here are
 * token objects, sensitive and non-extractable: the JVM only holds handles to them.
 */
final class Pkcs11Token {

    private final Provider provider;
    private final KeyStore store;
    private final String description;

    private Pkcs11Token(Provider provider, KeyStore store, String description) {
        this.provider = provider;
        this.store = store;
        this.description = description;
    }

    static Pkcs11Token open(KeySettings.Pkcs11 settings) {
        Path library = settings.library();
        if (library == null || !Files.isRegularFile(library)) {
            throw new StartupException(
                    KeySettings.Pkcs11.LIBRARY,
                    library == null
                            ? "must name the PKCS#11 module when SECUREVISIT_KEYRING=pkcs11"
                            : library + " does not exist");
        }
        if (settings.pin() == null || settings.pin().isEmpty()) {
            throw new StartupException(KeySettings.Pkcs11.PIN, "must be set when SECUREVISIT_KEYRING=pkcs11");
        }
        String slot = settings.slot() != null ? "slot = " + settings.slot() : "slotListIndex = " + settings.slotIndex();
        String config = "--name = SecureVisit\nlibrary = \"" + library + "\"\n" + slot + "\n"
                + "attributes(generate, CKO_SECRET_KEY, CKK_AES) = {\n"
                + "  CKA_SENSITIVE = true\n  CKA_EXTRACTABLE = false\n}\n";
        Provider provider;
        try {
            provider = Security.getProvider("SunPKCS11").configure(config);
        } catch (ProviderException | IllegalArgumentException e) {
            throw new StartupException(
                    settings.slot() != null ? KeySettings.Pkcs11.SLOT : KeySettings.Pkcs11.LIBRARY,
                    "no usable token at " + slot.replace(" ", ""),
                    e);
        }
        try {
            KeyStore store = KeyStore.getInstance("PKCS11", provider);
            store.load(null, settings.pin().toCharArray());
            return new Pkcs11Token(provider, store, library.getFileName() + " " + slot.replace(" ", ""));
        } catch (IOException e) {
            throw new StartupException(KeySettings.Pkcs11.PIN, "the token refused the PIN", e);
        } catch (GeneralSecurityException | ProviderException e) {
            throw new StartupException(
                    KeySettings.Pkcs11.SLOT,
                    "the token cannot be used (" + e.getClass().getSimpleName() + ")",
                    e);
        }
    }

    String description() {
        return description;
    }

    synchronized boolean has(String alias) throws GeneralSecurityException {
        return store.containsAlias(alias);
    }

    synchronized SecretKey key(String alias) throws GeneralSecurityException {
        Key key = store.getKey(alias, null);
        if (!(key instanceof SecretKey secret)) {
            throw new GeneralSecurityException("the token has no secret key " + alias);
        }
        return secret;
    }

    /** Generates a non-extractable AES-256 key and stores it in the token under {@code alias}. */
    synchronized SecretKey generate(String alias) throws GeneralSecurityException {
        if (store.containsAlias(alias)) {
            store.deleteEntry(alias);
        }
        KeyGenerator generator = KeyGenerator.getInstance("AES", provider);
        generator.init(256);
        store.setEntry(alias, new KeyStore.SecretKeyEntry(generator.generateKey()), null);
        return key(alias);
    }

    synchronized void delete(String alias) throws GeneralSecurityException {
        if (store.containsAlias(alias)) {
            store.deleteEntry(alias);
        }
    }

    Aead aead(String alias) throws GeneralSecurityException {
        return new Pkcs11Aead(provider, key(alias));
    }
}
