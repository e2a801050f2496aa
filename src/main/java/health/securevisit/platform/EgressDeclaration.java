package health.securevisit.platform;

/**
 * What an integration tells the {@link EgressGate} when it registers; the vendor comes from the
 * settings ({@code securevisit.egress.vendor.<integration>}).
 *
 * @param integration the settings name: one word of lower-case letters and digits (so that an
 *     environment variable can name its vendor)
 * @param description what it is ("audit export to syslog over TLS")
 * @param carries what data it carries
 * @param destination host and port, no credentials
 * @param transport how it travels
 */
public record EgressDeclaration(
        String integration, String description, String carries, String destination, Transport transport) {}
