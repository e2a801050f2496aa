package health.securevisit.patient.internal;

import health.securevisit.patient.DataPoint;
import health.securevisit.patient.IdentityCheck;
import health.securevisit.patient.PatientRecord;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Compares entered identity data points with a chart after normalisation, in constant time for the
 * compared bytes. A data point the chart lacks, an empty entry or an unreadable date is a mismatch; the
 * photo ID is matched only when attested as {@code "true"} (anything else is a mismatch: fail closed).
 */
final class IdentityComparison {

    private IdentityComparison() {}

    static IdentityCheck compare(PatientRecord chart, Map<DataPoint, String> entered) {
        Set<DataPoint> matched = EnumSet.noneOf(DataPoint.class);
        Set<DataPoint> mismatched = EnumSet.noneOf(DataPoint.class);
        entered.forEach((point, value) -> (matches(chart, point, value) ? matched : mismatched).add(point));
        return new IdentityCheck(matched, mismatched);
    }

    static boolean matches(PatientRecord chart, DataPoint point, String value) {
        return switch (point) {
            case FULL_NAME -> same(Normalization.text(value), Normalization.text(chart.fullName()));
            case DATE_OF_BIRTH -> same(isoDate(value), Normalization.date(chart.dateOfBirth()));
            case ADDRESS ->
                chart.address() != null && same(Normalization.text(value), Normalization.text(chart.address()));
            case PHONE -> chart.phone() != null && same(Normalization.phone(value), Normalization.phone(chart.phone()));
            case MRN -> same(Normalization.mrn(value), Normalization.mrn(chart.mrn()));
            case PHOTO_ID_INSPECTED -> value.strip().toLowerCase(Locale.ROOT).equals("true");
        };
    }

    private static String isoDate(String value) {
        try {
            return Normalization.date(LocalDate.parse(value.strip()));
        } catch (DateTimeParseException e) {
            return "";
        }
    }

    private static boolean same(@Nullable String entered, String chart) {
        return entered != null
                && !entered.isEmpty()
                && MessageDigest.isEqual(
                        entered.getBytes(StandardCharsets.UTF_8), chart.getBytes(StandardCharsets.UTF_8));
    }
}
