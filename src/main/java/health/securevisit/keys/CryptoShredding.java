package health.securevisit.keys;

/**
 * Crypto-shredding: destroying the data keys of a scope (a patient, a user) makes every field and
 * artifact encrypted under them unreadable, including copies in backups and replicas.
 */
public interface CryptoShredding {

    /**
     * Destroys the field data key of {@code scope} and the data keys of every artifact stored in it,
     * then removes those artifacts' blobs. Later writes into the scope are refused.
     *
     * @return how many data keys were destroyed
     */
    int shred(String scope);
}
