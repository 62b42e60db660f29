-- Signed ledger checkpoints (DESIGN.md §3, ADR 0006): after each batch the ledger projection signs
-- the new ledger head with HMAC-SHA256 under a key kept outside the database
-- (TRIALOPS_CHECKPOINT_KEY, else ledger-checkpoint.key in TRIALOPS_HOME). The newest one is also
-- kept outside the database (TRIALOPS_HOME/ledger-heads). `trialops verify` checks every signature
-- and that the ledger still holds each signed head.
CREATE TABLE ledger_checkpoints (
    sequence     bigint PRIMARY KEY,
    position     bigint NOT NULL,
    ledger_hash  text NOT NULL,
    key_id       text NOT NULL,
    signature    text NOT NULL,
    signed_at    timestamptz NOT NULL DEFAULT now()
);
