package health.securevisit.keys;

import health.securevisit.platform.SecureVisitException;

/** A write into a scope whose keys were destroyed: shredded data subjects stay shredded. */
public final class ScopeShreddedException extends SecureVisitException {

    public ScopeShreddedException(String scope) {
        super(
                Kind.CONFLICT,
                "scope-shredded",
                "The keys of " + scope + " were destroyed; nothing more can be stored in it.");
    }
}
