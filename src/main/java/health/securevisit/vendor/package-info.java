/**
 * Vendors and their business associate agreements: services, PHI categories, the BAA document
 * (encrypted in the artifact vault), dates, subcontractors, yearly verification, and the standing
 * the platform's egress gate asks before any PHI or audit data goes to a vendor.
 */
@NullMarked
package health.securevisit.vendor;

import org.jspecify.annotations.NullMarked;
