/**
 * Workforce identity: accounts and roles, passwords (Argon2id), TOTP apps, WebAuthn security keys
 * and passkeys, recovery codes, sessions with idle and absolute timeouts, lockout. Never SMS, voice
 * or email codes. Other modules ask {@link health.securevisit.identity.CurrentWorkforceUser} who is
 * signed in and demand a recent MFA with {@code requireMfaWithin}.
 */
@NullMarked
package health.securevisit.identity;

import org.jspecify.annotations.NullMarked;
