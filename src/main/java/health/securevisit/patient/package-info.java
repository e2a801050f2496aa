/**
 * Patient records: demographics encrypted through the keys module, keyed blind indexes for finding
 * by MRN and searching by name and date of birth (no plaintext PHI column), and the comparison of
 * identity data points entered at visit start with the chart.
 */
@NullMarked
package health.securevisit.patient;

import org.jspecify.annotations.NullMarked;
