package health.securevisit.identity.internal;

import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * NIST SP 800-63B password rules: at least 12 characters (at most 128, so any passphrase fits), not
 * a known common or breached password, not the username, not one repeated character. No
 * composition rules (no "one digit and one symbol"), no periodic expiry.
 */
@Component
public class PasswordPolicy {

    static final int MIN_LENGTH = 12;
    static final int MAX_LENGTH = 128;

    private final CommonPasswords common;

    PasswordPolicy(CommonPasswords common) {
        this.common = common;
    }

    /** @throws IdentityFailure with code {@code password-rejected} and the reason */
    public void check(String password, String username) {
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH) {
            throw IdentityFailure.passwordRejected("The password must have at least " + MIN_LENGTH + " characters.");
        }
        if (length > MAX_LENGTH) {
            throw IdentityFailure.passwordRejected("The password must have at most " + MAX_LENGTH + " characters.");
        }
        if (common.contains(password)) {
            throw IdentityFailure.passwordRejected(
                    "This password is on the list of common or breached passwords; choose another one.");
        }
        if (password.toLowerCase(Locale.ROOT).contains(username.toLowerCase(Locale.ROOT))) {
            throw IdentityFailure.passwordRejected("The password must not contain the username.");
        }
        if (password.codePoints().distinct().count() == 1) {
            throw IdentityFailure.passwordRejected("The password must not be one repeated character.");
        }
    }
}
