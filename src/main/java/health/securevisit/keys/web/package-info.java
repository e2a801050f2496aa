/** Admin HTTP API of the keys module: key inventory, signing public key, KEK rotation. */
@NullMarked
package health.securevisit.keys.web;

import org.jspecify.annotations.NullMarked;
