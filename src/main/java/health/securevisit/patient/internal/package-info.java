/** Storage of patients: encrypted demographics, blind indexes, validation and normalisation. */
@NullMarked
package health.securevisit.patient.internal;

import org.jspecify.annotations.NullMarked;
