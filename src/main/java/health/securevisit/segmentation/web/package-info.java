/** The segmentation API ({@code /api/v1/network/segmentation}). */
@NullMarked
package health.securevisit.segmentation.web;

import org.jspecify.annotations.NullMarked;
