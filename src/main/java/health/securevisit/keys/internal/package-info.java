/** Keyring, key-encryption keys (file or PKCS#11), data keys, Tink primitives, blob store, rotation. */
@NullMarked
package health.securevisit.keys.internal;

import org.jspecify.annotations.NullMarked;
