/** The vendor register's storage, status rules, validation and the egress gate's adapter. */
@NullMarked
package health.securevisit.vendor.internal;

import org.jspecify.annotations.NullMarked;
