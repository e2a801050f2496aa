package health.securevisit.keys.internal;

import health.securevisit.keys.FieldBinding;
import health.securevisit.keys.FieldEncryption;
import health.securevisit.keys.HubCaKey;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@link HubCaKey} stored in table {@code key_hub_ca}: generated once (the first node to insert
 * wins; the others read its row), the private key sealed with {@link FieldEncryption}.
 */
final class SealedHubCaKey implements HubCaKey {

    static final FieldBinding BINDING = new FieldBinding("keys:hub-ca", "key_hub_ca", "private_key_enc", "1");

    private final JdbcClient jdbc;
    private final FieldEncryption fields;
    private final Clock clock;
    private volatile KeyPair pair;

    SealedHubCaKey(JdbcClient jdbc, FieldEncryption fields, Clock clock) {
        this.jdbc = jdbc;
        this.fields = fields;
        this.clock = clock;
    }

    @Override
    public PublicKey publicKey() {
        return pair().getPublic();
    }

    @Override
    public byte[] sign(byte[] data) {
        try {
            Signature signature = Signature.getInstance(SIGNATURE_ALGORITHM);
            signature.initSign(pair().getPrivate());
            signature.update(data);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the hub CA key cannot sign", e);
        }
    }

    private KeyPair pair() {
        KeyPair loaded = pair;
        if (loaded == null) {
            synchronized (this) {
                loaded = pair;
                if (loaded == null) {
                    loaded = load().orElseGet(this::create);
                    pair = loaded;
                }
            }
        }
        return loaded;
    }

    private Optional<KeyPair> load() {
        record Row(byte[] publicKey, byte[] privateKey) {}
        return jdbc.sql("SELECT public_key, private_key_enc FROM key_hub_ca WHERE id = 1")
                .query((rs, n) -> new Row(rs.getBytes(1), rs.getBytes(2)))
                .optional()
                .map(row -> {
                    byte[] pkcs8 = fields.decrypt(BINDING, row.privateKey());
                    try {
                        KeyFactory ec = KeyFactory.getInstance("EC");
                        PrivateKey priv = ec.generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
                        PublicKey pub = ec.generatePublic(new X509EncodedKeySpec(row.publicKey()));
                        return new KeyPair(pub, priv);
                    } catch (GeneralSecurityException e) {
                        throw new IllegalStateException("the stored hub CA key is unreadable", e);
                    } finally {
                        Arrays.fill(pkcs8, (byte) 0);
                    }
                });
    }

    private KeyPair create() {
        KeyPair generated;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            generated = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate the hub CA key", e);
        }
        byte[] pkcs8 = generated.getPrivate().getEncoded();
        try {
            jdbc.sql("INSERT INTO key_hub_ca (id, public_key, private_key_enc, created_at) VALUES (1, ?, ?, ?)")
                    .params(
                            generated.getPublic().getEncoded(),
                            fields.encrypt(BINDING, pkcs8),
                            Timestamp.from(clock.instant()))
                    .update();
            return generated;
        } catch (DuplicateKeyException anotherNodeWasFirst) {
            return load().orElseThrow();
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
    }
}
