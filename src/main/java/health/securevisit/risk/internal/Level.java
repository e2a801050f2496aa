package health.securevisit.risk.internal;

/** The five qualitative levels of NIST SP 800-30 r1 (likelihood, impact and risk), 1 to 5. */
public enum Level {
    VERY_LOW,
    LOW,
    MODERATE,
    HIGH,
    VERY_HIGH;

    public int number() {
        return ordinal() + 1;
    }

    /** The level of {@code n} (1..5). @throws RiskFailure outside the scale */
    public static Level of(int n, String field) {
        if (n < 1 || n > 5) {
            throw RiskFailure.outsideScale(field);
        }
        return values()[n - 1];
    }

    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
