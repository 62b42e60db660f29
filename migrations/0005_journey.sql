-- Participant journey: subject numbers (inline, in the command's transaction) and the blinded
-- read models of the async projection "journey" (src/TrialOps/Journey/JourneyProjection.cs).
--
-- Blinding (DESIGN.md §6): no table here holds a treatment code, label, sequence number, list
-- entry or dose amount. Participants, schedules and adverse events are readable by every role;
-- the period number an adverse event is attributed to is not treatment identity.
-- Every row derives from event data and metadata only, so a rebuild yields the same content.

-- Inline projection "subject numbers": one row per screened participant, written in the
-- screening command's transaction. The primary key is the uniqueness check; the running number
-- per site gives the next subject number.
CREATE TABLE subject_numbers (
    protocol_code   text NOT NULL,
    subject_number  text NOT NULL,
    site_code       text NOT NULL,
    running_number  integer NOT NULL,
    stream_id       text NOT NULL UNIQUE,
    PRIMARY KEY (protocol_code, subject_number),
    UNIQUE (protocol_code, site_code, running_number)
);

-- Inline projection "adverse-event cases": which participant each adverse-event stream belongs
-- to, written in the reporting command's transaction (the timeline and the commands on a case
-- find it without waiting for the async read models).
CREATE TABLE adverse_event_cases (
    adverse_event_id  text PRIMARY KEY,
    protocol_code     text NOT NULL,
    subject_number    text NOT NULL
);

CREATE INDEX adverse_event_cases_participant ON adverse_event_cases (protocol_code, subject_number);

-- The schedule-relevant part of each protocol's version in force, copied from the protocol's
-- import and amendment events so the projection can lay out a schedule without reading other
-- read models.
CREATE TABLE journey_protocol_plans (
    protocol_code    text PRIMARY KEY,
    version          integer NOT NULL,
    period_count     integer NOT NULL,
    washout_iso      text NOT NULL,
    washout_seconds  bigint NOT NULL
);

CREATE TABLE journey_protocol_timepoints (
    protocol_code     text NOT NULL,
    assessment_code   text NOT NULL,
    label             text NOT NULL,
    kind              text NOT NULL CHECK (kind IN ('scale', 'vitals')),
    timepoint         text NOT NULL,      -- ISO 8601 as written in the protocol
    offset_seconds    bigint NOT NULL,    -- after dosing start
    tolerance_seconds bigint NOT NULL,    -- AssessmentWindows.Tolerance
    PRIMARY KEY (protocol_code, assessment_code, timepoint)
);

-- One row per participant: listing, filters, counts.
CREATE TABLE journey_participants (
    protocol_code          text NOT NULL,
    subject_number         text NOT NULL,
    site_code              text NOT NULL,
    running_number         integer NOT NULL,
    status                 text NOT NULL,   -- ParticipantStatus
    consent_date           date NOT NULL,
    consent_form_version   text NOT NULL,
    screened_at            timestamptz NOT NULL,
    randomized_at          timestamptz,
    period_count           integer,
    periods_dosed          integer NOT NULL DEFAULT 0,
    current_period         integer,
    failed_criteria        text[] NOT NULL DEFAULT '{}',
    ended_at               timestamptz,
    withdrawal_reason      text,
    withdrawal_details     text,
    safety_alerts          integer NOT NULL DEFAULT 0,
    adverse_events         integer NOT NULL DEFAULT 0,
    serious_adverse_events integer NOT NULL DEFAULT 0,
    deviations             integer NOT NULL DEFAULT 0,
    corrections            integer NOT NULL DEFAULT 0,
    last_activity_at       timestamptz NOT NULL,
    PRIMARY KEY (protocol_code, subject_number)
);

CREATE INDEX journey_participants_status ON journey_participants (protocol_code, status);

-- Per participant and period: the dosing session, each assessment, and the washout after it.
-- Status is computed at query time from these facts and the clock: done, not applicable
-- (closed by withdrawal or completion), overdue, due, planned.
CREATE TABLE journey_schedule (
    protocol_code     text NOT NULL,
    subject_number    text NOT NULL,
    period            integer NOT NULL,
    item_kind         text NOT NULL CHECK (item_kind IN ('dosing', 'assessment', 'washout')),
    item_code         text NOT NULL,     -- DOSING, WASHOUT or the assessment code
    timepoint         text NOT NULL,     -- '' for dosing and washout
    label             text NOT NULL,
    offset_seconds    bigint NOT NULL,   -- order within the period
    tolerance_seconds bigint NOT NULL,
    due_at            timestamptz,       -- null while it depends on an earlier step
    deadline_at       timestamptz,       -- overdue after this; null: never overdue
    done_at           timestamptz,       -- clinical time it was done
    overdue_marked    boolean NOT NULL DEFAULT false,
    closed            boolean NOT NULL DEFAULT false,
    PRIMARY KEY (protocol_code, subject_number, period, item_kind, item_code, timepoint)
);

CREATE INDEX journey_schedule_open ON journey_schedule (protocol_code, deadline_at) WHERE done_at IS NULL AND NOT closed;

-- One row per adverse-event case, latest corrections applied.
CREATE TABLE journey_adverse_events (
    adverse_event_id        text PRIMARY KEY,
    protocol_code           text NOT NULL,
    subject_number          text NOT NULL,
    meddra_code             integer NOT NULL,
    term                    text NOT NULL,
    onset                   text NOT NULL,   -- partial date as recorded
    end_date                text,
    grade                   integer NOT NULL,
    serious                 boolean NOT NULL,
    seriousness             text[] NOT NULL,
    causality               text,
    action_taken            text NOT NULL,
    outcome                 text NOT NULL,
    period                  integer,         -- period active at onset; null before first dosing
    aware_at                timestamptz NOT NULL,
    reported_by             text NOT NULL,
    recorded_at             timestamptz NOT NULL,
    sponsor_report_due_at   timestamptz,
    reported_to_sponsor_at  timestamptz,
    reported_late           boolean,
    overdue_marked          boolean NOT NULL DEFAULT false,
    follow_ups              integer NOT NULL DEFAULT 0,
    corrections             integer NOT NULL DEFAULT 0
);

CREATE INDEX journey_adverse_events_participant ON journey_adverse_events (protocol_code, subject_number);
CREATE INDEX journey_adverse_events_open_sae ON journey_adverse_events (sponsor_report_due_at) WHERE serious AND reported_to_sponsor_at IS NULL;
