package health.securevisit.hub.internal;

import java.math.BigDecimal;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The vital signs a hub sends, as in the FHIR R4 vital-signs profiles: LOINC code, profile, UCUM
 * unit; hard limits (a value outside them is not a measurement: the batch is refused),
 * physiological ranges (a value outside them is kept as {@code preliminary} in quarantine) and the
 * thresholds that raise a clinical alert.
 */
enum VitalSign {
    HEART_RATE("8867-4", "Heart rate", "heartrate", "/min", "beats/minute", 0, 400, 25, 250, 40, 130),
    OXYGEN_SATURATION("2708-6", "Oxygen saturation", "oxygensat", "%", "%", 0, 100, 60, 100, 90, null),
    BLOOD_PRESSURE("85354-9", "Blood pressure panel", "bp", "mm[Hg]", "mmHg", 0, 400, 60, 260, 90, 180),
    BODY_WEIGHT("29463-7", "Body weight", "bodyweight", "kg", "kg", 0, 700, 2, 350, null, null),
    BODY_TEMPERATURE("8310-5", "Body temperature", "bodytemp", "Cel", "C", 0, 50, 32, 43, 35, 38);

    /** The pulse-oximetry code hubs may send for SpO2; stored with 2708-6 as the profile requires. */
    static final String PULSE_OXIMETRY = "59408-5";

    static final String SYSTOLIC = "8480-6";
    static final String DIASTOLIC = "8462-4";
    /** Diastolic pressure: hard limit, physiological range and alert threshold. */
    static final int DIASTOLIC_MAX = 300;

    static final int DIASTOLIC_LOW = 30;
    static final int DIASTOLIC_HIGH = 160;
    static final int DIASTOLIC_ALERT = 120;

    final String loinc;
    final String display;
    final String profile;
    final String unit;
    final String unitDisplay;
    final BigDecimal hardMin;
    final BigDecimal hardMax;
    final BigDecimal low;
    final BigDecimal high;
    final @Nullable BigDecimal alertBelow;
    final @Nullable BigDecimal alertAbove;

    VitalSign(
            String loinc,
            String display,
            String profile,
            String unit,
            String unitDisplay,
            int hardMin,
            int hardMax,
            int low,
            int high,
            @Nullable Integer alertBelow,
            @Nullable Integer alertAbove) {
        this.loinc = loinc;
        this.display = display;
        this.profile = "http://hl7.org/fhir/StructureDefinition/" + profile;
        this.unit = unit;
        this.unitDisplay = unitDisplay;
        this.hardMin = BigDecimal.valueOf(hardMin);
        this.hardMax = BigDecimal.valueOf(hardMax);
        this.low = BigDecimal.valueOf(low);
        this.high = BigDecimal.valueOf(high);
        this.alertBelow = alertBelow == null ? null : BigDecimal.valueOf(alertBelow);
        this.alertAbove = alertAbove == null ? null : BigDecimal.valueOf(alertAbove);
    }

    static Optional<VitalSign> ofCode(String code) {
        if (PULSE_OXIMETRY.equals(code)) {
            return Optional.of(OXYGEN_SATURATION);
        }
        for (VitalSign sign : values()) {
            if (sign.loinc.equals(code)) {
                return Optional.of(sign);
            }
        }
        return Optional.empty();
    }

    /** Whether a value is a measurement at all (strictly above the hard minimum, at most the maximum). */
    boolean measurable(BigDecimal value) {
        return value.compareTo(hardMin) > 0 && value.compareTo(hardMax) <= 0;
    }

    boolean plausible(BigDecimal value) {
        return value.compareTo(low) >= 0 && value.compareTo(high) <= 0;
    }

    /** The alert rule a value raises, or null. */
    @Nullable
    String alert(BigDecimal value) {
        if (alertBelow != null && value.compareTo(alertBelow) < 0) {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + "-low";
        }
        if (alertAbove != null && value.compareTo(alertAbove) > 0) {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + "-high";
        }
        return null;
    }
}
