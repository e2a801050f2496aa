/** The visit room pages. */
@NullMarked
package health.securevisit.room.web;

import org.jspecify.annotations.NullMarked;
