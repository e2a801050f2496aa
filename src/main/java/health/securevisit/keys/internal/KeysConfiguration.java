package health.securevisit.keys.internal;

import health.securevisit.keys.ArtifactVault;
import health.securevisit.keys.BlindIndexes;
import health.securevisit.keys.BlobStore;
import health.securevisit.keys.CheckpointSigner;
import health.securevisit.keys.CryptoShredding;
import health.securevisit.keys.FieldEncryption;
import health.securevisit.keys.HubCaKey;
import health.securevisit.keys.KeyInventory;
import health.securevisit.platform.PlatformSettings;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Wires the keys module. The keyring is opened (or, on the very first start, created) when the
 * context starts, after the database migrations; a problem ends start-up with one line.
 */
@Configuration(proxyBeanMethods = false)
class KeysConfiguration {

    private static final Logger log = LoggerFactory.getLogger(KeysConfiguration.class);

    private final Clock clock;

    KeysConfiguration(Clock clock) {
        this.clock = clock;
    }

    @Bean
    DataKeyRepository dataKeyRepository(JdbcClient jdbc) {
        return new DataKeyRepository(jdbc);
    }

    /** Opens the keyring; warns at every start while the master key sits beside it (docs/keys.md, KEYS-1). */
    @Bean
    Keyring keyring(KeySettings settings, PlatformSettings platform, DataKeyRepository dataKeys) {
        Keyring keyring = KeyringLoader.load(settings, platform.dataDir(), dataKeys.liveByVersion(), clock);
        MasterKey.besideKeyringWarning(platform.dataDir().resolve("keys")).ifPresent(log::warn);
        return keyring;
    }

    @Bean
    DekCache dekCache(KeySettings settings) {
        KeySettings.Tuning tuning = settings.keys();
        return new DekCache(tuning.dekCacheSize(), tuning.dekCacheTtl(), clock);
    }

    @Bean
    DataKeys dataKeys(DataKeyRepository repository, Keyring keyring, DekCache cache) {
        return new DataKeys(repository, keyring, cache, clock);
    }

    /** Blind-index keys are data keys too (one per purpose), sharing the data-key cache and its evictions. */
    @Bean
    BlindIndexes blindIndexes(
            DataKeyRepository repository,
            DataKeys keys,
            Keyring keyring,
            DekCache cache,
            PlatformTransactionManager transactions) {
        TransactionTemplate newTransaction = new TransactionTemplate(transactions);
        newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        return new HmacBlindIndexes(repository, keys, keyring, cache, newTransaction, clock);
    }

    @Bean
    IntegrityFailures integrityFailures(ApplicationEventPublisher events, PlatformTransactionManager transactions) {
        TransactionTemplate newTransaction = new TransactionTemplate(transactions);
        newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        return new IntegrityFailures(events, newTransaction, clock);
    }

    @Bean
    FieldEncryption fieldEncryption(DataKeys keys, IntegrityFailures failures) {
        return new TinkFieldEncryption(keys, failures);
    }

    @Bean
    @ConditionalOnMissingBean
    BlobStore blobStore(PlatformSettings platform) {
        return new FilesystemBlobStore(platform.dataDir().resolve("blobs"));
    }

    @Bean
    ArtifactVault artifactVault(DataKeys keys, BlobStore blobs, IntegrityFailures failures) {
        return new StreamingArtifactVault(keys, blobs, failures);
    }

    @Bean
    CryptoShredding cryptoShredding(DataKeys keys, BlobStore blobs) {
        return new ScopeShredder(keys, blobs);
    }

    @Bean
    CheckpointSigner checkpointSigner(Keyring keyring) {
        return new KeyringSigner(keyring);
    }

    /** The hub CA's key, sealed like a PHI field under its own data key (docs/hubs.md). */
    @Bean
    HubCaKey hubCaKey(JdbcClient jdbc, FieldEncryption fields) {
        return new SealedHubCaKey(jdbc, fields, clock);
    }

    @Bean
    KeyInventory keyInventory(Keyring keyring, DataKeyRepository dataKeys) {
        return new KeyInventoryService(keyring, dataKeys);
    }

    @Bean(destroyMethod = "close")
    KeyRotationService keyRotation(
            Keyring keyring, DataKeys keys, DataKeyRepository dataKeys, JdbcClient jdbc, KeySettings settings) {
        KeySettings.Tuning tuning = settings.keys();
        Rewrapper rewrapper = new Rewrapper(keyring, keys, dataKeys, tuning.rewrapBatchSize(), tuning.rewrapPause());
        return new KeyRotationService(keyring, dataKeys, new RotationRepository(jdbc), rewrapper, clock);
    }

    /** Once the server is up: resume an interrupted rotation and warm up the crypto code paths. */
    @Bean
    ApplicationListener<ApplicationReadyEvent> keysReady(KeyRotationService rotation, KeySettings settings) {
        return event -> {
            rotation.resume();
            new CryptoWarmup(settings.keys().warmup().toBytes()).startInBackground();
        };
    }
}
