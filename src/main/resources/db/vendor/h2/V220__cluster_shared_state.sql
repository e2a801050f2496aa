-- H2: nothing to create. Cluster mode (shared sessions and throttles, docs/cluster.md) runs on
-- PostgreSQL only; the embedded database serves one node, whose sessions and throttles stay in memory.
-- The version exists on both databases so that they apply the same migration versions.
SELECT 1;
