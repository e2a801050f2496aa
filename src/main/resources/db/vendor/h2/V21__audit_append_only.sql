-- H2: the audit entries, tree nodes and checkpoints refuse UPDATE and DELETE (a Java trigger). H2
-- cannot TRUNCATE a table that a foreign key references, so audit_truncate_guard references each.
CREATE TRIGGER audit_entry_append_only BEFORE UPDATE, DELETE ON audit_entry
    FOR EACH ROW CALL 'health.securevisit.audit.internal.AppendOnlyTrigger';
CREATE TRIGGER audit_node_append_only BEFORE UPDATE, DELETE ON audit_node
    FOR EACH ROW CALL 'health.securevisit.audit.internal.AppendOnlyTrigger';
CREATE TRIGGER audit_checkpoint_append_only BEFORE UPDATE, DELETE ON audit_checkpoint
    FOR EACH ROW CALL 'health.securevisit.audit.internal.AppendOnlyTrigger';

CREATE TABLE audit_truncate_guard (
    id         SMALLINT NOT NULL PRIMARY KEY,
    entry_seq  BIGINT REFERENCES audit_entry (seq),
    cp_size    BIGINT REFERENCES audit_checkpoint (tree_size)
);
