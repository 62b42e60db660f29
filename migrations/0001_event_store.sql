-- Event store: streams, events (with per-stream hash chain), global ledger, projection checkpoints.
-- Part 11: events are never updated or deleted by the application; corrections are new events.

CREATE TABLE streams (
    stream_id   text PRIMARY KEY,
    version     integer NOT NULL,
    last_hash   text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE events (
    position     bigserial PRIMARY KEY,
    stream_id    text NOT NULL REFERENCES streams (stream_id),
    version      integer NOT NULL,
    type         text NOT NULL,
    data         json NOT NULL,
    metadata     json NOT NULL,
    recorded_at  timestamptz NOT NULL,
    hash         text NOT NULL,
    -- The writing transaction: consumers read below pg_snapshot_xmin so a slow writer is never skipped.
    tx_id        xid8 NOT NULL DEFAULT pg_current_xact_id(),
    UNIQUE (stream_id, version)
);

CREATE INDEX events_commit_order ON events (tx_id, position);

-- Global ledger: every event chained in commit order, written by the ledger projection.
-- No foreign key to events: the ledger is derived and rebuilt in bulk, and `trialops verify`
-- reports a ledger entry whose event is missing.
CREATE TABLE ledger (
    sequence    bigint PRIMARY KEY,
    position    bigint NOT NULL UNIQUE,
    hash        text NOT NULL
);

-- Idempotency: one row per handled command id, written in the command's transaction.
CREATE TABLE processed_commands (
    command_id   uuid PRIMARY KEY,
    result       json NOT NULL,
    processed_at timestamptz NOT NULL DEFAULT now()
);

-- Async projection checkpoints, leases (one owner per projection) and failure state.
CREATE TABLE projection_checkpoints (
    name            text PRIMARY KEY,
    last_tx_id      xid8 NOT NULL DEFAULT '0',
    last_position   bigint NOT NULL DEFAULT 0,
    status          text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'paused')),
    failed_position bigint,
    error           text,
    attempts        integer NOT NULL DEFAULT 0,
    lease_owner     text,
    lease_until     timestamptz,
    fencing_token   bigint NOT NULL DEFAULT 0,
    updated_at      timestamptz NOT NULL DEFAULT now()
);
