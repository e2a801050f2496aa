package health.securevisit.vendor.internal;

import static org.assertj.core.api.Assertions.assertThat;

import health.securevisit.platform.VendorAgreements.Standing;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every row of the BAA status table, top to bottom (today is 2026-06-15, window 30 days). */
class BaaStatusTests {

    static final LocalDate TODAY = LocalDate.parse("2026-06-15");

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            nullValues = "-",
            value = {
                "no document,            false, 2026-01-01, 2027-01-01, -,          CURRENT, MISSING,    no-baa",
                "no dates,               true,  -,          -,          -,          CURRENT, MISSING,    no-baa",
                "not yet effective,      true,  2026-07-01, 2027-07-01, -,          CURRENT, EXPIRED,    not-yet-effective",
                "expired today,          true,  2025-06-15, 2026-06-15, 2026-01-01, CURRENT, EXPIRED,    baa-expired",
                "verification lapsed,    true,  2024-01-01, 2028-01-01, 2025-06-14, CURRENT, EXPIRED,    verification-lapsed",
                "never verified a year, true,  2025-06-01, 2028-01-01, -,          CURRENT, EXPIRED,    verification-lapsed",
                "expires in 30 days,     true,  2026-01-01, 2026-07-15, 2026-06-01, CURRENT, REVIEW_DUE, baa-expires-soon",
                "verification due soon,  true,  2025-01-01, 2028-01-01, 2025-07-01, CURRENT, REVIEW_DUE, verification-due",
                "subcontractor lapsed,   true,  2026-01-01, 2028-01-01, 2026-06-01, EXPIRED, REVIEW_DUE, subcontractor-baa",
                "current,                true,  2026-01-01, 2028-01-01, 2026-06-01, CURRENT, CURRENT,    current",
            })
    void decides(
            String row,
            boolean document,
            LocalDate effective,
            LocalDate expires,
            LocalDate verified,
            Standing subcontractor,
            Standing expected,
            String reason) {
        BaaStatus.Verdict v = BaaStatus.of(document, effective, expires, verified, List.of(subcontractor), TODAY, 30);
        assertThat(v.standing()).as(row).isEqualTo(expected);
        assertThat(v.reason()).as(row).isEqualTo(reason);
        assertThat(v.standing().permitsPhi())
                .isEqualTo(expected == Standing.CURRENT || expected == Standing.REVIEW_DUE);
    }

    @ParameterizedTest
    @CsvSource(
            nullValues = "-",
            value = {
                "-, true, MISSING",
                "2027-01-01, false, MISSING",
                "2026-06-15, true, EXPIRED",
                "2026-07-01, true, REVIEW_DUE",
                "2027-01-01, true, CURRENT"
            })
    void subcontractorsNeedTheirOwnBaaWithFlowDown(LocalDate expires, boolean flowDown, Standing expected) {
        assertThat(BaaStatus.subcontractor(expires, flowDown, TODAY, 30)).isEqualTo(expected);
    }
}
