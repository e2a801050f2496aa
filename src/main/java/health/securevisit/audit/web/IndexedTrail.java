package health.securevisit.audit.web;

import health.securevisit.audit.internal.AuditJournal;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Before any handler of the trail's API or console runs, everything recorded so far is in the
 * trail's tables (the embedded database's journal indexes behind its callers; on PostgreSQL this
 * returns at once).
 */
@ControllerAdvice(assignableTypes = {AuditController.class, AuditConsoleController.class})
class IndexedTrail {

    private final AuditJournal journal;

    IndexedTrail(AuditJournal journal) {
        this.journal = journal;
    }

    @ModelAttribute
    void indexed() {
        journal.awaitIndexed();
    }
}
