package health.securevisit.audit.web;

import health.securevisit.audit.internal.AuditProofs;
import health.securevisit.audit.internal.EntryView;
import health.securevisit.audit.internal.LegalHolds;
import health.securevisit.audit.internal.Retention;
import health.securevisit.audit.internal.TrailVerification;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Response bodies of the audit API; hashes are standard base64, as in the checkpoints. */
final class Views {

    private Views() {}

    static String b64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }

    static List<String> b64(List<byte[]> hashes) {
        return hashes.stream().map(Views::b64).toList();
    }

    record EventPage(List<EntryView> events, int page, int size, boolean hasNext, long before) {}

    record Checkpoint(long treeSize, String rootHash, String note, Instant signedAt) {}

    record Inclusion(long index, long treeSize, String leafHash, List<String> hashes) {
        static Inclusion of(AuditProofs.Inclusion p) {
            return new Inclusion(p.index(), p.treeSize(), b64(p.leafHash()), b64(p.hashes()));
        }
    }

    record Consistency(long from, long to, List<String> hashes) {
        static Consistency of(AuditProofs.Consistency p) {
            return new Consistency(p.from(), p.to(), b64(p.hashes()));
        }
    }

    /** An entry with what is needed to check it: its canonical encoding and its inclusion proof. */
    record EntryDetail(
            EntryView entry,
            String canonical,
            @Nullable Checkpoint checkpoint,
            @Nullable Inclusion proof) {}

    record Verification(
            Instant finishedAt,
            boolean ok,
            long entries,
            long checkpoints,
            @Nullable Long firstBadSeq,
            String summary) {
        static Verification of(TrailVerification.Result r) {
            return new Verification(r.finishedAt(), r.ok(), r.entries(), r.checkpoints(), r.firstBadSeq(), r.summary());
        }
    }

    record Hold(UUID id, String scope, String subjectId, String reason, String placedBy, Instant placedAt) {
        static Hold of(LegalHolds.Hold h) {
            return new Hold(h.id(), h.scope().name(), h.subjectId(), h.reason(), h.placedBy(), h.placedAt());
        }
    }

    record RetentionStatus(
            String retention, Instant cutoff, long expired, long held, boolean incidentHold, long eligible) {
        static RetentionStatus of(Retention.Status s) {
            return new RetentionStatus(
                    s.retention().toString(), s.cutoff(), s.expired(), s.held(), s.incidentHold(), s.eligible());
        }
    }
}
