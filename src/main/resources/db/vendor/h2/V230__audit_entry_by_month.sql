-- H2: nothing to change. The audit entries are partitioned by month on PostgreSQL only (docs/audit.md);
-- the embedded database keeps its single table. The version exists on both databases so that they
-- apply the same migration versions.
SELECT 1;
