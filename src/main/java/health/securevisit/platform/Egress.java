package health.securevisit.platform;

/**
 * One outbound integration that can carry PHI or audit data off this server, registered with the
 * {@link EgressGate} at start.
 *
 * @param integration its settings name ({@code syslog}, {@code turn}, {@code mdm-webhook}, ...): the
 *     vendor comes from {@code securevisit.egress.vendor.<integration>}
 * @param vendor the vendor key named in that setting, or {@link EgressGate#SELF_HOSTED}
 * @param description what it is, for the console and the data-flow map
 * @param carries what data it carries (identifiers only, PHI, media, ...)
 * @param destination where it goes (host and port), without credentials
 * @param transport how it travels
 */
public record Egress(
        String integration,
        String vendor,
        String description,
        String carries,
        String destination,
        Transport transport) {

    /** Whether this organisation runs the far end itself (no vendor, no BAA to check). */
    public boolean selfHosted() {
        return EgressGate.SELF_HOSTED.equals(vendor);
    }
}
