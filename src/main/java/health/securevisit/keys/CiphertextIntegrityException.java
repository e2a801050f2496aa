package health.securevisit.keys;

import health.securevisit.platform.SecureVisitException;

/**
 * A ciphertext failed authentication: altered, moved to another place, or its key is gone. The
 * message names the object (table, column and row id, or artifact id), never any content.
 */
public final class CiphertextIntegrityException extends SecureVisitException {

    public CiphertextIntegrityException(String object, Throwable cause) {
        super(Kind.INTERNAL, "integrity-error", "Stored data failed its integrity check: " + object + ".", cause);
    }
}
