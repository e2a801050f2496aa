package health.securevisit.identity.internal;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Argon2id password hashing (Spring Security's encoder on BouncyCastle) with the configured cost:
 * 16-byte salt, 32-byte hash, memory and iterations from {@link IdentitySettings.Password}. Checking
 * an unknown user costs the same as checking a known one: it verifies against a dummy hash.
 */
@Component
public class PasswordHasher {

    private final Argon2PasswordEncoder encoder;
    private final String dummyHash;

    PasswordHasher(IdentitySettings settings) {
        IdentitySettings.Password p = settings.password();
        this.encoder = new Argon2PasswordEncoder(16, 32, p.parallelism(), p.memoryKib(), p.iterations());
        this.dummyHash = encoder.encode("securevisit-dummy-password-for-unknown-users");
    }

    public String hash(String password) {
        return encoder.encode(password);
    }

    public boolean matches(String password, String hash) {
        return encoder.matches(password, hash);
    }

    /** Spends the time of one verification and returns false: for unknown or disabled accounts. */
    public boolean burn(String password) {
        encoder.matches(password, dummyHash);
        return false;
    }
}
