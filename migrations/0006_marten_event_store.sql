-- Events move into Marten (mt_events, mt_streams; created by Marten's schema manager, see
-- src/TrialOps.EventStore/EventStoreSchema.cs). What Marten lacks stays here, in our own tables:
-- Marten's schema manager drops columns it does not own from its tables (DESIGN.md §1).
--
-- The 0.1 tables are kept, renamed and read-only, for the upgrade of a database written by 0.1
-- (`trialops db migrate`): nothing recorded is ever dropped.
ALTER TABLE events RENAME TO v01_events;
ALTER TABLE streams RENAME TO v01_streams;
ALTER INDEX events_commit_order RENAME TO v01_events_commit_order;

-- Tamper evidence for each Marten event (DESIGN.md §3): the stream's SHA-256 chain, computed by
-- the appending process from the data it serialized and written in the append's transaction.
-- tx_id is the writing transaction: consumers read (tx_id, seq_id) below pg_snapshot_xmin, so an
-- event whose transaction commits late is applied in its place and never skipped.
-- A Marten event with no row here was written around TrialOps' append path: `trialops verify`
-- reports it, and no consumer reads it.
-- Keyed by Marten's seq_id only (each hash row belongs to one mt_events row, whose (stream_id,
-- version) Marten keeps unique; verify checks that they agree): every index here costs the append.
CREATE TABLE event_hashes (
    seq_id     bigint PRIMARY KEY,
    stream_id  text NOT NULL,
    version    integer NOT NULL,
    hash       text NOT NULL,
    tx_id      xid8 NOT NULL DEFAULT pg_current_xact_id()
);

CREATE INDEX event_hashes_commit_order ON event_hashes (tx_id, seq_id);

-- The upgrade of a 0.1 database (`trialops db migrate`, src/TrialOps.EventStore/V01Upgrade.cs):
-- one row when its events were verified and moved into Marten with their positions, versions,
-- recorded times and metadata. Their hashes stay the 0.1 hashes, which `trialops verify` checks
-- against the kept v01_events rows; new events chain on from the 0.1 stream heads and ledger.
CREATE TABLE event_store_upgrades (
    from_version     text PRIMARY KEY,
    events           bigint NOT NULL,
    last_position    bigint NOT NULL,
    ledger_sequence  bigint NOT NULL,
    ledger_hash      text NOT NULL,
    upgraded_at      timestamptz NOT NULL DEFAULT now()
);
