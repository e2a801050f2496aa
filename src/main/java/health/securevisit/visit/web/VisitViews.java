package health.securevisit.visit.web;

import health.securevisit.patient.DataPoint;
import health.securevisit.patient.PatientRecord;
import health.securevisit.visit.internal.Visit;
import health.securevisit.visit.internal.VisitScheduling;
import java.time.Instant;
import java.util.Arrays;
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
                    sorted(v.clinicianIds()),
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
                    history(chart.history()));
        }

        @Override
        public String toString() {
            return "ChartView[visit=" + visit.id() + "]";
        }

        private static List<HistoryItem> history(List<Visit> visits) {
            HistoryItem[] items = new HistoryItem[visits.size()];
            for (int i = 0; i < items.length; i++) {
                Visit h = visits.get(i);
                items[i] = new HistoryItem(
                        h.id(),
                        h.start(),
                        h.end(),
                        h.modality().name(),
                        h.status().name());
            }
            return List.of(items);
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

    /**
     * A successful join: the visit's state and start, and the patient's way into the visit room (its
     * credential travels in the {@code __Host-SVROOM} cookie, never in the body).
     */
    record JoinedView(
            String status,
            Instant start,
            UUID visitId,
            @Nullable UUID participantId,
            @Nullable String room) {}

    // Loops rather than streams in the views: they are built on every chart read (docs/benchmarks/chart.md).

    static List<String> fields(Collection<DataPoint> points) {
        DataPoint[] sorted = points.toArray(DataPoint[]::new);
        Arrays.sort(sorted);
        String[] fields = new String[sorted.length];
        for (int i = 0; i < sorted.length; i++) {
            fields[i] = sorted[i].field();
        }
        return List.of(fields);
    }

    private static List<UUID> sorted(Collection<UUID> ids) {
        UUID[] sorted = ids.toArray(UUID[]::new);
        Arrays.sort(sorted);
        return List.of(sorted);
    }
}
