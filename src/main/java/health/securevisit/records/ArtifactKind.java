package health.securevisit.records;

/** The kinds of artifact a visit leaves behind; each has its own retention period. */
public enum ArtifactKind {
    RECORDING,
    SCREENSHOT,
    TRANSCRIPT,
    CHAT
}
