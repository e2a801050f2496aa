/**
 * Network segmentation self-test: a policy of targets (host and port) the telehealth servers must not
 * reach (EHR, billing, directory) and ones they must; a scheduled probe tries each with a short
 * timeout, records the result as compliance evidence ({@code network.segmentation}) and publishes
 * {@link health.securevisit.segmentation.SegmentationBreached} when a forbidden target answers. Only
 * addresses inside the configured ranges are ever probed. (A module of its own rather than part of
 * {@code network}: it audits and names its principal, and {@code audit} already depends on
 * {@code network}.)
 */
@NullMarked
@ApplicationModule(allowedDependencies = {"identity", "audit", "platform"})
package health.securevisit.segmentation;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
