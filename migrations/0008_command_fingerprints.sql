-- Idempotency keys are bound to what they were first used for (issue 9): the user, and a
-- fingerprint of the request (operation, target and body). The same key with another user or
-- request is refused (422), never a silent no-op. Rows written before this migration have neither
-- and keep answering repeats as before.
ALTER TABLE processed_commands ADD COLUMN actor_id text, ADD COLUMN fingerprint text;
