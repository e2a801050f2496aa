/** Key-encryption keys, data keys, field and artifact encryption, rotation, crypto-shredding, signing keys. */
@NullMarked
package health.securevisit.keys;

import org.jspecify.annotations.NullMarked;
