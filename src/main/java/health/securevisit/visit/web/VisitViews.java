package health.securevisit.visit.web;

import health.securevisit.patient.DataPoint;
import health.securevisit.patient.PatientRecord;
import health.securevisit.visit.internal.Visit;
import health.securevisit.visit.internal.VisitScheduling;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** JSON views of visits and charts. */
final class VisitViews {

    private VisitViews() {}

    record VisitView(
            UUID id,
            UUID patientId,
            List<UUID> clinicianIds,
            Instant start,
            Instant end,
            int durationMinutes,
            String modality,
            String status,
            boolean identityVerified,
            boolean flaggedForReview,
            Instant createdAt) {
        static VisitView of(Visit v) {
            return new VisitView(
                    v.id(),
                    v.patientId(),
                    v.clinicianIds().stream().sorted().toList(),
                    v.start(),
                    v.end(),
                    v.durationMinutes(),
                    v.modality().name(),
                    v.status().name(),
                    v.identityVerified(),
                    v.flaggedForReview(),
                    v.createdAt());
        }
    }

    record VisitList(List<VisitView> visits) {}

    record Verification(
            @Nullable Instant verifiedAt, @Nullable UUID verifiedBy, List<String> dataPoints) {}

    record HistoryItem(UUID id, Instant start, Instant end, String modality, String status) {}

    record ChartView(
            PatientRecord patient, VisitView visit, Verification identityVerification, List<HistoryItem> history) {
        static ChartView of(VisitScheduling.Chart chart) {
            Visit v = chart.visit();
            return new ChartView(
                    chart.patient(),
                    VisitView.of(v),
                    new Verification(v.identityVerifiedAt(), v.verifiedBy(), fields(v.verifiedDataPoints())),
                    chart.history().stream()
                            .map(h -> new HistoryItem(
                                    h.id(),
                                    h.start(),
                                    h.end(),
                                    h.modality().name(),
                                    h.status().name()))
                            .toList());
        }

        @Override
        public String toString() {
            return "ChartView[visit=" + visit.id() + "]";
        }
    }

    record VerificationResult(
            boolean verified,
            List<String> matched,
            List<String> mismatched,
            @Nullable Integer attemptsLeft) {}

    record JoinLinkView(String url, Instant validFrom, Instant validUntil) {
        @Override
        public String toString() {
            return "JoinLinkView[url=***]";
        }
    }

    record JoinedView(String status, Instant start) {}

    static List<String> fields(Collection<DataPoint> points) {
        return points.stream().sorted().map(DataPoint::field).toList();
    }
}
