package health.securevisit.audit.internal;

import health.securevisit.audit.AuditIndex;
import org.springframework.stereotype.Component;

/** {@link AuditIndex} over the embedded database's journal. */
@Component
class JournalIndex implements AuditIndex {

    private final AuditJournal journal;

    JournalIndex(AuditJournal journal) {
        this.journal = journal;
    }

    @Override
    public void awaitIndexed() {
        journal.awaitIndexed();
    }
}
