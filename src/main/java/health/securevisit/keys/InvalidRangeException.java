package health.securevisit.keys;

import health.securevisit.platform.SecureVisitException;

/** A range outside the object. */
public final class InvalidRangeException extends SecureVisitException {

    public InvalidRangeException(long offset, long length, long size) {
        super(
                Kind.INVALID,
                "invalid-range",
                "The range " + offset + "+" + length + " is outside the object of " + size + " bytes.");
    }
}
