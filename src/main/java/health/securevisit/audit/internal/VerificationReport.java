package health.securevisit.audit.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The outcome of a verification of the whole trail. */
public final class VerificationReport {

    /** One finding; {@code position} is the first sequence number it makes unprovable, or -1. */
    public record Problem(long position, String text) {}

    static final int MAX_PROBLEMS = 20;

    private final List<Problem> problems = new ArrayList<>();
    private int suppressed;
    long entries;
    long bytesHashed;
    long checkpoints;
    long latestCheckpointSize;
    long nodes;
    long elapsedNanos;
    long resumedFrom = -1;
    TrailVerifier.@Nullable Verified proven;

    void problem(long position, String text) {
        if (problems.size() < MAX_PROBLEMS) {
            problems.add(new Problem(position, text));
        } else {
            suppressed++;
        }
    }

    public boolean ok() {
        return problems.isEmpty();
    }

    public long entries() {
        return entries;
    }

    /** The largest signed checkpoint the replay proved, with the tree's compact range at its size. */
    public Optional<TrailVerifier.Verified> proven() {
        return Optional.ofNullable(proven);
    }

    public long checkpoints() {
        return checkpoints;
    }

    /** The first bad sequence number, if any finding concerns entries. */
    public Optional<Long> firstBadSequence() {
        return problems.stream().map(Problem::position).filter(p -> p >= 0).min(Comparator.naturalOrder());
    }

    public List<Problem> problems() {
        return problems;
    }

    /** The human-readable summary, one finding per line. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        double seconds = Math.max(elapsedNanos, 1) / 1e9;
        if (ok()) {
            out.add("audit verify: OK");
        } else {
            out.add("audit verify: FAILED: "
                    + firstBadSequence()
                            .map(s -> "first bad sequence number " + s)
                            .orElse("checkpoint problem"));
        }
        if (resumedFrom >= 0) {
            out.add("incremental: entries from " + resumedFrom + " on, after the verified checkpoint of tree size "
                    + resumedFrom + " (--full checks every entry)");
        }
        out.add(String.format(
                "entries: %d, checkpoints verified: %d (latest tree size %d, %d entries not yet in a checkpoint),"
                        + " stored tree nodes checked: %d",
                entries, checkpoints, latestCheckpointSize, Math.max(0, entries - latestCheckpointSize), nodes));
        out.add(String.format(
                "hashed %d bytes in %.3f s (%.0f entries/s, %.1f MB/s)",
                bytesHashed, seconds, (entries - Math.max(0, resumedFrom)) / seconds, bytesHashed / seconds / 1e6));
        problems.stream()
                .sorted(Comparator.comparingLong(p -> p.position() < 0 ? Long.MAX_VALUE : p.position()))
                .forEach(p -> out.add("  problem: " + p.text()));
        if (suppressed > 0) {
            out.add("  ... and " + suppressed + " more problems");
        }
        return out;
    }

    public String summary() {
        return String.join("\n", lines());
    }
}
