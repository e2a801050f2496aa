-- Security alerts about a pattern rather than a person (sign-in failures from one source over many
-- accounts) have no actor.
ALTER TABLE security_alert ALTER COLUMN actor_id DROP NOT NULL;
