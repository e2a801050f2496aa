package health.securevisit.records;

/**
 * An artifact's life: INCOMPLETE while chunks arrive (resumable or discardable), COMPLETE once every
 * chunk arrived and the whole-file digest matched, DISCARDED (an incomplete upload given up) or
 * SHREDDED (its keys destroyed at the end of retention).
 */
public enum ArtifactState {
    INCOMPLETE,
    COMPLETE,
    DISCARDED,
    SHREDDED
}
