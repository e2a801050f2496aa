package health.securevisit.segmentation;

import java.time.Instant;
import java.util.UUID;

/**
 * Published (through the event publication registry, with the probe's results) when a target the
 * segmentation policy forbids answered the probe: the servers can reach a network they must not.
 */
public record SegmentationBreached(UUID targetId, String host, int port, Instant at) {}
