-- Read models of trial design, written by the async projection "trial_design"
-- (src/TrialOps/Trials/TrialDesignProjection.cs). Every row derives from events only (times and
-- actors from event data, keys from event positions), so a rebuild yields identical content.
--
-- Blinding (ADR 0002): protocols, randomization_status, trial_status and emergency_unblindings
-- hold no treatment identity and may be shown to every role. protocol_treatments,
-- protocol_sequences and pharmacy_allocations are UNBLINDED: only TrialDesignQueries reads them,
-- and only for viewers BlindingPolicy lets see treatments (the Pharmacist; the Statistician after
-- trial unblinding; an Investigator for a participant whose blind they broke).

-- The version in force of each protocol, for listings. No treatment codes, labels or sequences.
CREATE TABLE protocols (
    code                text PRIMARY KEY,
    version             integer NOT NULL,
    title               text NOT NULL,
    indication          text NOT NULL,
    phase               text NOT NULL,
    design              text NOT NULL,
    blinding            text NOT NULL,
    target_participants integer NOT NULL,
    sites               jsonb NOT NULL,     -- [{"code": …, "name": …}]
    period_count        integer NOT NULL,
    washout             text NOT NULL,      -- ISO 8601 as written in the protocol
    washout_duration    interval NOT NULL,
    assessments         jsonb NOT NULL,     -- [{"code","label","kind","min","max","unit","times"}]
    eligibility         jsonb NOT NULL,     -- {"inclusion": [{"code","text"}], "exclusion": […]}
    sae_report_hours    integer NOT NULL,
    imported_by         text NOT NULL,      -- who imported the version in force
    imported_at         timestamptz NOT NULL,
    file_sha256         text NOT NULL,
    first_imported_at   timestamptz NOT NULL,
    position            bigint NOT NULL     -- event that set the version in force
);

-- UNBLINDED. Treatments of the version in force.
CREATE TABLE protocol_treatments (
    protocol_code  text NOT NULL,
    treatment_code text NOT NULL,
    ordinal        integer NOT NULL,
    label          text NOT NULL,
    placebo        boolean NOT NULL,
    route          text NOT NULL,
    dosing         text NOT NULL,
    PRIMARY KEY (protocol_code, treatment_code)
);

-- UNBLINDED. Treatment of each period of each sequence (amendments cannot change them).
CREATE TABLE protocol_sequences (
    protocol_code   text NOT NULL,
    sequence_number integer NOT NULL,
    period_number   integer NOT NULL,
    treatment_code  text NOT NULL,
    PRIMARY KEY (protocol_code, sequence_number, period_number)
);

-- Each stratum's list in counts only (a count of allocations reveals no arm).
CREATE TABLE randomization_status (
    protocol_code    text NOT NULL,
    stratum          text NOT NULL,
    list_size        integer NOT NULL,
    used_count       integer NOT NULL,
    remaining        integer GENERATED ALWAYS AS (list_size - used_count) STORED,
    extensions       integer NOT NULL,
    generated_by     text NOT NULL,
    generated_at     timestamptz NOT NULL,
    last_extended_at timestamptz,
    PRIMARY KEY (protocol_code, stratum)
);

-- UNBLINDED. One row per randomized participant and period: what the pharmacist prepares.
CREATE TABLE pharmacy_allocations (
    protocol_code   text NOT NULL,
    stratum         text NOT NULL,
    participant_id  text NOT NULL,
    period_number   integer NOT NULL,
    kit_number      text NOT NULL,
    treatment_code  text NOT NULL,
    treatment_label text NOT NULL,
    sequence_number integer NOT NULL,
    entry_number    integer NOT NULL,
    assigned_by     text NOT NULL,
    assigned_at     timestamptz NOT NULL,
    PRIMARY KEY (protocol_code, participant_id, period_number)
);

-- Database lock and trial unblinding, latest state (the events keep the history).
CREATE TABLE trial_status (
    protocol_code     text PRIMARY KEY,
    locked            boolean NOT NULL,
    locked_by         text,
    locked_at         timestamptz,
    last_unlocked_by  text,
    last_unlocked_at  timestamptz,
    last_unlock_reason text,
    unblinded         boolean NOT NULL,
    unblinded_by      text,
    unblinded_at      timestamptz
);

-- Emergency code breaks: who, when, why, which periods are compromised. No treatment named.
CREATE TABLE emergency_unblindings (
    position            bigint PRIMARY KEY,
    protocol_code       text NOT NULL,
    stratum             text NOT NULL,
    participant_id      text NOT NULL,
    performed_by        text NOT NULL,
    performed_at        timestamptz NOT NULL,
    reason              text NOT NULL,
    compromised_periods integer[] NOT NULL
);

CREATE INDEX emergency_unblindings_participant ON emergency_unblindings (protocol_code, participant_id);
