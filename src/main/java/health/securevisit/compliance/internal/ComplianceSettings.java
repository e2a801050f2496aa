package health.securevisit.compliance.internal;

import health.securevisit.platform.StartupException;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the compliance report ({@code SECUREVISIT_COMPLIANCE_*}).
 *
 * @param nprm2025 whether the proposed 2025 Security Rule update is assessed: its controls join the
 *     catalog and every addressable specification counts as required
 * @param cacheTtl how long a computed report is served (marked with its age) before it is computed
 *     again; {@code ?refresh=true} computes it at once
 * @param sourceTimeout how long one evidence source may take before its checks show no evidence
 */
@ConfigurationProperties("securevisit.compliance")
public record ComplianceSettings(
        @DefaultValue("false") boolean nprm2025,
        @DefaultValue("5m") Duration cacheTtl,
        @DefaultValue("30s") Duration sourceTimeout) {

    public ComplianceSettings {
        if (cacheTtl.isNegative()) {
            throw new StartupException("SECUREVISIT_COMPLIANCE_CACHE_TTL", "must not be negative");
        }
        if (sourceTimeout.toMillis() < 100) {
            throw new StartupException("SECUREVISIT_COMPLIANCE_SOURCE_TIMEOUT", "must be at least 100ms");
        }
    }
}
