/** Storage of visit records: artifacts and their chunks, consents, forms, retention. */
@NullMarked
package health.securevisit.records.internal;

import org.jspecify.annotations.NullMarked;
