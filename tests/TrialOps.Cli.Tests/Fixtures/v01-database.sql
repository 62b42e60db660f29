-- ============================================================================================
-- TEST FIXTURE — DO NOT EDIT.
-- A TrialOps 0.1 database (own event store: tables events, streams, ledger; migrations
-- 0001–0005), kept as the starting point of the 0.1 → Marten upgrade test. Editing any line
-- (even whitespace inside the data) breaks the stream hash chains and the ledger it is meant to
-- carry across the upgrade. To change it, regenerate it with the commands below.
--
-- Made by TrialOps 0.1, commit dd2e438fb67b209453441b42b378318cba7b5045
-- (git -C /work/main rev-parse HEAD), PostgreSQL 15.18 (Debian 15.18-0+deb12u1), 2026-12-02.
--
-- Commands (in a detached worktree of that commit, as root; CLI = dotnet run --no-build -c Release
-- --project src/TrialOps.Cli --):
--   git -C /work/main worktree add --detach /tmp/v01/src HEAD
--   cd /tmp/v01/src && dotnet build src/TrialOps.Cli -c Release
--   export TRIALOPS_HOME=/tmp/v01/home        # private embedded cluster, database "trialops"
--   CLI demo --protocol seed/KET-NP-01.json --participants 6 --seed 7
--   echo '<password>' | CLI users add alice.admin --role Administrator --display-name "Alice Admin" --password-stdin
--   CLI verify        # within 30 s of the demo: "Verified 192 events ... and 191 ledger entries: intact."
--                     # (the exited demo process still held the ledger lease, so verify sealed nothing)
--   CLI verify        # again once that lease expired: "Verified 192 events ... and 192 ledger entries: intact."
--   CLI db status     # Events: 192 (last position 192, 192 sealed in the ledger)
--   # after verify (never verified again):
--   CLI demo --protocol seed/KET-NP-01.json --participants 1 --seed 11     # demo seals its own events
--   echo '<password>' | CLI users add bob.monitor --role Monitor --site S01 --site S02 --display-name "Bob Monitor" --password-stdin
--   CLI users token bob.monitor > /dev/null
--   echo '<password>' | CLI users add carol.stats --role Statistician --display-name "Carol Statistician" --password-stdin
--   CLI db status     # Events: 239 (last position 239, 236 sealed in the ledger)
--   pg_dump --no-owner --no-privileges --no-comments trialops   # plain format, psql 15 client
--   # then removed the two psql meta-command lines \restrict / \unrestrict (pg_dump 15.14+ adds
--   # them with a random key; older psql rejects them). Nothing else was changed.
--
-- Counts:
--   events                 239 (positions 1–239)
--   sealed ledger entries  236 (sequence 1–236 = positions 1–236)
--   unsealed events          3 (positions 237–239: user-bob.monitor identity.user-created.v1,
--                               user-bob.monitor identity.api-token-issued.v1,
--                               user-carol.stats identity.user-created.v1) — the upgrade must seal them
--   streams                 21 (prefixes: adverse, participant, protocol, randomization, user)
--   projection_checkpoints  ledger, users, trial_design, journey all at position 236
--
-- Load with psql into an empty database:  psql -v ON_ERROR_STOP=1 -d <db> -f v01-database.sql
-- (data is in COPY ... FROM stdin blocks, so it needs psql or a client that handles them).
-- No CREATE DATABASE, \connect, owners, grants or role settings: any owner of an empty database can load it.
-- All passwords, tokens and keys in it are throwaway test values.
-- ============================================================================================

--
-- PostgreSQL database dump
--


-- Dumped from database version 15.18 (Debian 15.18-0+deb12u1)
-- Dumped by pg_dump version 15.18 (Debian 15.18-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: adverse_event_cases; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.adverse_event_cases (
    adverse_event_id text NOT NULL,
    protocol_code text NOT NULL,
    subject_number text NOT NULL
);


--
-- Name: data_protection_keys; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.data_protection_keys (
    friendly_name text NOT NULL,
    xml text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL
);


--
-- Name: emergency_unblindings; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.emergency_unblindings (
    "position" bigint NOT NULL,
    protocol_code text NOT NULL,
    stratum text NOT NULL,
    participant_id text NOT NULL,
    performed_by text NOT NULL,
    performed_at timestamp with time zone NOT NULL,
    reason text NOT NULL,
    compromised_periods integer[] NOT NULL
);


--
-- Name: events; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.events (
    "position" bigint NOT NULL,
    stream_id text NOT NULL,
    version integer NOT NULL,
    type text NOT NULL,
    data json NOT NULL,
    metadata json NOT NULL,
    recorded_at timestamp with time zone NOT NULL,
    hash text NOT NULL,
    tx_id xid8 DEFAULT pg_current_xact_id() NOT NULL
);


--
-- Name: events_position_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.events_position_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: events_position_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.events_position_seq OWNED BY public.events."position";


--
-- Name: journey_adverse_events; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.journey_adverse_events (
    adverse_event_id text NOT NULL,
    protocol_code text NOT NULL,
    subject_number text NOT NULL,
    meddra_code integer NOT NULL,
    term text NOT NULL,
    onset text NOT NULL,
    end_date text,
    grade integer NOT NULL,
    serious boolean NOT NULL,
    seriousness text[] NOT NULL,
    causality text,
    action_taken text NOT NULL,
    outcome text NOT NULL,
    period integer,
    aware_at timestamp with time zone NOT NULL,
    reported_by text NOT NULL,
    recorded_at timestamp with time zone NOT NULL,
    sponsor_report_due_at timestamp with time zone,
    reported_to_sponsor_at timestamp with time zone,
    reported_late boolean,
    overdue_marked boolean DEFAULT false NOT NULL,
    follow_ups integer DEFAULT 0 NOT NULL,
    corrections integer DEFAULT 0 NOT NULL
);


--
-- Name: journey_participants; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.journey_participants (
    protocol_code text NOT NULL,
    subject_number text NOT NULL,
    site_code text NOT NULL,
    running_number integer NOT NULL,
    status text NOT NULL,
    consent_date date NOT NULL,
    consent_form_version text NOT NULL,
    screened_at timestamp with time zone NOT NULL,
    randomized_at timestamp with time zone,
    period_count integer,
    periods_dosed integer DEFAULT 0 NOT NULL,
    current_period integer,
    failed_criteria text[] DEFAULT '{}'::text[] NOT NULL,
    ended_at timestamp with time zone,
    withdrawal_reason text,
    withdrawal_details text,
    safety_alerts integer DEFAULT 0 NOT NULL,
    adverse_events integer DEFAULT 0 NOT NULL,
    serious_adverse_events integer DEFAULT 0 NOT NULL,
    deviations integer DEFAULT 0 NOT NULL,
    corrections integer DEFAULT 0 NOT NULL,
    last_activity_at timestamp with time zone NOT NULL
);


--
-- Name: journey_protocol_plans; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.journey_protocol_plans (
    protocol_code text NOT NULL,
    version integer NOT NULL,
    period_count integer NOT NULL,
    washout_iso text NOT NULL,
    washout_seconds bigint NOT NULL
);


--
-- Name: journey_protocol_timepoints; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.journey_protocol_timepoints (
    protocol_code text NOT NULL,
    assessment_code text NOT NULL,
    label text NOT NULL,
    kind text NOT NULL,
    timepoint text NOT NULL,
    offset_seconds bigint NOT NULL,
    tolerance_seconds bigint NOT NULL,
    CONSTRAINT journey_protocol_timepoints_kind_check CHECK ((kind = ANY (ARRAY['scale'::text, 'vitals'::text])))
);


--
-- Name: journey_schedule; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.journey_schedule (
    protocol_code text NOT NULL,
    subject_number text NOT NULL,
    period integer NOT NULL,
    item_kind text NOT NULL,
    item_code text NOT NULL,
    timepoint text NOT NULL,
    label text NOT NULL,
    offset_seconds bigint NOT NULL,
    tolerance_seconds bigint NOT NULL,
    due_at timestamp with time zone,
    deadline_at timestamp with time zone,
    done_at timestamp with time zone,
    overdue_marked boolean DEFAULT false NOT NULL,
    closed boolean DEFAULT false NOT NULL,
    CONSTRAINT journey_schedule_item_kind_check CHECK ((item_kind = ANY (ARRAY['dosing'::text, 'assessment'::text, 'washout'::text])))
);


--
-- Name: ledger; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.ledger (
    sequence bigint NOT NULL,
    "position" bigint NOT NULL,
    hash text NOT NULL
);


--
-- Name: messages; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.messages (
    id bigint NOT NULL,
    type text NOT NULL,
    payload json NOT NULL,
    ordering_key text,
    deliver_at timestamp with time zone NOT NULL,
    next_attempt_at timestamp with time zone NOT NULL,
    status text DEFAULT 'pending'::text NOT NULL,
    attempts integer DEFAULT 0 NOT NULL,
    max_attempts integer DEFAULT 5 NOT NULL,
    lease_owner text,
    lease_until timestamp with time zone,
    last_error text,
    correlation_id uuid,
    causation_id uuid,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    handled_at timestamp with time zone,
    CONSTRAINT messages_status_check CHECK ((status = ANY (ARRAY['pending'::text, 'done'::text, 'dead'::text])))
);


--
-- Name: messages_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.messages_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: messages_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.messages_id_seq OWNED BY public.messages.id;


--
-- Name: pharmacy_allocations; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.pharmacy_allocations (
    protocol_code text NOT NULL,
    stratum text NOT NULL,
    participant_id text NOT NULL,
    period_number integer NOT NULL,
    kit_number text NOT NULL,
    treatment_code text NOT NULL,
    treatment_label text NOT NULL,
    sequence_number integer NOT NULL,
    entry_number integer NOT NULL,
    assigned_by text NOT NULL,
    assigned_at timestamp with time zone NOT NULL
);


--
-- Name: processed_commands; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.processed_commands (
    command_id uuid NOT NULL,
    result json NOT NULL,
    processed_at timestamp with time zone DEFAULT now() NOT NULL
);


--
-- Name: projection_checkpoints; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.projection_checkpoints (
    name text NOT NULL,
    last_tx_id xid8 DEFAULT '0'::xid8 NOT NULL,
    last_position bigint DEFAULT 0 NOT NULL,
    status text DEFAULT 'running'::text NOT NULL,
    failed_position bigint,
    error text,
    attempts integer DEFAULT 0 NOT NULL,
    lease_owner text,
    lease_until timestamp with time zone,
    fencing_token bigint DEFAULT 0 NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT projection_checkpoints_status_check CHECK ((status = ANY (ARRAY['running'::text, 'paused'::text])))
);


--
-- Name: protocol_sequences; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.protocol_sequences (
    protocol_code text NOT NULL,
    sequence_number integer NOT NULL,
    period_number integer NOT NULL,
    treatment_code text NOT NULL
);


--
-- Name: protocol_treatments; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.protocol_treatments (
    protocol_code text NOT NULL,
    treatment_code text NOT NULL,
    ordinal integer NOT NULL,
    label text NOT NULL,
    placebo boolean NOT NULL,
    route text NOT NULL,
    dosing text NOT NULL
);


--
-- Name: protocols; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.protocols (
    code text NOT NULL,
    version integer NOT NULL,
    title text NOT NULL,
    indication text NOT NULL,
    phase text NOT NULL,
    design text NOT NULL,
    blinding text NOT NULL,
    target_participants integer NOT NULL,
    sites jsonb NOT NULL,
    period_count integer NOT NULL,
    washout text NOT NULL,
    washout_duration interval NOT NULL,
    assessments jsonb NOT NULL,
    eligibility jsonb NOT NULL,
    sae_report_hours integer NOT NULL,
    imported_by text NOT NULL,
    imported_at timestamp with time zone NOT NULL,
    file_sha256 text NOT NULL,
    first_imported_at timestamp with time zone NOT NULL,
    "position" bigint NOT NULL
);


--
-- Name: randomization_status; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.randomization_status (
    protocol_code text NOT NULL,
    stratum text NOT NULL,
    list_size integer NOT NULL,
    used_count integer NOT NULL,
    remaining integer GENERATED ALWAYS AS ((list_size - used_count)) STORED,
    extensions integer NOT NULL,
    generated_by text NOT NULL,
    generated_at timestamp with time zone NOT NULL,
    last_extended_at timestamp with time zone
);


--
-- Name: schema_migrations; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.schema_migrations (
    number integer NOT NULL,
    name text NOT NULL,
    checksum text NOT NULL,
    applied_at timestamp with time zone DEFAULT now() NOT NULL
);


--
-- Name: streams; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.streams (
    stream_id text NOT NULL,
    version integer NOT NULL,
    last_hash text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL
);


--
-- Name: subject_numbers; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.subject_numbers (
    protocol_code text NOT NULL,
    subject_number text NOT NULL,
    site_code text NOT NULL,
    running_number integer NOT NULL,
    stream_id text NOT NULL
);


--
-- Name: trial_status; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.trial_status (
    protocol_code text NOT NULL,
    locked boolean NOT NULL,
    locked_by text,
    locked_at timestamp with time zone,
    last_unlocked_by text,
    last_unlocked_at timestamp with time zone,
    last_unlock_reason text,
    unblinded boolean NOT NULL,
    unblinded_by text,
    unblinded_at timestamp with time zone
);


--
-- Name: user_api_tokens; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.user_api_tokens (
    token_sha256 text NOT NULL,
    token_id text NOT NULL,
    user_name text NOT NULL,
    issued_by text NOT NULL,
    issued_at timestamp with time zone NOT NULL,
    revoked_by text,
    revoked_at timestamp with time zone
);


--
-- Name: users; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.users (
    user_name text NOT NULL,
    display_name text NOT NULL,
    role text NOT NULL,
    sites text[] NOT NULL,
    active boolean NOT NULL,
    locked_until timestamp with time zone,
    failed_attempts integer DEFAULT 0 NOT NULL,
    security_stamp integer DEFAULT 0 NOT NULL,
    created_by text NOT NULL,
    created_at timestamp with time zone NOT NULL,
    last_sign_in_at timestamp with time zone,
    version integer NOT NULL
);


--
-- Name: events position; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.events ALTER COLUMN "position" SET DEFAULT nextval('public.events_position_seq'::regclass);


--
-- Name: messages id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.messages ALTER COLUMN id SET DEFAULT nextval('public.messages_id_seq'::regclass);


--
-- Data for Name: adverse_event_cases; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.adverse_event_cases (adverse_event_id, protocol_code, subject_number) FROM stdin;
2a58b6e43f014bc3	KET-NP-01	S01-002
8eededef75884d3e	KET-NP-01	S01-001
05b4c3b2ed3a426d	KET-NP-01	S01-003
e4a4ddc0d1434280	KET-NP-01	S02-003
d7df0da8737f49e0	KET-NP-01	S01-003
9a7ef201cf5d42ac	KET-NP-01	S02-003
3d72643c8c7747de	KET-NP-01	S01-004
25bc9e1e05684142	KET-NP-01	S01-004
\.


--
-- Data for Name: data_protection_keys; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.data_protection_keys (friendly_name, xml, created_at) FROM stdin;
\.


--
-- Data for Name: emergency_unblindings; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.emergency_unblindings ("position", protocol_code, stratum, participant_id, performed_by, performed_at, reason, compromised_periods) FROM stdin;
152	KET-NP-01	S01	S01-001	demo.investigator.s01	2026-12-02 15:08:44.955878+00	Hypertensive urgency requiring admission; the treating physician needs to know whether ketamine was given.	{1,2}
233	KET-NP-01	S01	S01-004	demo.investigator.s01	2026-12-02 15:10:14.549695+00	Hypertensive urgency requiring admission; the treating physician needs to know whether ketamine was given.	{1,2}
\.


--
-- Data for Name: events; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.events ("position", stream_id, version, type, data, metadata, recorded_at, hash, tx_id) FROM stdin;
1	protocol-KET-NP-01	1	protocol.imported.v1	{"code":"KET-NP-01","importedBy":"demo.trial-coordinator","importedAt":"2026-12-02T15:08:43.0472697+00:00","version":1,"definitionJson":"{\\n  \\u0022format\\u0022: \\u0022trialops.protocol/1\\u0022,\\n  \\u0022code\\u0022: \\u0022KET-NP-01\\u0022,\\n  \\u0022version\\u0022: 1,\\n  \\u0022title\\u0022: \\u0022Intravenous ketamine versus saline for refractory neuropathic pain: a randomised, double-blind, placebo-controlled, two-period crossover trial\\u0022,\\n  \\u0022indication\\u0022: \\u0022Refractory neuropathic pain\\u0022,\\n  \\u0022phase\\u0022: \\u00222\\u0022,\\n  \\u0022design\\u0022: \\u0022crossover\\u0022,\\n  \\u0022blinding\\u0022: \\u0022double-blind\\u0022,\\n  \\u0022targetParticipants\\u0022: 24,\\n  \\u0022sites\\u0022: [\\n    { \\u0022code\\u0022: \\u0022S01\\u0022, \\u0022name\\u0022: \\u0022Pain Medicine Unit, North Hospital\\u0022 },\\n    { \\u0022code\\u0022: \\u0022S02\\u0022, \\u0022name\\u0022: \\u0022Palliative Care Centre, South Hospital\\u0022 }\\n  ],\\n  \\u0022treatments\\u0022: [\\n    {\\n      \\u0022code\\u0022: \\u0022KET\\u0022,\\n      \\u0022label\\u0022: \\u0022Ketamine hydrochloride 0.5 mg/kg IV over 40 minutes\\u0022,\\n      \\u0022placebo\\u0022: false,\\n      \\u0022route\\u0022: \\u0022INTRAVENOUS\\u0022,\\n      \\u0022components\\u0022: [\\n        { \\u0022kind\\u0022: \\u0022infusion\\u0022, \\u0022dose\\u0022: 0.5, \\u0022unit\\u0022: \\u0022mg/kg\\u0022, \\u0022minutes\\u0022: 40 }\\n      ],\\n      \\u0022maxTotal\\u0022: { \\u0022dose\\u0022: 50, \\u0022unit\\u0022: \\u0022mg\\u0022 }\\n    },\\n    {\\n      \\u0022code\\u0022: \\u0022PBO\\u0022,\\n      \\u0022label\\u0022: \\u0022Sodium chloride 0.9% IV over 40 minutes (matched volume)\\u0022,\\n      \\u0022placebo\\u0022: true,\\n      \\u0022route\\u0022: \\u0022INTRAVENOUS\\u0022,\\n      \\u0022components\\u0022: [\\n        { \\u0022kind\\u0022: \\u0022infusion\\u0022, \\u0022dose\\u0022: 0.5, \\u0022unit\\u0022: \\u0022mL/kg\\u0022, \\u0022minutes\\u0022: 40 }\\n      ]\\n    }\\n  ],\\n  \\u0022sequences\\u0022: [[\\u0022KET\\u0022, \\u0022PBO\\u0022], [\\u0022PBO\\u0022, \\u0022KET\\u0022]],\\n  \\u0022washout\\u0022: \\u0022P7D\\u0022,\\n  \\u0022assessments\\u0022: [\\n    {\\n      \\u0022code\\u0022: \\u0022PAIN\\u0022,\\n      \\u0022label\\u0022: \\u0022Pain intensity, visual analogue scale\\u0022,\\n      \\u0022kind\\u0022: \\u0022scale\\u0022,\\n      \\u0022min\\u0022: 0,\\n      \\u0022max\\u0022: 100,\\n      \\u0022unit\\u0022: \\u0022mm\\u0022,\\n      \\u0022times\\u0022: [\\u0022PT0M\\u0022, \\u0022PT20M\\u0022, \\u0022PT40M\\u0022, \\u0022PT60M\\u0022, \\u0022PT2H\\u0022, \\u0022PT24H\\u0022]\\n    },\\n    {\\n      \\u0022code\\u0022: \\u0022VITALS\\u0022,\\n      \\u0022label\\u0022: \\u0022Blood pressure, heart rate, SpO2\\u0022,\\n      \\u0022kind\\u0022: \\u0022vitals\\u0022,\\n      \\u0022times\\u0022: [\\u0022PT0M\\u0022, \\u0022PT10M\\u0022, \\u0022PT20M\\u0022, \\u0022PT30M\\u0022, \\u0022PT40M\\u0022, \\u0022PT60M\\u0022]\\n    }\\n  ],\\n  \\u0022randomization\\u0022: {\\n    \\u0022method\\u0022: \\u0022permuted-blocks\\u0022,\\n    \\u0022blockSizes\\u0022: [2, 4],\\n    \\u0022stratifyBy\\u0022: [\\u0022site\\u0022]\\n  },\\n  \\u0022eligibility\\u0022: {\\n    \\u0022inclusion\\u0022: [\\n      { \\u0022code\\u0022: \\u0022IN01\\u0022, \\u0022text\\u0022: \\u0022Adult (18 years or older) with neuropathic pain for at least 6 months\\u0022 },\\n      { \\u0022code\\u0022: \\u0022IN02\\u0022, \\u0022text\\u0022: \\u0022Average pain intensity of 40 mm or more on a 100 mm VAS during the screening week\\u0022 },\\n      { \\u0022code\\u0022: \\u0022IN03\\u0022, \\u0022text\\u0022: \\u0022Inadequate response to, or intolerance of, at least two first-line agents (duloxetine, gabapentin or pregabalin, a tricyclic antidepressant)\\u0022 }\\n    ],\\n    \\u0022exclusion\\u0022: [\\n      { \\u0022code\\u0022: \\u0022EX01\\u0022, \\u0022text\\u0022: \\u0022Uncontrolled hypertension (above 160/100 mmHg at screening)\\u0022 },\\n      { \\u0022code\\u0022: \\u0022EX02\\u0022, \\u0022text\\u0022: \\u0022History of psychosis, or current substance misuse\\u0022 },\\n      { \\u0022code\\u0022: \\u0022EX03\\u0022, \\u0022text\\u0022: \\u0022Hepatic impairment (ALT or AST above 3 times the upper limit of normal)\\u0022 },\\n      { \\u0022code\\u0022: \\u0022EX04\\u0022, \\u0022text\\u0022: \\u0022Pregnancy or breastfeeding\\u0022 }\\n    ]\\n  },\\n  \\u0022safety\\u0022: {\\n    \\u0022saeReportHours\\u0022: 24,\\n    \\u0022vitalLimits\\u0022: { \\u0022systolicMax\\u0022: 180, \\u0022diastolicMax\\u0022: 110, \\u0022heartRateMax\\u0022: 120, \\u0022spo2Min\\u0022: 92 }\\n  }\\n}\\n","fileSha256":"a92c384354ce63bde59f8e113226867e3e03d5a22409e5ba6bfbf921c65bebe0"}	{"actorId":"demo.trial-coordinator","actorRole":"Coordinator","reason":null,"correlationId":"dbc6a036-2a16-47cb-a2cd-346bd2968716","causationId":"dbc6a036-2a16-47cb-a2cd-346bd2968716","commandId":"dbc6a036-2a16-47cb-a2cd-346bd2968716"}	2026-12-02 15:08:43.087966+00	77c071467e4afc7a302693e671e1fff3f7ab961f2aef32c01e04b5c7897aaf14	732
2	randomization-KET-NP-01-S01	1	randomization.list-generated.v1	{"protocol":"KET-NP-01","stratum":"S01","generatedBy":"demo.trial-coordinator","generatedAt":"2026-12-02T15:08:43.0472697+00:00","algorithm":"permuted-blocks/hmac-sha256-drbg","parameters":{"protocolVersion":1,"sequenceCount":2,"periodCount":2,"blockSizes":[2,4],"requestedLength":12},"entries":[{"entryNumber":1,"blockNumber":1,"blockSize":4,"sequenceNumber":1,"kits":["292633","907247"]},{"entryNumber":2,"blockNumber":1,"blockSize":4,"sequenceNumber":1,"kits":["558438","177880"]},{"entryNumber":3,"blockNumber":1,"blockSize":4,"sequenceNumber":2,"kits":["566482","606841"]},{"entryNumber":4,"blockNumber":1,"blockSize":4,"sequenceNumber":2,"kits":["980643","979161"]},{"entryNumber":5,"blockNumber":2,"blockSize":2,"sequenceNumber":2,"kits":["496046","103982"]},{"entryNumber":6,"blockNumber":2,"blockSize":2,"sequenceNumber":1,"kits":["678007","906559"]},{"entryNumber":7,"blockNumber":3,"blockSize":2,"sequenceNumber":1,"kits":["998373","436270"]},{"entryNumber":8,"blockNumber":3,"blockSize":2,"sequenceNumber":2,"kits":["315563","731092"]},{"entryNumber":9,"blockNumber":4,"blockSize":4,"sequenceNumber":2,"kits":["642037","419124"]},{"entryNumber":10,"blockNumber":4,"blockSize":4,"sequenceNumber":1,"kits":["357418","391895"]},{"entryNumber":11,"blockNumber":4,"blockSize":4,"sequenceNumber":2,"kits":["596185","133927"]},{"entryNumber":12,"blockNumber":4,"blockSize":4,"sequenceNumber":1,"kits":["696930","437154"]}],"listHash":"871c7bec4df9660d042e0c75d894c9bfbadbb1a09c939fb5aaca3f3293e5181b","sealedSeed":"AbgkW/rDNHW0dgc6GyCikPc2uBOtPyRvcxgg2vmXJ7CyT1dZt19XMnsbZUS6HaxVE3g7tBE1ihzMC9upkA=="}	{"actorId":"demo.trial-coordinator","actorRole":"Coordinator","reason":null,"correlationId":"dbc6a036-2a16-47cb-a2cd-346bd2968716","causationId":"dbc6a036-2a16-47cb-a2cd-346bd2968716","commandId":"dbc6a036-2a16-47cb-a2cd-346bd2968716"}	2026-12-02 15:08:43.347701+00	83bdb3f07c9f63afc6e92fbbad3f5bf5e59e78e5c09dc7c055f0472b4e5e32fc	732
3	randomization-KET-NP-01-S02	1	randomization.list-generated.v1	{"protocol":"KET-NP-01","stratum":"S02","generatedBy":"demo.trial-coordinator","generatedAt":"2026-12-02T15:08:43.0472697+00:00","algorithm":"permuted-blocks/hmac-sha256-drbg","parameters":{"protocolVersion":1,"sequenceCount":2,"periodCount":2,"blockSizes":[2,4],"requestedLength":12},"entries":[{"entryNumber":1,"blockNumber":1,"blockSize":4,"sequenceNumber":2,"kits":["971540","735344"]},{"entryNumber":2,"blockNumber":1,"blockSize":4,"sequenceNumber":1,"kits":["640261","841329"]},{"entryNumber":3,"blockNumber":1,"blockSize":4,"sequenceNumber":1,"kits":["969374","525713"]},{"entryNumber":4,"blockNumber":1,"blockSize":4,"sequenceNumber":2,"kits":["717494","870551"]},{"entryNumber":5,"blockNumber":2,"blockSize":2,"sequenceNumber":2,"kits":["708534","902546"]},{"entryNumber":6,"blockNumber":2,"blockSize":2,"sequenceNumber":1,"kits":["788846","619347"]},{"entryNumber":7,"blockNumber":3,"blockSize":4,"sequenceNumber":2,"kits":["557425","753021"]},{"entryNumber":8,"blockNumber":3,"blockSize":4,"sequenceNumber":1,"kits":["767255","471586"]},{"entryNumber":9,"blockNumber":3,"blockSize":4,"sequenceNumber":2,"kits":["921569","241627"]},{"entryNumber":10,"blockNumber":3,"blockSize":4,"sequenceNumber":1,"kits":["950465","207890"]},{"entryNumber":11,"blockNumber":4,"blockSize":4,"sequenceNumber":2,"kits":["958579","920096"]},{"entryNumber":12,"blockNumber":4,"blockSize":4,"sequenceNumber":1,"kits":["905782","136866"]},{"entryNumber":13,"blockNumber":4,"blockSize":4,"sequenceNumber":1,"kits":["753866","272856"]},{"entryNumber":14,"blockNumber":4,"blockSize":4,"sequenceNumber":2,"kits":["893161","417049"]}],"listHash":"8f7440beaba6e9836060f8b720429f1a9fbda9882eea9764ad9f077ef00492f0","sealedSeed":"AWRi6kpxBmg6p9F/yqkGcnY8vRqmAYxGJzfSKSK3JDRUBNiEy5MPbT9gOeaHD3xNu3ZRnSpPpnIDLOmciw=="}	{"actorId":"demo.trial-coordinator","actorRole":"Coordinator","reason":null,"correlationId":"dbc6a036-2a16-47cb-a2cd-346bd2968716","causationId":"dbc6a036-2a16-47cb-a2cd-346bd2968716","commandId":"dbc6a036-2a16-47cb-a2cd-346bd2968716"}	2026-12-02 15:08:43.409316+00	8ed25f931466e8d050dbbdf28ae810cfafa165e6e58cd0e246171e5f0ed2fdea	732
4	participant-KET-NP-01-S02-001	1	participant.screened.v1	{"protocol":"KET-NP-01","subject":"S02-001","screenedBy":"demo.coordinator.s02","screenedAt":"2026-12-02T15:08:43.6930348+00:00","site":"S02","protocolVersion":1,"consentDate":"2026-10-12","consentFormVersion":"2.1 (2026-01-15)"}	{"actorId":"demo.coordinator.s02","actorRole":"Coordinator","reason":null,"correlationId":"1d2a6b10-8431-4d27-b81b-ecdeb7b89e5c","causationId":"1d2a6b10-8431-4d27-b81b-ecdeb7b89e5c","commandId":"1d2a6b10-8431-4d27-b81b-ecdeb7b89e5c"}	2026-12-02 15:08:43.743034+00	3211ec1ea56c662610e7a180f6e3ac8624cc3ad3a319f21fec2560d8d26247b4	734
5	participant-KET-NP-01-S01-002	1	participant.screened.v1	{"protocol":"KET-NP-01","subject":"S01-002","screenedBy":"demo.coordinator.s01","screenedAt":"2026-12-02T15:08:43.7788181+00:00","site":"S01","protocolVersion":1,"consentDate":"2026-10-15","consentFormVersion":"2.1 (2026-01-15)"}	{"actorId":"demo.coordinator.s01","actorRole":"Coordinator","reason":null,"correlationId":"cbe93009-7e39-4574-a3d5-5b7ed5d8e566","causationId":"cbe93009-7e39-4574-a3d5-5b7ed5d8e566","commandId":"cbe93009-7e39-4574-a3d5-5b7ed5d8e566"}	2026-12-02 15:08:43.778959+00	90244912779c15b6fb5a51b268762848dec54766713f8b361c7ef42088decf37	735
6	participant-KET-NP-01-S02-002	1	participant.screened.v1	{"protocol":"KET-NP-01","subject":"S02-002","screenedBy":"demo.coordinator.s02","screenedAt":"2026-12-02T15:08:43.7857564+00:00","site":"S02","protocolVersion":1,"consentDate":"2026-10-17","consentFormVersion":"2.1 (2026-01-15)"}	{"actorId":"demo.coordinator.s02","actorRole":"Coordinator","reason":null,"correlationId":"f9b78eae-b757-4675-ab71-aac941a1cf48","causationId":"f9b78eae-b757-4675-ab71-aac941a1cf48","commandId":"f9b78eae-b757-4675-ab71-aac941a1cf48"}	2026-12-02 15:08:43.785901+00	b69a44c33a46b9e1633786a6d128bc4f9a935eb6ce0cf14d233bf7c248c4ca1a	736
7	participant-KET-NP-01-S01-001	1	participant.screened.v1	{"protocol":"KET-NP-01","subject":"S01-001","screenedBy":"demo.coordinator.s01","screenedAt":"2026-12-02T15:08:43.7886852+00:00","site":"S01","protocolVersion":1,"consentDate":"2026-10-10","consentFormVersion":"2.1 (2026-01-15)"}	{"actorId":"demo.coordinator.s01","actorRole":"Coordinator","reason":null,"correlationId":"28364db9-d098-4150-86b7-4cdd78cd46f4","causationId":"28364db9-d098-4150-86b7-4cdd78cd46f4","commandId":"28364db9-d098-4150-86b7-4cdd78cd46f4"}	2026-12-02 15:08:43.78876+00	8b5765ab85d24f4d9ee9066021369363759b630665a44f7bae1d870f2ea969a3	737
8	participant-KET-NP-01-S01-002	2	participant.eligibility-confirmed.v1	{"protocol":"KET-NP-01","subject":"S01-002","confirmedBy":"demo.investigator.s01","confirmedAt":"2026-12-02T15:08:43.8103029+00:00","protocolVersion":1,"answers":[{"code":"IN01","kind":"Inclusion","met":true,"fails":false},{"code":"IN02","kind":"Inclusion","met":true,"fails":false},{"code":"IN03","kind":"Inclusion","met":true,"fails":false},{"code":"EX01","kind":"Exclusion","met":false,"fails":false},{"code":"EX02","kind":"Exclusion","met":false,"fails":false},{"code":"EX03","kind":"Exclusion","met":false,"fails":false},{"code":"EX04","kind":"Exclusion","met":false,"fails":false}],"eligible":true,"failedCriteria":[]}	{"actorId":"demo.investigator.s01","actorRole":"Investigator","reason":null,"correlationId":"d01bd8ea-118e-4faf-a0b5-242154bf66dc","causationId":"d01bd8ea-118e-4faf-a0b5-242154bf66dc","commandId":"d01bd8ea-118e-4faf-a0b5-242154bf66dc"}	2026-12-02 15:08:43.838793+00	8de79a13cf08eab3b0c07d139b74c78df792d6b903ff99ff2d46115f9606b509	738
9	participant-KET-NP-01-S02-001	2	participant.eligibility-confirmed.v1	{"protocol":"KET-NP-01","subject":"S02-001","confirmedBy":"demo.investigator.s02","confirmedAt":"2026-12-02T15:08:43.8305454+00:00","protocolVersion":1,"answers":[{"code":"IN01","kind":"Inclusion","met":true,"fails":false},{"code":"IN02","kind":"Inclusion","met":false,"fails":true},{"code":"IN03","kind":"Inclusion","met":true,"fails":false},{"code":"EX01","kind":"Exclusion","met":false,"fails":false},{"code":"EX02","kind":"Exclusion","met":false,"fails":false},{"code":"EX03","kind":"Exclusion","met":false,"fails":false},{"code":"EX04","kind":"Exclusion","met":false,"fails":false}],"eligible":false,"failedCriteria":["IN02"]}	{"actorId":"demo.investigator.s02","actorRole":"Investigator","reason":null,"correlationId":"237254f8-4ab2-4621-8cd0-2daf935f478c","causationId":"237254f8-4ab2-4621-8cd0-2daf935f478c","commandId":"237254f8-4ab2-4621-8cd0-2daf935f478c"}	2026-12-02 15:08:43.840859+00	4a56a0e62dddfdcef08badf6b56050fda129dcfd77431f86b61c8390256cc250	739
10	participant-KET-NP-01-S02-001	3	participant.screen-failed.v1	{"protocol":"KET-NP-01","subject":"S02-001","recordedBy":"demo.investigator.s02","recordedAt":"2026-12-02T15:08:43.8305454+00:00","failedCriteria":["IN02"]}	{"actorId":"demo.investigator.s02","actorRole":"Investigator","reason":null,"correlationId":"237254f8-4ab2-4621-8cd0-2daf935f478c","causationId":"237254f8-4ab2-4621-8cd0-2daf935f478c","commandId":"237254f8-4ab2-4621-8cd0-2daf935f478c"}	2026-12-02 15:08:43.840859+00	bf2059a7fc816ced9b780246e6aaab9156f5aecc587705aef8e311f6936b16ab	739
14	randomization-KET-NP-01-S01	2	randomization.allocation-assigned.v1	{"protocol":"KET-NP-01","stratum":"S01","assignedBy":"demo.coordinator.s01","assignedAt":"2026-12-02T15:08:43.891392+00:00","participantId":"S01-001","entryNumber":1}	{"actorId":"demo.coordinator.s01","actorRole":"Coordinator","reason":null,"correlationId":"cb6eb7a9-fa8c-4a05-b34e-425d43548947","causationId":"cb6eb7a9-fa8c-4a05-b34e-425d43548947","commandId":"cb6eb7a9-fa8c-4a05-b34e-425d43548947"}	2026-12-02 15:08:43.8951+00	4eeabb96e12276e3df2c07f3cc65a1e38f0f7157cccaf30166ef1644aad7f4da	746
16	participant-KET-NP-01-S01-001	3	participant.randomized.v1	{"protocol":"KET-NP-01","subject":"S01-001","randomizedBy":"demo.coordinator.s01","randomizedAt":"2026-12-02T15:08:43.891392+00:00","stratum":"S01","periods":[{"period":1,"kit":"292633"},{"period":2,"kit":"907247"}]}	{"actorId":"demo.coordinator.s01","actorRole":"Coordinator","reason":null,"correlationId":"cb6eb7a9-fa8c-4a05-b34e-425d43548947","causationId":"cb6eb7a9-fa8c-4a05-b34e-425d43548947","commandId":"cb6eb7a9-fa8c-4a05-b34e-425d43548947"}	2026-12-02 15:08:43.902791+00	b6ff679f51d089b530d467d255681aeb90a5fd93c3c221303c74c3511abac764	746
21	randomization-KET-NP-01-S01	3	randomization.allocation-assigned.v1	{"protocol":"KET-NP-01","stratum":"S01","assignedBy":"demo.coordinator.s01","assignedAt":"2026-12-02T15:08:43.9660154+00:00","participantId":"S01-002","entryNumber":2}	{"actorId":"demo.coordinator.s01","actorRole":"Coordinator","reason":null,"correlationId":"6111347a-0613-4ffb-841e-972a58a750fc","causationId":"6111347a-0613-4ffb-841e-972a58a750fc","commandId":"6111347a-0613-4ffb-841e-972a58a750fc"}	2026-12-02 15:08:43.967299+00	07ed1abeecfe14487322644d8b54602464d5925c57f2e5f12e73ad6b3c3a6014	753
22	participant-KET-NP-01-S01-002	3	participant.randomized.v1	{"protocol":"KET-NP-01","subject":"S01-002","randomizedBy":"demo.coordinator.s01","randomizedAt":"2026-12-02T15:08:43.9660154+00:00","stratum":"S01","periods":[{"period":1,"kit":"558438"},{"period":2,"kit":"177880"}]}	{"actorId":"demo.coordinator.s01","actorRole":"Coordinator","reason":null,"correlationId":"6111347a-0613-4ffb-841e-972a58a750fc","causationId":"6111347a-0613-4ffb-841e-972a58a750fc","commandId":"6111347a-0613-4ffb-841e-972a58a750fc"}	2026-12-02 15:08:43.968847+00	1b946ea00286d283a638d5242afd5c0a08f24cb2ce7c2e266bea22923c931b2e	753
23	randomization-KET-NP-01-S01	4	randomization.allocation-assigned.v1	{"protocol":"KET-NP-01","stratum":"S01","assignedBy":"demo.coordinator.s01","assignedAt":"2026-12-02T15:08:43.9901529+00:00","participantId":"S01-003","entryNumber":3}	{"actorId":"demo.coordinator.s01","actorRole":"Coordinator","reason":null,"correlationId":"3b553633-a1ce-493e-a7f3-aa794c31d1b2","causationId":"3b553633-a1ce-493e-a7f3-aa794c31d1b2","commandId":"3b553633-a1ce-493e-a7f3-aa794c31d1b2"}	2026-12-02 15:08:43.990526+00	30640fea5eb820ce1bac2fe8bcda0d3e79561d00c87c749c8f03fb310bc98073	755
24	participant-KET-NP-01-S01-003	3	participant.randomized.v1	{"protocol":"KET-NP-01","subject":"S01-003","randomizedBy":"demo.coordinator.s01","randomizedAt":"2026-12-02T15:08:43.9901529+00:00","stratum":"S01","periods":[{"period":1,"kit":"566482"},{"period":2,"kit":"606841"}]}	{"actorId":"demo.coordinator.s01","actorRole":"Coordinator","reason":null,"correlationId":"3b553633-a1ce-493e-a7f3-aa794c31d1b2","causationId":"3b553633-a1ce-493e-a7f3-aa794c31d1b2","commandId":"3b553633-a1ce-493e-a7f3-aa794c31d1b2"}	2026-12-02 15:08:43.991505+00	32c4d15e08e02084c154f04bbaf628c9e713a9726ed1ba55eaf3a8ba60168cb1	755
36	participant-KET-NP-01-S01-002	5	dosing.dose-prepared.v1	{"protocol":"KET-NP-01","subject":"S01-002","period":1,"preparedBy":"demo.pharmacist.s01","preparedAt":"2026-10-16T09:14:00+00:00","kit":"558438","checkedBy":"demo.pharmacy-technician.s01","weightKg":86.1}	{"actorId":"demo.pharmacist.s01","actorRole":"Pharmacist","reason":null,"correlationId":"59fec9c0-bb8c-440a-89c9-e1a5725b132a","causationId":"59fec9c0-bb8c-440a-89c9-e1a5725b132a","commandId":"59fec9c0-bb8c-440a-89c9-e1a5725b132a"}	2026-12-02 15:08:44.090823+00	ddf526b39377e98fb58ef6a808a4ce1f7ddb4e6864e55f6be0d80705e5aff789	772
39	participant-KET-NP-01-S01-003	8	dosing.started.v1	{"protocol":"KET-NP-01","subject":"S01-003","period":1,"recordedBy":"demo.nurse.s01","startedAt":"2026-10-25T09:45:00+00:00"}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"61b772fc-897c-43db-9b4a-1b5305e88d06","causationId":"61b772fc-897c-43db-9b4a-1b5305e88d06","commandId":"61b772fc-897c-43db-9b4a-1b5305e88d06"}	2026-12-02 15:08:44.098724+00	a33b55073684d1bcdf8d13445b4d838519526c027ffeec2535086877ec10406d	775
43	participant-KET-NP-01-S01-002	7	assessment.vitals-recorded.v1	{"protocol":"KET-NP-01","subject":"S01-002","period":1,"recordedBy":"demo.nurse.s01","measuredAt":"2026-10-16T09:39:00+00:00","assessmentCode":"VITALS","timepoint":"PT0M","values":{"systolicMmHg":118,"diastolicMmHg":73,"heartRatePerMin":71,"spo2Percent":97}}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"228a80a8-64e4-41e0-aeed-afd1bc675d55","causationId":"228a80a8-64e4-41e0-aeed-afd1bc675d55","commandId":"228a80a8-64e4-41e0-aeed-afd1bc675d55"}	2026-12-02 15:08:44.146229+00	81224996034c048c2ceab2fb346e9980627d8eb62f77e75fa87cb3566f025d21	781
48	participant-KET-NP-01-S01-002	9	dosing.interrupted.v1	{"protocol":"KET-NP-01","subject":"S01-002","period":1,"recordedBy":"demo.nurse.s01","interruptedAt":"2026-10-16T10:14:00+00:00","reason":"Cannula occluded; flushed"}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"69589dd5-5544-4dca-a1a0-79f720a88095","causationId":"69589dd5-5544-4dca-a1a0-79f720a88095","commandId":"69589dd5-5544-4dca-a1a0-79f720a88095"}	2026-12-02 15:08:44.16371+00	d84cb904cbfdf5ef6d0c1c9b3083736dde866ade4095b9503976bfd28a2cb657	788
50	participant-KET-NP-01-S01-002	10	dosing.resumed.v1	{"protocol":"KET-NP-01","subject":"S01-002","period":1,"recordedBy":"demo.nurse.s01","resumedAt":"2026-10-16T10:20:00+00:00"}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"5b4e2b99-c0c7-4383-b6d6-f19a204de6a7","causationId":"5b4e2b99-c0c7-4383-b6d6-f19a204de6a7","commandId":"5b4e2b99-c0c7-4383-b6d6-f19a204de6a7"}	2026-12-02 15:08:44.175546+00	34653b7e27244953629147eed754488c00c7c7cb0a794477582a4ccd59f065f0	791
55	participant-KET-NP-01-S01-002	11	assessment.vitals-recorded.v1	{"protocol":"KET-NP-01","subject":"S01-002","period":1,"recordedBy":"demo.nurse.s01","measuredAt":"2026-10-16T10:05:00+00:00","assessmentCode":"VITALS","timepoint":"PT10M","values":{"systolicMmHg":139,"diastolicMmHg":87,"heartRatePerMin":71,"spo2Percent":97}}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"6e9213db-3a58-4aec-81e4-223e9a4f7b55","causationId":"6e9213db-3a58-4aec-81e4-223e9a4f7b55","commandId":"6e9213db-3a58-4aec-81e4-223e9a4f7b55"}	2026-12-02 15:08:44.199601+00	8ecf5088fcd03603e331bb7518644f8f2058aeca80aa4158108eb63f78aec4a9	798
11	participant-KET-NP-01-S01-001	2	participant.eligibility-confirmed.v1	{"protocol":"KET-NP-01","subject":"S01-001","confirmedBy":"demo.investigator.s01","confirmedAt":"2026-12-02T15:08:43.8574792+00:00","protocolVersion":1,"answers":[{"code":"IN01","kind":"Inclusion","met":true,"fails":false},{"code":"IN02","kind":"Inclusion","met":true,"fails":false},{"code":"IN03","kind":"Inclusion","met":true,"fails":false},{"code":"EX01","kind":"Exclusion","met":false,"fails":false},{"code":"EX02","kind":"Exclusion","met":false,"fails":false},{"code":"EX03","kind":"Exclusion","met":false,"fails":false},{"code":"EX04","kind":"Exclusion","met":false,"fails":false}],"eligible":true,"failedCriteria":[]}	{"actorId":"demo.investigator.s01","actorRole":"Investigator","reason":null,"correlationId":"9bcb7667-ab27-4f5f-9a69-7c1d08e77d5a","causationId":"9bcb7667-ab27-4f5f-9a69-7c1d08e77d5a","commandId":"9bcb7667-ab27-4f5f-9a69-7c1d08e77d5a"}	2026-12-02 15:08:43.857662+00	db18ec9b2227c73edd05ae13c5d34c12ee15a318330f28cfb9156f4178489de7	740
15	participant-KET-NP-01-S01-003	2	participant.eligibility-confirmed.v1	{"protocol":"KET-NP-01","subject":"S01-003","confirmedBy":"demo.investigator.s01","confirmedAt":"2026-12-02T15:08:43.9008383+00:00","protocolVersion":1,"answers":[{"code":"IN01","kind":"Inclusion","met":true,"fails":false},{"code":"IN02","kind":"Inclusion","met":true,"fails":false},{"code":"IN03","kind":"Inclusion","met":true,"fails":false},{"code":"EX01","kind":"Exclusion","met":false,"fails":false},{"code":"EX02","kind":"Exclusion","met":false,"fails":false},{"code":"EX03","kind":"Exclusion","met":false,"fails":false},{"code":"EX04","kind":"Exclusion","met":false,"fails":false}],"eligible":true,"failedCriteria":[]}	{"actorId":"demo.investigator.s01","actorRole":"Investigator","reason":null,"correlationId":"e7b45e61-6d75-4180-80e6-a1b4d431e66e","causationId":"e7b45e61-6d75-4180-80e6-a1b4d431e66e","commandId":"e7b45e61-6d75-4180-80e6-a1b4d431e66e"}	2026-12-02 15:08:43.901031+00	d85a477e5d7b06fb0113d6b96f4d552ce66e02146143d5bc79c45b54d5f6f80e	747
29	participant-KET-NP-01-S01-001	6	assessment.scale-recorded.v1	{"protocol":"KET-NP-01","subject":"S01-001","period":1,"recordedBy":"demo.nurse.s01","assessedAt":"2026-10-13T08:22:00+00:00","assessmentCode":"PAIN","timepoint":"PT0M","value":65,"unit":"mm"}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"10a7c46a-7be2-42b8-b727-17917f9bb14e","causationId":"10a7c46a-7be2-42b8-b727-17917f9bb14e","commandId":"10a7c46a-7be2-42b8-b727-17917f9bb14e"}	2026-12-02 15:08:44.037484+00	1bb7fbea8402d1da31bcb95ee94db58ee189e8e722ff2ad6a9aa8c11e16aa240	763
31	participant-KET-NP-01-S01-003	5	dosing.dose-prepared.v1	{"protocol":"KET-NP-01","subject":"S01-003","period":1,"preparedBy":"demo.pharmacist.s01","preparedAt":"2026-10-25T09:05:00+00:00","kit":"566482","checkedBy":"demo.pharmacy-technician.s01","weightKg":72.6}	{"actorId":"demo.pharmacist.s01","actorRole":"Pharmacist","reason":null,"correlationId":"232cd354-4f02-44c2-8fb2-60e8cef11cfb","causationId":"232cd354-4f02-44c2-8fb2-60e8cef11cfb","commandId":"232cd354-4f02-44c2-8fb2-60e8cef11cfb"}	2026-12-02 15:08:44.057266+00	558c65b0ad39e7a10d823d20b2b56a199ebbe4940f0a616eb9644fa1e2de3cd1	765
34	participant-KET-NP-01-S01-001	8	dosing.started.v1	{"protocol":"KET-NP-01","subject":"S01-001","period":1,"recordedBy":"demo.nurse.s01","startedAt":"2026-10-13T08:32:00+00:00"}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"a4981203-ae7a-4eef-a2b7-5f177fab39c2","causationId":"a4981203-ae7a-4eef-a2b7-5f177fab39c2","commandId":"a4981203-ae7a-4eef-a2b7-5f177fab39c2"}	2026-12-02 15:08:44.077196+00	4c526e4e1beaaa831a322b8d2d385d00a9a7c30fd6cef1d9f307007f278c60c5	770
41	participant-KET-NP-01-S01-001	9	assessment.vitals-recorded.v1	{"protocol":"KET-NP-01","subject":"S01-001","period":1,"recordedBy":"demo.nurse.s01","measuredAt":"2026-10-13T08:42:00+00:00","assessmentCode":"VITALS","timepoint":"PT10M","values":{"systolicMmHg":132,"diastolicMmHg":72,"heartRatePerMin":93,"spo2Percent":97}}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"fe62e3a7-a701-4847-8ad6-cde886d87f59","causationId":"fe62e3a7-a701-4847-8ad6-cde886d87f59","commandId":"fe62e3a7-a701-4847-8ad6-cde886d87f59"}	2026-12-02 15:08:44.143255+00	b73e924bd2b4685dc32ff7ff3cb6b9ee915264accb59b4e14ada6ea3284c2662	779
44	participant-KET-NP-01-S01-003	10	assessment.scale-recorded.v1	{"protocol":"KET-NP-01","subject":"S01-003","period":1,"recordedBy":"demo.nurse.s01","assessedAt":"2026-10-25T10:05:00+00:00","assessmentCode":"PAIN","timepoint":"PT20M","value":63,"unit":"mm"}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"e1455cf5-4bce-460d-8b6e-5df23fc8011c","causationId":"e1455cf5-4bce-460d-8b6e-5df23fc8011c","commandId":"e1455cf5-4bce-460d-8b6e-5df23fc8011c"}	2026-12-02 15:08:44.151945+00	85cca4ae8ab329addb53f54dc90f703b8b09a95fdadfe69a3eabc2ca8e40f7c5	783
49	participant-KET-NP-01-S01-001	11	assessment.vitals-recorded.v1	{"protocol":"KET-NP-01","subject":"S01-001","period":1,"recordedBy":"demo.nurse.s01","measuredAt":"2026-10-13T08:56:00+00:00","assessmentCode":"VITALS","timepoint":"PT20M","values":{"systolicMmHg":137,"diastolicMmHg":80,"heartRatePerMin":79,"spo2Percent":98}}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"2c3c4211-1098-45ab-9534-90b4d90b30b1","causationId":"2c3c4211-1098-45ab-9534-90b4d90b30b1","commandId":"2c3c4211-1098-45ab-9534-90b4d90b30b1"}	2026-12-02 15:08:44.175633+00	19a13645eb28325921d329e1a1023b278efae99f4105225ad9f803edfbd67bd4	790
54	participant-KET-NP-01-S01-001	13	assessment.scale-recorded.v1	{"protocol":"KET-NP-01","subject":"S01-001","period":1,"recordedBy":"demo.nurse.s01","assessedAt":"2026-10-13T09:13:00+00:00","assessmentCode":"PAIN","timepoint":"PT40M","value":37,"unit":"mm"}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"d3e5c945-28ed-4ebf-b5d7-c0d0b9886f1e","causationId":"d3e5c945-28ed-4ebf-b5d7-c0d0b9886f1e","commandId":"d3e5c945-28ed-4ebf-b5d7-c0d0b9886f1e"}	2026-12-02 15:08:44.192647+00	8821872e1c75fb3559ec5509f15d221a69f06a42cc60ee9ec0be159c32b8d21d	796
59	participant-KET-NP-01-S01-003	14	assessment.vitals-recorded.v1	{"protocol":"KET-NP-01","subject":"S01-003","period":1,"recordedBy":"demo.nurse.s01","measuredAt":"2026-10-25T10:25:00+00:00","assessmentCode":"VITALS","timepoint":"PT40M","values":{"systolicMmHg":113,"diastolicMmHg":69,"heartRatePerMin":82,"spo2Percent":97}}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"1f8f7b67-56e9-4d2f-9bef-02a891063b58","causationId":"1f8f7b67-56e9-4d2f-9bef-02a891063b58","commandId":"1f8f7b67-56e9-4d2f-9bef-02a891063b58"}	2026-12-02 15:08:44.233401+00	7e32e89cb92a18078f357d3606932771caff6aa868cbbef4fd0bcc2b1640c279	804
65	participant-KET-NP-01-S01-002	13	assessment.vitals-recorded.v1	{"protocol":"KET-NP-01","subject":"S01-002","period":1,"recordedBy":"demo.nurse.s01","measuredAt":"2026-10-16T10:14:00+00:00","assessmentCode":"VITALS","timepoint":"PT20M","values":{"systolicMmHg":153,"diastolicMmHg":81,"heartRatePerMin":87,"spo2Percent":98}}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"fec95fb6-b743-44d9-bc3b-6fab651bc63b","causationId":"fec95fb6-b743-44d9-bc3b-6fab651bc63b","commandId":"fec95fb6-b743-44d9-bc3b-6fab651bc63b"}	2026-12-02 15:08:44.245679+00	0daa092474a262f822ef315f8000fbfdec81eae1fab8b5e808939ef00854f8ea	811
12	participant-KET-NP-01-S02-002	2	participant.eligibility-confirmed.v1	{"protocol":"KET-NP-01","subject":"S02-002","confirmedBy":"demo.investigator.s02","confirmedAt":"2026-12-02T15:08:43.859553+00:00","protocolVersion":1,"answers":[{"code":"IN01","kind":"Inclusion","met":true,"fails":false},{"code":"IN02","kind":"Inclusion","met":true,"fails":false},{"code":"IN03","kind":"Inclusion","met":true,"fails":false},{"code":"EX01","kind":"Exclusion","met":false,"fails":false},{"code":"EX02","kind":"Exclusion","met":false,"fails":false},{"code":"EX03","kind":"Exclusion","met":false,"fails":false},{"code":"EX04","kind":"Exclusion","met":false,"fails":false}],"eligible":true,"failedCriteria":[]}	{"actorId":"demo.investigator.s02","actorRole":"Investigator","reason":null,"correlationId":"afdc845d-b816-4a5a-a1d8-74bd1caa80d8","causationId":"afdc845d-b816-4a5a-a1d8-74bd1caa80d8","commandId":"afdc845d-b816-4a5a-a1d8-74bd1caa80d8"}	2026-12-02 15:08:43.85969+00	263ad8667d81f9d662cffb60f5b2f7a0b78d9b494789adeb629d2714290c038e	741
13	participant-KET-NP-01-S01-003	1	participant.screened.v1	{"protocol":"KET-NP-01","subject":"S01-003","screenedBy":"demo.coordinator.s01","screenedAt":"2026-12-02T15:08:43.8763864+00:00","site":"S01","protocolVersion":1,"consentDate":"2026-10-19","consentFormVersion":"2.1 (2026-01-15)"}	{"actorId":"demo.coordinator.s01","actorRole":"Coordinator","reason":null,"correlationId":"58ade19b-f896-4d0a-b436-6c8858dae4d9","causationId":"58ade19b-f896-4d0a-b436-6c8858dae4d9","commandId":"58ade19b-f896-4d0a-b436-6c8858dae4d9"}	2026-12-02 15:08:43.876474+00	361f3cfdda49390b20b3baf01c319fb18dd2678686ecc141376f73591260ccd8	744
17	randomization-KET-NP-01-S02	2	randomization.allocation-assigned.v1	{"protocol":"KET-NP-01","stratum":"S02","assignedBy":"demo.coordinator.s02","assignedAt":"2026-12-02T15:08:43.929367+00:00","participantId":"S02-002","entryNumber":1}	{"actorId":"demo.coordinator.s02","actorRole":"Coordinator","reason":null,"correlationId":"c0282669-0772-4cbc-8d51-c1c3d2e4f7b6","causationId":"c0282669-0772-4cbc-8d51-c1c3d2e4f7b6","commandId":"c0282669-0772-4cbc-8d51-c1c3d2e4f7b6"}	2026-12-02 15:08:43.929737+00	42eed69b94d7a8fe0d873c32fc2145ed389d839a3cabb75d4fda2090523c446b	749
18	participant-KET-NP-01-S02-002	3	participant.randomized.v1	{"protocol":"KET-NP-01","subject":"S02-002","randomizedBy":"demo.coordinator.s02","randomizedAt":"2026-12-02T15:08:43.929367+00:00","stratum":"S02","periods":[{"period":1,"kit":"971540"},{"period":2,"kit":"735344"}]}	{"actorId":"demo.coordinator.s02","actorRole":"Coordinator","reason":null,"correlationId":"c0282669-0772-4cbc-8d51-c1c3d2e4f7b6","causationId":"c0282669-0772-4cbc-8d51-c1c3d2e4f7b6","commandId":"c0282669-0772-4cbc-8d51-c1c3d2e4f7b6"}	2026-12-02 15:08:43.932978+00	9b084b7ac5bac9982120a6232715f6fe364b2d6dc69ac8874b890d73c2e2a574	749
20	participant-KET-NP-01-S02-002	4	dosing.weight-recorded.v1	{"protocol":"KET-NP-01","subject":"S02-002","period":1,"recordedBy":"demo.nurse.s02","measuredAt":"2026-10-24T08:14:00+00:00","weightKg":93.3}	{"actorId":"demo.nurse.s02","actorRole":"DataEntry","reason":null,"correlationId":"177a2611-291b-4a53-bf53-70889c7e774b","causationId":"177a2611-291b-4a53-bf53-70889c7e774b","commandId":"177a2611-291b-4a53-bf53-70889c7e774b"}	2026-12-02 15:08:43.953753+00	d7e1f39534d99d109e6233cc057b5fa4d1a0ac41926d678d35830e7df6c38004	752
25	participant-KET-NP-01-S01-002	4	dosing.weight-recorded.v1	{"protocol":"KET-NP-01","subject":"S01-002","period":1,"recordedBy":"demo.nurse.s01","measuredAt":"2026-10-16T09:04:00+00:00","weightKg":86.1}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"b657a37e-63da-4846-933f-c760101e2f70","causationId":"b657a37e-63da-4846-933f-c760101e2f70","commandId":"b657a37e-63da-4846-933f-c760101e2f70"}	2026-12-02 15:08:43.99669+00	daf493623c7300f7713af93bee342d0e9e124691093f8c1f8d39fc8e81429105	757
27	participant-KET-NP-01-S02-002	5	dosing.dose-prepared.v1	{"protocol":"KET-NP-01","subject":"S02-002","period":1,"preparedBy":"demo.pharmacist.s02","preparedAt":"2026-10-24T08:24:00+00:00","kit":"971540","checkedBy":"demo.pharmacy-technician.s02","weightKg":93.3}	{"actorId":"demo.pharmacist.s02","actorRole":"Pharmacist","reason":null,"correlationId":"daf19d59-a411-4b2c-b6c2-cda46a17cbc6","causationId":"daf19d59-a411-4b2c-b6c2-cda46a17cbc6","commandId":"daf19d59-a411-4b2c-b6c2-cda46a17cbc6"}	2026-12-02 15:08:44.012839+00	ec262bdf2ccf44183f811978d3694fcfafe1326a3a74ed57832b371e026e7d16	759
28	participant-KET-NP-01-S01-001	5	dosing.dose-prepared.v1	{"protocol":"KET-NP-01","subject":"S01-001","period":1,"preparedBy":"demo.pharmacist.s01","preparedAt":"2026-10-13T07:52:00+00:00","kit":"292633","checkedBy":"demo.pharmacy-technician.s01","weightKg":82.3}	{"actorId":"demo.pharmacist.s01","actorRole":"Pharmacist","reason":null,"correlationId":"285175b3-a35a-453e-b19a-005487c11a14","causationId":"285175b3-a35a-453e-b19a-005487c11a14","commandId":"285175b3-a35a-453e-b19a-005487c11a14"}	2026-12-02 15:08:44.018052+00	03d3740ccfbdb98cfbfad667f681f5d83a936c1884e8f352ff037877970668f4	761
30	participant-KET-NP-01-S02-002	6	assessment.scale-recorded.v1	{"protocol":"KET-NP-01","subject":"S02-002","period":1,"recordedBy":"demo.nurse.s02","assessedAt":"2026-10-24T08:52:00+00:00","assessmentCode":"PAIN","timepoint":"PT0M","value":70,"unit":"mm"}	{"actorId":"demo.nurse.s02","actorRole":"DataEntry","reason":null,"correlationId":"6c8f7711-50ae-4a93-a2b7-90e09939c156","causationId":"6c8f7711-50ae-4a93-a2b7-90e09939c156","commandId":"6c8f7711-50ae-4a93-a2b7-90e09939c156"}	2026-12-02 15:08:44.041957+00	61d53a22171302f5b45e2fe9df557afbb729cc29aa895517f6945874c7ea51df	764
32	participant-KET-NP-01-S01-001	7	assessment.vitals-recorded.v1	{"protocol":"KET-NP-01","subject":"S01-001","period":1,"recordedBy":"demo.nurse.s01","measuredAt":"2026-10-13T08:22:00+00:00","assessmentCode":"VITALS","timepoint":"PT0M","values":{"systolicMmHg":125,"diastolicMmHg":77,"heartRatePerMin":74,"spo2Percent":95}}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"dffd7968-e881-4291-9644-ecf4f6bf1147","causationId":"dffd7968-e881-4291-9644-ecf4f6bf1147","commandId":"dffd7968-e881-4291-9644-ecf4f6bf1147"}	2026-12-02 15:08:44.054193+00	88df093f7593cb9c2c746906660c37623749d976dfbe92512c7d7ebc723227ca	766
35	participant-KET-NP-01-S01-003	6	assessment.scale-recorded.v1	{"protocol":"KET-NP-01","subject":"S01-003","period":1,"recordedBy":"demo.nurse.s01","assessedAt":"2026-10-25T09:36:00+00:00","assessmentCode":"PAIN","timepoint":"PT0M","value":73,"unit":"mm"}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"e99657f1-9ea1-4dc5-a50d-cf96d18c939e","causationId":"e99657f1-9ea1-4dc5-a50d-cf96d18c939e","commandId":"e99657f1-9ea1-4dc5-a50d-cf96d18c939e"}	2026-12-02 15:08:44.079768+00	6eeb220ccad4d7bf256c3b707ebbfb0ee3ef5a59f9ff78ac692b7de8fc87f597	771
37	participant-KET-NP-01-S01-003	7	assessment.vitals-recorded.v1	{"protocol":"KET-NP-01","subject":"S01-003","period":1,"recordedBy":"demo.nurse.s01","measuredAt":"2026-10-25T09:37:00+00:00","assessmentCode":"VITALS","timepoint":"PT0M","values":{"systolicMmHg":123,"diastolicMmHg":67,"heartRatePerMin":74,"spo2Percent":98}}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"a94e33ed-6b20-447d-b686-54ec2bb4ad0c","causationId":"a94e33ed-6b20-447d-b686-54ec2bb4ad0c","commandId":"a94e33ed-6b20-447d-b686-54ec2bb4ad0c"}	2026-12-02 15:08:44.091281+00	fd43fcedc125b6767ed9eff54ff1086f874ec2b829196d190f8da91c81b8dfbd	773
19	participant-KET-NP-01-S01-001	4	dosing.weight-recorded.v1	{"protocol":"KET-NP-01","subject":"S01-001","period":1,"recordedBy":"demo.nurse.s01","measuredAt":"2026-10-13T07:42:00+00:00","weightKg":82.3}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"d802db22-f96c-4f28-b942-7d878b5bf95a","causationId":"d802db22-f96c-4f28-b942-7d878b5bf95a","commandId":"d802db22-f96c-4f28-b942-7d878b5bf95a"}	2026-12-02 15:08:43.951752+00	06d3f7e9e02782f7cfc465be1be157520763cb590191424c389f904344d294d9	751
26	participant-KET-NP-01-S01-003	4	dosing.weight-recorded.v1	{"protocol":"KET-NP-01","subject":"S01-003","period":1,"recordedBy":"demo.nurse.s01","measuredAt":"2026-10-25T08:55:00+00:00","weightKg":72.6}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"6f7e981c-cc0e-4369-8b59-fa5d4807c49e","causationId":"6f7e981c-cc0e-4369-8b59-fa5d4807c49e","commandId":"6f7e981c-cc0e-4369-8b59-fa5d4807c49e"}	2026-12-02 15:08:44.013364+00	470972cccfb4b851f1b97897f657f24b3cebc68bb27362ea0b6e20a2a836b5cd	760
33	participant-KET-NP-01-S02-002	7	assessment.vitals-recorded.v1	{"protocol":"KET-NP-01","subject":"S02-002","period":1,"recordedBy":"demo.nurse.s02","measuredAt":"2026-10-24T08:53:00+00:00","assessmentCode":"VITALS","timepoint":"PT0M","values":{"systolicMmHg":150,"diastolicMmHg":75,"heartRatePerMin":67,"spo2Percent":98}}	{"actorId":"demo.nurse.s02","actorRole":"DataEntry","reason":null,"correlationId":"a38e69e1-0be7-4632-aee2-d4f4a427d768","causationId":"a38e69e1-0be7-4632-aee2-d4f4a427d768","commandId":"a38e69e1-0be7-4632-aee2-d4f4a427d768"}	2026-12-02 15:08:44.061315+00	e87aaea7226f92d2714d53b387fb40d9a48b108eb6830da8a7517adbbf163073	768
40	participant-KET-NP-01-S01-002	6	assessment.scale-recorded.v1	{"protocol":"KET-NP-01","subject":"S01-002","period":1,"recordedBy":"demo.nurse.s01","assessedAt":"2026-10-16T09:39:00+00:00","assessmentCode":"PAIN","timepoint":"PT0M","value":56,"unit":"mm"}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"044f94e8-20e5-49ed-aae8-166cd57d8413","causationId":"044f94e8-20e5-49ed-aae8-166cd57d8413","commandId":"044f94e8-20e5-49ed-aae8-166cd57d8413"}	2026-12-02 15:08:44.101893+00	d6b9bc702cb060460a871f1b88db1ca76df7ac502eeced3c67f1f3bb3124ffdb	777
46	participant-KET-NP-01-S01-001	10	assessment.scale-recorded.v1	{"protocol":"KET-NP-01","subject":"S01-001","period":1,"recordedBy":"demo.nurse.s01","assessedAt":"2026-10-13T08:52:00+00:00","assessmentCode":"PAIN","timepoint":"PT20M","value":53,"unit":"mm"}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"597ecc26-95d0-45ab-8b0b-472388003d4b","causationId":"597ecc26-95d0-45ab-8b0b-472388003d4b","commandId":"597ecc26-95d0-45ab-8b0b-472388003d4b"}	2026-12-02 15:08:44.154222+00	c61cdc12eb990a8f7a4298cfa2de55093ef8b728a30e15c9f33c8005b07d4307	785
53	participant-KET-NP-01-S01-003	12	assessment.vitals-recorded.v1	{"protocol":"KET-NP-01","subject":"S01-003","period":1,"recordedBy":"demo.nurse.s01","measuredAt":"2026-10-25T10:19:00+00:00","assessmentCode":"VITALS","timepoint":"PT30M","values":{"systolicMmHg":118,"diastolicMmHg":79,"heartRatePerMin":55,"spo2Percent":98}}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"21c5dd85-61c2-4754-a3eb-3402d7800b89","causationId":"21c5dd85-61c2-4754-a3eb-3402d7800b89","commandId":"21c5dd85-61c2-4754-a3eb-3402d7800b89"}	2026-12-02 15:08:44.187514+00	b7ac7111f92b283629339e269971f45e017d968103e660969a54d3eeb8ea10cc	795
56	participant-KET-NP-01-S01-003	13	assessment.scale-recorded.v1	{"protocol":"KET-NP-01","subject":"S01-003","period":1,"recordedBy":"demo.nurse.s01","assessedAt":"2026-10-25T10:29:00+00:00","assessmentCode":"PAIN","timepoint":"PT40M","value":56,"unit":"mm"}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"d38a10d9-b9a6-4cef-a40d-0dd38afb9351","causationId":"d38a10d9-b9a6-4cef-a40d-0dd38afb9351","commandId":"d38a10d9-b9a6-4cef-a40d-0dd38afb9351"}	2026-12-02 15:08:44.206947+00	3057341f57f5570909df2f1fba1f556c16ae3f753193ec6a644fe7d0ed16df4f	799
62	participant-KET-NP-01-S02-002	11	assessment.vitals-recorded.v1	{"protocol":"KET-NP-01","subject":"S02-002","period":1,"recordedBy":"demo.nurse.s02","measuredAt":"2026-10-24T09:28:00+00:00","assessmentCode":"VITALS","timepoint":"PT20M","values":{"systolicMmHg":111,"diastolicMmHg":75,"heartRatePerMin":74,"spo2Percent":99}}	{"actorId":"demo.nurse.s02","actorRole":"DataEntry","reason":null,"correlationId":"d36df526-2b4e-4123-b340-4199166128d2","causationId":"d36df526-2b4e-4123-b340-4199166128d2","commandId":"d36df526-2b4e-4123-b340-4199166128d2"}	2026-12-02 15:08:44.237889+00	336602d30e05b09993b7b1ab1ba58df46868da7ef4265a626876fe656b8822e3	807
68	participant-KET-NP-01-S01-003	16	assessment.vitals-recorded.v1	{"protocol":"KET-NP-01","subject":"S01-003","period":1,"recordedBy":"demo.nurse.s01","measuredAt":"2026-10-25T10:45:00+00:00","assessmentCode":"VITALS","timepoint":"PT60M","values":{"systolicMmHg":122,"diastolicMmHg":73,"heartRatePerMin":83,"spo2Percent":97}}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"624499f7-d7d4-48c8-bd10-8ce842c624b6","causationId":"624499f7-d7d4-48c8-bd10-8ce842c624b6","commandId":"624499f7-d7d4-48c8-bd10-8ce842c624b6"}	2026-12-02 15:08:44.253653+00	31f1bcd5a5f3ad4795526f618f2b5ac10a908bb91f06946a51093a009b742dfc	814
70	participant-KET-NP-01-S02-002	13	assessment.scale-recorded.v1	{"protocol":"KET-NP-01","subject":"S02-002","period":1,"recordedBy":"demo.nurse.s02","assessedAt":"2026-10-24T09:48:00+00:00","assessmentCode":"PAIN","timepoint":"PT40M","value":63,"unit":"mm"}	{"actorId":"demo.nurse.s02","actorRole":"DataEntry","reason":null,"correlationId":"156dc214-f068-46ad-8bdb-0bc174e9e39c","causationId":"156dc214-f068-46ad-8bdb-0bc174e9e39c","commandId":"156dc214-f068-46ad-8bdb-0bc174e9e39c"}	2026-12-02 15:08:44.259911+00	c7146f90e4425071aac1dbd766411f4fce27549b774cf76d05660af472fd592b	816
76	participant-KET-NP-01-S01-002	16	assessment.vitals-recorded.v1	{"protocol":"KET-NP-01","subject":"S01-002","period":1,"recordedBy":"demo.nurse.s01","measuredAt":"2026-10-16T10:34:00+00:00","assessmentCode":"VITALS","timepoint":"PT40M","values":{"systolicMmHg":129,"diastolicMmHg":82,"heartRatePerMin":79,"spo2Percent":98}}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"3cc175ca-cff7-4413-b055-b7774e534aab","causationId":"3cc175ca-cff7-4413-b055-b7774e534aab","commandId":"3cc175ca-cff7-4413-b055-b7774e534aab"}	2026-12-02 15:08:44.275105+00	f808c3b38aed2f3367fde39913b1299a7827552c99d5c60f8b7ded048825c8a7	824
80	participant-KET-NP-01-S01-003	18	assessment.scale-recorded.v1	{"protocol":"KET-NP-01","subject":"S01-003","period":1,"recordedBy":"demo.nurse.s01","assessedAt":"2026-10-26T09:45:00+00:00","assessmentCode":"PAIN","timepoint":"PT24H","value":63,"unit":"mm"}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"bf3658af-d5d8-4bd5-b84a-c5f47bffd681","causationId":"bf3658af-d5d8-4bd5-b84a-c5f47bffd681","commandId":"bf3658af-d5d8-4bd5-b84a-c5f47bffd681"}	2026-12-02 15:08:44.290762+00	f57778fffa4730cf536bc998d547ab4d83d0ccef294d0351e8e8afa1f93c53a4	829
38	participant-KET-NP-01-S02-002	8	dosing.started.v1	{"protocol":"KET-NP-01","subject":"S02-002","period":1,"recordedBy":"demo.nurse.s02","startedAt":"2026-10-24T09:04:00+00:00"}	{"actorId":"demo.nurse.s02","actorRole":"DataEntry","reason":null,"correlationId":"b51218ae-7131-4f2b-b832-f4819e838de3","causationId":"b51218ae-7131-4f2b-b832-f4819e838de3","commandId":"b51218ae-7131-4f2b-b832-f4819e838de3"}	2026-12-02 15:08:44.09494+00	061a766070cd0b8b61eb4c50b5283bc3712ab76caa0cf1d6768dd9850e24c531	774
51	participant-KET-NP-01-S01-001	12	assessment.vitals-recorded.v1	{"protocol":"KET-NP-01","subject":"S01-001","period":1,"recordedBy":"demo.nurse.s01","measuredAt":"2026-10-13T09:05:00+00:00","assessmentCode":"VITALS","timepoint":"PT30M","values":{"systolicMmHg":128,"diastolicMmHg":76,"heartRatePerMin":80,"spo2Percent":96}}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"2c9c503a-3f17-4658-8726-4f3b818571e5","causationId":"2c9c503a-3f17-4658-8726-4f3b818571e5","commandId":"2c9c503a-3f17-4658-8726-4f3b818571e5"}	2026-12-02 15:08:44.185373+00	a40927f00f6717829b5278baf64664de2f729c4fa1a524f617da9804ee836192	793
58	participant-KET-NP-01-S02-002	10	assessment.scale-recorded.v1	{"protocol":"KET-NP-01","subject":"S02-002","period":1,"recordedBy":"demo.nurse.s02","assessedAt":"2026-10-24T09:27:00+00:00","assessmentCode":"PAIN","timepoint":"PT20M","value":62,"unit":"mm"}	{"actorId":"demo.nurse.s02","actorRole":"DataEntry","reason":null,"correlationId":"89f5d1f7-3f4c-4994-ba7a-e2a64636d9f5","causationId":"89f5d1f7-3f4c-4994-ba7a-e2a64636d9f5","commandId":"89f5d1f7-3f4c-4994-ba7a-e2a64636d9f5"}	2026-12-02 15:08:44.229655+00	4cf29e504f792ef7b1c998e48565def91ae5da30ac1e5abefeea66e55b6ba07b	803
64	participant-KET-NP-01-S01-001	16	assessment.vitals-recorded.v1	{"protocol":"KET-NP-01","subject":"S01-001","period":1,"recordedBy":"demo.nurse.s01","measuredAt":"2026-10-13T09:32:00+00:00","assessmentCode":"VITALS","timepoint":"PT60M","values":{"systolicMmHg":144,"diastolicMmHg":79,"heartRatePerMin":95,"spo2Percent":93}}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"c053cfdc-11b8-4828-82af-de69ac6488c5","causationId":"c053cfdc-11b8-4828-82af-de69ac6488c5","commandId":"c053cfdc-11b8-4828-82af-de69ac6488c5"}	2026-12-02 15:08:44.242152+00	0da3f9a6b0ccb41ffd0eec812e865eb7c1e5dbbfbda5c7aeab7a6b504ed95ede	809
71	participant-KET-NP-01-S01-002	14	assessment.vitals-recorded.v1	{"protocol":"KET-NP-01","subject":"S01-002","period":1,"recordedBy":"demo.nurse.s01","measuredAt":"2026-10-16T10:24:00+00:00","assessmentCode":"VITALS","timepoint":"PT30M","values":{"systolicMmHg":134,"diastolicMmHg":90,"heartRatePerMin":76,"spo2Percent":98}}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"964b9f5c-7985-4615-a619-b90ea9004d44","causationId":"964b9f5c-7985-4615-a619-b90ea9004d44","commandId":"964b9f5c-7985-4615-a619-b90ea9004d44"}	2026-12-02 15:08:44.260193+00	1d3c9c52406c57c1275ebeca1f61a461e777b56892a8cb6510a77229ba312459	818
75	participant-KET-NP-01-S02-002	15	assessment.scale-recorded.v1	{"protocol":"KET-NP-01","subject":"S02-002","period":1,"recordedBy":"demo.nurse.s02","assessedAt":"2026-10-24T10:05:00+00:00","assessmentCode":"PAIN","timepoint":"PT60M","value":67,"unit":"mm"}	{"actorId":"demo.nurse.s02","actorRole":"DataEntry","reason":null,"correlationId":"75538655-d3be-4ae7-b10e-3d0b243974a8","causationId":"75538655-d3be-4ae7-b10e-3d0b243974a8","commandId":"75538655-d3be-4ae7-b10e-3d0b243974a8"}	2026-12-02 15:08:44.274153+00	a4e21f55b07e27dbe43c18aa533ccb58d517366d4f883e6b64c2d1db12ea923e	823
79	participant-KET-NP-01-S01-002	17	assessment.scale-recorded.v1	{"protocol":"KET-NP-01","subject":"S01-002","period":1,"recordedBy":"demo.nurse.s01","assessedAt":"2026-10-16T10:55:00+00:00","assessmentCode":"PAIN","timepoint":"PT60M","value":36,"unit":"mm"}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"c63e6aea-21b7-4d4e-9b37-9626f49a76e1","causationId":"c63e6aea-21b7-4d4e-9b37-9626f49a76e1","commandId":"c63e6aea-21b7-4d4e-9b37-9626f49a76e1"}	2026-12-02 15:08:44.289674+00	8325a87b872d38e70d81393678b358bf226adf12be0a2f4690917ddb3378307a	828
88	participant-KET-NP-01-S01-003	20	dosing.weight-recorded.v1	{"protocol":"KET-NP-01","subject":"S01-003","period":2,"recordedBy":"demo.nurse.s01","measuredAt":"2026-11-02T08:53:00+00:00","weightKg":74.0}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"e548b9ba-73c9-46bd-b2b0-a6a2e8607961","causationId":"e548b9ba-73c9-46bd-b2b0-a6a2e8607961","commandId":"e548b9ba-73c9-46bd-b2b0-a6a2e8607961"}	2026-12-02 15:08:44.311428+00	a2ec811a1fd5d5fe0e3ceb3a2f0a0092899e95d1ded0e76a480d74775f4d227d	839
93	participant-KET-NP-01-S01-003	21	dosing.dose-prepared.v1	{"protocol":"KET-NP-01","subject":"S01-003","period":2,"preparedBy":"demo.pharmacist.s01","preparedAt":"2026-11-02T09:03:00+00:00","kit":"606841","checkedBy":"demo.pharmacy-technician.s01","weightKg":74.0}	{"actorId":"demo.pharmacist.s01","actorRole":"Pharmacist","reason":null,"correlationId":"2fee2c3d-dab9-4ac8-b61f-b28a84a2774e","causationId":"2fee2c3d-dab9-4ac8-b61f-b28a84a2774e","commandId":"2fee2c3d-dab9-4ac8-b61f-b28a84a2774e"}	2026-12-02 15:08:44.326515+00	50fd3887f88b4ab8032b0c51267fd98b454a9c32400acd570428519fbad3bc73	845
99	participant-KET-NP-01-S01-003	23	assessment.vitals-recorded.v1	{"protocol":"KET-NP-01","subject":"S01-003","period":2,"recordedBy":"demo.nurse.s01","measuredAt":"2026-11-02T09:30:00+00:00","assessmentCode":"VITALS","timepoint":"PT0M","values":{"systolicMmHg":157,"diastolicMmHg":71,"heartRatePerMin":68,"spo2Percent":97}}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"5f81a3ba-128e-40fa-8d65-257c8ae3c0a8","causationId":"5f81a3ba-128e-40fa-8d65-257c8ae3c0a8","commandId":"5f81a3ba-128e-40fa-8d65-257c8ae3c0a8"}	2026-12-02 15:08:44.393668+00	b81316b208cce69aa847f194c86ccc5b463aa48c0710181a129090cd4f46e66e	856
104	participant-KET-NP-01-S02-003	1	participant.screened.v1	{"protocol":"KET-NP-01","subject":"S02-003","screenedBy":"demo.coordinator.s02","screenedAt":"2026-12-02T15:08:44.5037531+00:00","site":"S02","protocolVersion":1,"consentDate":"2026-10-22","consentFormVersion":"2.1 (2026-01-15)"}	{"actorId":"demo.coordinator.s02","actorRole":"Coordinator","reason":null,"correlationId":"da9635b1-d428-4c4f-8db9-181dd28fbc52","causationId":"da9635b1-d428-4c4f-8db9-181dd28fbc52","commandId":"da9635b1-d428-4c4f-8db9-181dd28fbc52"}	2026-12-02 15:08:44.503771+00	14c912b2776e6c6d80650ab383b205f86d4bee1a69ae3526593969ce571ccae2	864
108	participant-KET-NP-01-S01-003	26	dosing.resumed.v1	{"protocol":"KET-NP-01","subject":"S01-003","period":2,"recordedBy":"demo.nurse.s01","resumedAt":"2026-11-02T10:09:00+00:00"}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"d7491779-df75-4bf4-9128-5a9971b70757","causationId":"d7491779-df75-4bf4-9128-5a9971b70757","commandId":"d7491779-df75-4bf4-9128-5a9971b70757"}	2026-12-02 15:08:44.552402+00	29bc224dd7f08994b0a1943c6624a555fb7708df6cadc75e8e218ae8ef7d3323	872
42	participant-KET-NP-01-S01-003	9	assessment.vitals-recorded.v1	{"protocol":"KET-NP-01","subject":"S01-003","period":1,"recordedBy":"demo.nurse.s01","measuredAt":"2026-10-25T09:58:00+00:00","assessmentCode":"VITALS","timepoint":"PT10M","values":{"systolicMmHg":142,"diastolicMmHg":84,"heartRatePerMin":80,"spo2Percent":98}}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"f344cf84-dfab-4f65-b289-33650eeda68e","causationId":"f344cf84-dfab-4f65-b289-33650eeda68e","commandId":"f344cf84-dfab-4f65-b289-33650eeda68e"}	2026-12-02 15:08:44.142828+00	8112ce1411255b88d901c7efb54dea90f1ab864554990bc1450607665fa4108d	780
45	participant-KET-NP-01-S01-002	8	dosing.started.v1	{"protocol":"KET-NP-01","subject":"S01-002","period":1,"recordedBy":"demo.nurse.s01","startedAt":"2026-10-16T09:54:00+00:00"}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"1a531980-201c-4b8d-9f18-54d0c3cfa4ca","causationId":"1a531980-201c-4b8d-9f18-54d0c3cfa4ca","commandId":"1a531980-201c-4b8d-9f18-54d0c3cfa4ca"}	2026-12-02 15:08:44.155928+00	3e319926328828f29076c42a1da08ee7b7d762c235f76aeccf82c0e54f4f533e	784
47	participant-KET-NP-01-S01-003	11	assessment.vitals-recorded.v1	{"protocol":"KET-NP-01","subject":"S01-003","period":1,"recordedBy":"demo.nurse.s01","measuredAt":"2026-10-25T10:05:00+00:00","assessmentCode":"VITALS","timepoint":"PT20M","values":{"systolicMmHg":127,"diastolicMmHg":80,"heartRatePerMin":69,"spo2Percent":98}}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"88af8e18-acbe-41c7-a679-d62fa626fdcd","causationId":"88af8e18-acbe-41c7-a679-d62fa626fdcd","commandId":"88af8e18-acbe-41c7-a679-d62fa626fdcd"}	2026-12-02 15:08:44.165518+00	3ce5ef8ba28523624a10b5ea0725b633057ab619b6986e1d70e71a2822c2ed2d	787
52	participant-KET-NP-01-S02-002	9	assessment.vitals-recorded.v1	{"protocol":"KET-NP-01","subject":"S02-002","period":1,"recordedBy":"demo.nurse.s02","measuredAt":"2026-10-24T09:14:00+00:00","assessmentCode":"VITALS","timepoint":"PT10M","values":{"systolicMmHg":125,"diastolicMmHg":89,"heartRatePerMin":64,"spo2Percent":97}}	{"actorId":"demo.nurse.s02","actorRole":"DataEntry","reason":null,"correlationId":"14f460d9-b280-48bd-9281-20b85ab29bd8","causationId":"14f460d9-b280-48bd-9281-20b85ab29bd8","commandId":"14f460d9-b280-48bd-9281-20b85ab29bd8"}	2026-12-02 15:08:44.187808+00	ca193bca7f78c550c7541dee31f09ae1f2f0abaf306c3a8bbab3df0963ecd91d	794
57	participant-KET-NP-01-S01-001	14	assessment.vitals-recorded.v1	{"protocol":"KET-NP-01","subject":"S01-001","period":1,"recordedBy":"demo.nurse.s01","measuredAt":"2026-10-13T09:13:00+00:00","assessmentCode":"VITALS","timepoint":"PT40M","values":{"systolicMmHg":130,"diastolicMmHg":77,"heartRatePerMin":77,"spo2Percent":97}}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"fd97890a-8eb7-41f1-852a-c15c4609e437","causationId":"fd97890a-8eb7-41f1-852a-c15c4609e437","commandId":"fd97890a-8eb7-41f1-852a-c15c4609e437"}	2026-12-02 15:08:44.228711+00	d569c9c51beeb2b0d9e47a60a47c8daa4bbdfbda7bae0d2a63710c86bc7da814	802
63	participant-KET-NP-01-S01-003	15	assessment.scale-recorded.v1	{"protocol":"KET-NP-01","subject":"S01-003","period":1,"recordedBy":"demo.nurse.s01","assessedAt":"2026-10-25T10:45:00+00:00","assessmentCode":"PAIN","timepoint":"PT60M","value":59,"unit":"mm"}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"2ee77ebd-ff5f-45df-84bc-973891cec4ab","causationId":"2ee77ebd-ff5f-45df-84bc-973891cec4ab","commandId":"2ee77ebd-ff5f-45df-84bc-973891cec4ab"}	2026-12-02 15:08:44.240242+00	cc7a1e369fc7dd731e31364ea7419ceaf2b852de46ecd8945df1e4a02e343890	808
77	participant-KET-NP-01-S01-003	17	assessment.scale-recorded.v1	{"protocol":"KET-NP-01","subject":"S01-003","period":1,"recordedBy":"demo.nurse.s01","assessedAt":"2026-10-25T11:49:00+00:00","assessmentCode":"PAIN","timepoint":"PT2H","value":62,"unit":"mm"}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"a2cdef67-9738-438f-9f1c-bf5c0084050b","causationId":"a2cdef67-9738-438f-9f1c-bf5c0084050b","commandId":"a2cdef67-9738-438f-9f1c-bf5c0084050b"}	2026-12-02 15:08:44.278574+00	669009a956019a9d9cd8e7463ebbd3790d8997e787cc3b939a9c2c0c9a5a94dd	825
83	participant-KET-NP-01-S01-003	19	dosing.stopped.v1	{"protocol":"KET-NP-01","subject":"S01-003","period":1,"recordedBy":"demo.nurse.s01","stoppedAt":"2026-10-25T10:25:00+00:00","completed":true,"earlyStopReason":null}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"214b86e5-6ba4-4ec5-8a6c-d26e568e670b","causationId":"214b86e5-6ba4-4ec5-8a6c-d26e568e670b","commandId":"214b86e5-6ba4-4ec5-8a6c-d26e568e670b"}	2026-12-02 15:08:44.302744+00	d866352b787c0e7d58ddd666d60fd1f9949f21858feef907338deb158a6a18c7	835
91	participant-KET-NP-01-S01-002	20	assessment.scale-recorded.v1	{"protocol":"KET-NP-01","subject":"S01-002","period":1,"recordedBy":"demo.nurse.s01","assessedAt":"2026-10-17T09:56:00+00:00","assessmentCode":"PAIN","timepoint":"PT24H","value":59,"unit":"mm"}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"62cc9fc3-663d-4e53-8111-c63a741a5e30","causationId":"62cc9fc3-663d-4e53-8111-c63a741a5e30","commandId":"62cc9fc3-663d-4e53-8111-c63a741a5e30"}	2026-12-02 15:08:44.325632+00	f82f9b76ab7ec765410a478f500d1aa439320affb7a43a054cc72db1e42290cd	846
94	participant-KET-NP-01-S01-001	24	dosing.started.v1	{"protocol":"KET-NP-01","subject":"S01-001","period":2,"recordedBy":"demo.nurse.s01","startedAt":"2026-10-20T09:23:00+00:00"}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"0cf80139-5495-4692-8e5c-0ca36ca15624","causationId":"0cf80139-5495-4692-8e5c-0ca36ca15624","commandId":"0cf80139-5495-4692-8e5c-0ca36ca15624"}	2026-12-02 15:08:44.338599+00	997f6106a96c744c7f6610ac5dc2095741be8896f19d371c68010e8c6a3c7e7b	848
97	participant-KET-NP-01-S01-001	25	dosing.interrupted.v1	{"protocol":"KET-NP-01","subject":"S01-001","period":2,"recordedBy":"demo.nurse.s01","interruptedAt":"2026-10-20T09:43:00+00:00","reason":"Cannula occluded; flushed"}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"5dda87f1-2d36-4c61-8e6d-2c7bdbcb63f0","causationId":"5dda87f1-2d36-4c61-8e6d-2c7bdbcb63f0","commandId":"5dda87f1-2d36-4c61-8e6d-2c7bdbcb63f0"}	2026-12-02 15:08:44.364514+00	a99a7da61a56aee3bc7fd89fe5e51347e4ac2547efeea35d635b4a122cdf8e9f	853
103	participant-KET-NP-01-S01-003	25	dosing.interrupted.v1	{"protocol":"KET-NP-01","subject":"S01-003","period":2,"recordedBy":"demo.nurse.s01","interruptedAt":"2026-11-02T10:03:00+00:00","reason":"Cannula occluded; flushed"}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"f79fba4a-4207-4115-b32f-69a29ca670d5","causationId":"f79fba4a-4207-4115-b32f-69a29ca670d5","commandId":"f79fba4a-4207-4115-b32f-69a29ca670d5"}	2026-12-02 15:08:44.502266+00	7db1fbd1a819ee1de18373474dda606e75f0dc2bc64b13df1769d4ca4f5bf131	863
109	randomization-KET-NP-01-S02	3	randomization.allocation-assigned.v1	{"protocol":"KET-NP-01","stratum":"S02","assignedBy":"demo.coordinator.s02","assignedAt":"2026-12-02T15:08:44.5580608+00:00","participantId":"S02-003","entryNumber":2}	{"actorId":"demo.coordinator.s02","actorRole":"Coordinator","reason":null,"correlationId":"90d7bce1-662a-4a94-9c9e-b12c2f177d3b","causationId":"90d7bce1-662a-4a94-9c9e-b12c2f177d3b","commandId":"90d7bce1-662a-4a94-9c9e-b12c2f177d3b"}	2026-12-02 15:08:44.558188+00	63d49f4fcef64e5971a828d70cd4b66da3f7c0fab9183ef73c00b63b57aee45c	873
60	participant-KET-NP-01-S01-001	15	assessment.scale-recorded.v1	{"protocol":"KET-NP-01","subject":"S01-001","period":1,"recordedBy":"demo.nurse.s01","assessedAt":"2026-10-13T09:33:00+00:00","assessmentCode":"PAIN","timepoint":"PT60M","value":39,"unit":"mm"}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"3c363978-2a0b-4056-a552-7d1f92b07a62","causationId":"3c363978-2a0b-4056-a552-7d1f92b07a62","commandId":"3c363978-2a0b-4056-a552-7d1f92b07a62"}	2026-12-02 15:08:44.234008+00	80c672505f4aca34fb4a284414db918089b0771c0a237edfd22f727838b8498b	805
61	participant-KET-NP-01-S01-002	12	assessment.scale-recorded.v1	{"protocol":"KET-NP-01","subject":"S01-002","period":1,"recordedBy":"demo.nurse.s01","assessedAt":"2026-10-16T10:15:00+00:00","assessmentCode":"PAIN","timepoint":"PT20M","value":45,"unit":"mm"}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"44b8f1f8-59dd-4a25-8473-05dc0b2cf9cd","causationId":"44b8f1f8-59dd-4a25-8473-05dc0b2cf9cd","commandId":"44b8f1f8-59dd-4a25-8473-05dc0b2cf9cd"}	2026-12-02 15:08:44.235373+00	9be068fc9dd2a91db821bf316d0628f6fc868f651f77be0afce5790498e125a9	806
66	participant-KET-NP-01-S01-001	17	assessment.scale-recorded.v1	{"protocol":"KET-NP-01","subject":"S01-001","period":1,"recordedBy":"demo.nurse.s01","assessedAt":"2026-10-13T10:34:00+00:00","assessmentCode":"PAIN","timepoint":"PT2H","value":44,"unit":"mm"}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"ebf0bb02-80df-46c8-aa9d-689cc7fc4625","causationId":"ebf0bb02-80df-46c8-aa9d-689cc7fc4625","commandId":"ebf0bb02-80df-46c8-aa9d-689cc7fc4625"}	2026-12-02 15:08:44.249735+00	dd17d2a9332a34347d7a47703bb619ce035c6e168d5af23633109651d04ebfa3	812
67	participant-KET-NP-01-S02-002	12	assessment.vitals-recorded.v1	{"protocol":"KET-NP-01","subject":"S02-002","period":1,"recordedBy":"demo.nurse.s02","measuredAt":"2026-10-24T09:38:00+00:00","assessmentCode":"VITALS","timepoint":"PT30M","values":{"systolicMmHg":140,"diastolicMmHg":78,"heartRatePerMin":72,"spo2Percent":96}}	{"actorId":"demo.nurse.s02","actorRole":"DataEntry","reason":null,"correlationId":"aa96bf2f-bcb8-4d41-b71c-4e39d69a2b53","causationId":"aa96bf2f-bcb8-4d41-b71c-4e39d69a2b53","commandId":"aa96bf2f-bcb8-4d41-b71c-4e39d69a2b53"}	2026-12-02 15:08:44.249935+00	2853a1491f09e50b69dd8c56c34f056a22aecf357a3ec7fb3bf618cba0894ecb	813
69	participant-KET-NP-01-S01-001	18	assessment.scale-recorded.v1	{"protocol":"KET-NP-01","subject":"S01-001","period":1,"recordedBy":"demo.nurse.s01","assessedAt":"2026-10-14T08:34:00+00:00","assessmentCode":"PAIN","timepoint":"PT24H","value":59,"unit":"mm"}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"6c930028-4040-45f6-b682-7cc3e8d29f53","causationId":"6c930028-4040-45f6-b682-7cc3e8d29f53","commandId":"6c930028-4040-45f6-b682-7cc3e8d29f53"}	2026-12-02 15:08:44.260355+00	c7f08ff4d73a0e1f99a4b3b773e90300b9572451116f0ed3c477034c70166890	817
72	participant-KET-NP-01-S01-002	15	assessment.scale-recorded.v1	{"protocol":"KET-NP-01","subject":"S01-002","period":1,"recordedBy":"demo.nurse.s01","assessedAt":"2026-10-16T10:38:00+00:00","assessmentCode":"PAIN","timepoint":"PT40M","value":39,"unit":"mm"}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"bc4fa82e-93e6-42a3-85ef-05b33918e841","causationId":"bc4fa82e-93e6-42a3-85ef-05b33918e841","commandId":"bc4fa82e-93e6-42a3-85ef-05b33918e841"}	2026-12-02 15:08:44.26562+00	2382df7e40a55f82945d55c8ca15ea5ec0fd11b344ce8f81c415c5d6cfe2c575	819
73	participant-KET-NP-01-S02-002	14	assessment.vitals-recorded.v1	{"protocol":"KET-NP-01","subject":"S02-002","period":1,"recordedBy":"demo.nurse.s02","measuredAt":"2026-10-24T09:44:00+00:00","assessmentCode":"VITALS","timepoint":"PT40M","values":{"systolicMmHg":132,"diastolicMmHg":72,"heartRatePerMin":73,"spo2Percent":96}}	{"actorId":"demo.nurse.s02","actorRole":"DataEntry","reason":null,"correlationId":"face8c78-4d9f-4614-927f-a3849bf61e5d","causationId":"face8c78-4d9f-4614-927f-a3849bf61e5d","commandId":"face8c78-4d9f-4614-927f-a3849bf61e5d"}	2026-12-02 15:08:44.26645+00	34dc3d1a608ae957477531766ea223f4cf38afb301298c3616a550dca96add09	820
78	participant-KET-NP-01-S02-002	16	assessment.vitals-recorded.v1	{"protocol":"KET-NP-01","subject":"S02-002","period":1,"recordedBy":"demo.nurse.s02","measuredAt":"2026-10-24T10:07:00+00:00","assessmentCode":"VITALS","timepoint":"PT60M","values":{"systolicMmHg":104,"diastolicMmHg":73,"heartRatePerMin":76,"spo2Percent":98}}	{"actorId":"demo.nurse.s02","actorRole":"DataEntry","reason":null,"correlationId":"d75e9545-e9b1-4791-bfaf-c51e123f353d","causationId":"d75e9545-e9b1-4791-bfaf-c51e123f353d","commandId":"d75e9545-e9b1-4791-bfaf-c51e123f353d"}	2026-12-02 15:08:44.283922+00	7558f2cee8a960d9a163220495a6c66ef6065c11c435ea0865d988c232455538	827
82	participant-KET-NP-01-S02-002	17	assessment.scale-recorded.v1	{"protocol":"KET-NP-01","subject":"S02-002","period":1,"recordedBy":"demo.nurse.s02","assessedAt":"2026-10-24T11:05:00+00:00","assessmentCode":"PAIN","timepoint":"PT2H","value":68,"unit":"mm"}	{"actorId":"demo.nurse.s02","actorRole":"DataEntry","reason":null,"correlationId":"fd5a45fd-adcd-412e-bae9-c20cf9821e47","causationId":"fd5a45fd-adcd-412e-bae9-c20cf9821e47","commandId":"fd5a45fd-adcd-412e-bae9-c20cf9821e47"}	2026-12-02 15:08:44.29679+00	6945ebfc25fad4e15b0ab2970ca17a47e6df0d74bcd679a71a83fe06097fad47	831
84	participant-KET-NP-01-S01-002	18	assessment.vitals-recorded.v1	{"protocol":"KET-NP-01","subject":"S01-002","period":1,"recordedBy":"demo.nurse.s01","measuredAt":"2026-10-16T10:55:00+00:00","assessmentCode":"VITALS","timepoint":"PT60M","values":{"systolicMmHg":123,"diastolicMmHg":95,"heartRatePerMin":68,"spo2Percent":97}}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"4d7d99fa-ec2c-45ee-98ba-714a2c18bfa5","causationId":"4d7d99fa-ec2c-45ee-98ba-714a2c18bfa5","commandId":"4d7d99fa-ec2c-45ee-98ba-714a2c18bfa5"}	2026-12-02 15:08:44.30162+00	4b3876a3a398666d48f3cb2322ca6cb955ab3732a96512e3e094c6bc66eec282	834
86	participant-KET-NP-01-S01-001	21	dosing.dose-prepared.v1	{"protocol":"KET-NP-01","subject":"S01-001","period":2,"preparedBy":"demo.pharmacist.s01","preparedAt":"2026-10-20T08:43:00+00:00","kit":"907247","checkedBy":"demo.pharmacy-technician.s01","weightKg":80.8}	{"actorId":"demo.pharmacist.s01","actorRole":"Pharmacist","reason":null,"correlationId":"6f5e9d84-3ad8-4043-a6c5-5dfbbe08b7dd","causationId":"6f5e9d84-3ad8-4043-a6c5-5dfbbe08b7dd","commandId":"6f5e9d84-3ad8-4043-a6c5-5dfbbe08b7dd"}	2026-12-02 15:08:44.309541+00	0d43ffcfa05cfcf2e023b66fbfcd798c725b5c2d0f85b785e2172e0c78d14550	837
89	participant-KET-NP-01-S02-002	19	dosing.stopped.v1	{"protocol":"KET-NP-01","subject":"S02-002","period":1,"recordedBy":"demo.nurse.s02","stoppedAt":"2026-10-24T09:44:00+00:00","completed":true,"earlyStopReason":null}	{"actorId":"demo.nurse.s02","actorRole":"DataEntry","reason":null,"correlationId":"81ed2466-66e1-4860-ad52-2499a8e9d2a3","causationId":"81ed2466-66e1-4860-ad52-2499a8e9d2a3","commandId":"81ed2466-66e1-4860-ad52-2499a8e9d2a3"}	2026-12-02 15:08:44.312155+00	4d3ebc810a8ff309c3110469b4f3f6ade635e42a928d444e3f31b877344b75f4	841
74	participant-KET-NP-01-S01-001	19	dosing.stopped.v1	{"protocol":"KET-NP-01","subject":"S01-001","period":1,"recordedBy":"demo.nurse.s01","stoppedAt":"2026-10-13T09:12:00+00:00","completed":true,"earlyStopReason":null}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"4817afc8-ccc5-4098-9059-bb420b440478","causationId":"4817afc8-ccc5-4098-9059-bb420b440478","commandId":"4817afc8-ccc5-4098-9059-bb420b440478"}	2026-12-02 15:08:44.266796+00	e03ecac32a1c571eea49d2741744cdb075803f68e249b8253d7bea463565ef73	821
81	participant-KET-NP-01-S01-001	20	dosing.weight-recorded.v1	{"protocol":"KET-NP-01","subject":"S01-001","period":2,"recordedBy":"demo.nurse.s01","measuredAt":"2026-10-20T08:33:00+00:00","weightKg":80.8}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"a13cfad6-58a6-4f39-8530-3c0625618081","causationId":"a13cfad6-58a6-4f39-8530-3c0625618081","commandId":"a13cfad6-58a6-4f39-8530-3c0625618081"}	2026-12-02 15:08:44.294573+00	1fe9467c5c5456c8d2cf471cd9f4bf7c335985731f2c85dec8f78617a4354d4a	830
87	participant-KET-NP-01-S01-002	19	assessment.scale-recorded.v1	{"protocol":"KET-NP-01","subject":"S01-002","period":1,"recordedBy":"demo.nurse.s01","assessedAt":"2026-10-16T11:58:00+00:00","assessmentCode":"PAIN","timepoint":"PT2H","value":50,"unit":"mm"}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"28fc0d44-c026-479b-89d0-7510683a750e","causationId":"28fc0d44-c026-479b-89d0-7510683a750e","commandId":"28fc0d44-c026-479b-89d0-7510683a750e"}	2026-12-02 15:08:44.311108+00	af97674bd0685aa3b4c12b8cc1e4698e75d7bd4d70a4d455a848b2da7cd4b4c9	838
92	participant-KET-NP-01-S01-001	23	assessment.vitals-recorded.v1	{"protocol":"KET-NP-01","subject":"S01-001","period":2,"recordedBy":"demo.nurse.s01","measuredAt":"2026-10-20T09:15:00+00:00","assessmentCode":"VITALS","timepoint":"PT0M","values":{"systolicMmHg":145,"diastolicMmHg":81,"heartRatePerMin":67,"spo2Percent":97}}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"30fe65fc-7f87-4a77-9ca6-1d197c798f2c","causationId":"30fe65fc-7f87-4a77-9ca6-1d197c798f2c","commandId":"30fe65fc-7f87-4a77-9ca6-1d197c798f2c"}	2026-12-02 15:08:44.32805+00	d0926f4cf4a5b1d17b6392d5e09a2c81c1376b31d5fa39eededb56daf4dbb541	847
105	participant-KET-NP-01-S01-001	28	assessment.scale-recorded.v1	{"protocol":"KET-NP-01","subject":"S01-001","period":2,"recordedBy":"demo.nurse.s01","assessedAt":"2026-10-20T09:44:00+00:00","assessmentCode":"PAIN","timepoint":"PT20M","value":51,"unit":"mm"}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"1ccc2f31-45d7-41ce-9727-81890276ad7e","causationId":"1ccc2f31-45d7-41ce-9727-81890276ad7e","commandId":"1ccc2f31-45d7-41ce-9727-81890276ad7e"}	2026-12-02 15:08:44.503487+00	150c6b94bbae882e4596fc4233a18bdf9e16f168c574d21218bd8dcc98bdc3bc	865
113	participant-KET-NP-01-S01-001	30	assessment.vitals-recorded.v1	{"protocol":"KET-NP-01","subject":"S01-001","period":2,"recordedBy":"demo.nurse.s01","measuredAt":"2026-10-20T09:54:00+00:00","assessmentCode":"VITALS","timepoint":"PT30M","values":{"systolicMmHg":127,"diastolicMmHg":72,"heartRatePerMin":58,"spo2Percent":97}}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"31b9b58c-da76-4d59-9d0e-26b5a057dee6","causationId":"31b9b58c-da76-4d59-9d0e-26b5a057dee6","commandId":"31b9b58c-da76-4d59-9d0e-26b5a057dee6"}	2026-12-02 15:08:44.579783+00	f866b7184ab116727913f63b16e2d895e07c1a49d09b4c50364abf8acb754b63	876
115	participant-KET-NP-01-S02-003	5	dosing.dose-prepared.v1	{"protocol":"KET-NP-01","subject":"S02-003","period":1,"preparedBy":"demo.pharmacist.s02","preparedAt":"2026-10-27T08:14:00+00:00","kit":"640261","checkedBy":"demo.pharmacy-technician.s02","weightKg":75.5}	{"actorId":"demo.pharmacist.s02","actorRole":"Pharmacist","reason":null,"correlationId":"daae6c7d-a4af-497e-b72b-cac15c1d0092","causationId":"daae6c7d-a4af-497e-b72b-cac15c1d0092","commandId":"daae6c7d-a4af-497e-b72b-cac15c1d0092"}	2026-12-02 15:08:44.605463+00	265f5c9e9e51e1e7541d4a22934f3db380519900aef25a03fe4eff7390bde76e	880
122	participant-KET-NP-01-S01-003	29	assessment.vitals-recorded.v1	{"protocol":"KET-NP-01","subject":"S01-003","period":2,"recordedBy":"demo.nurse.s01","measuredAt":"2026-11-02T10:03:00+00:00","assessmentCode":"VITALS","timepoint":"PT20M","values":{"systolicMmHg":138,"diastolicMmHg":81,"heartRatePerMin":80,"spo2Percent":97}}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"d2a42245-dfd1-454e-8bb0-7009eb76e584","causationId":"d2a42245-dfd1-454e-8bb0-7009eb76e584","commandId":"d2a42245-dfd1-454e-8bb0-7009eb76e584"}	2026-12-02 15:08:44.65514+00	9dd38872370a2f052d12a549bd0a400c450fb4c69be29bd29bd3155bd3d06a2d	889
128	participant-KET-NP-01-S02-003	10	assessment.scale-recorded.v1	{"protocol":"KET-NP-01","subject":"S02-003","period":1,"recordedBy":"demo.nurse.s02","assessedAt":"2026-10-27T09:15:00+00:00","assessmentCode":"PAIN","timepoint":"PT20M","value":47,"unit":"mm"}	{"actorId":"demo.nurse.s02","actorRole":"DataEntry","reason":null,"correlationId":"66e9d901-6114-4f10-9cdb-42546667b274","causationId":"66e9d901-6114-4f10-9cdb-42546667b274","commandId":"66e9d901-6114-4f10-9cdb-42546667b274"}	2026-12-02 15:08:44.775514+00	e087759c4937ca9fe39046c0b5555ac13741c11cd3d819449305020389693ce1	898
132	participant-KET-NP-01-S01-003	32	assessment.vitals-recorded.v1	{"protocol":"KET-NP-01","subject":"S01-003","period":2,"recordedBy":"demo.nurse.s01","measuredAt":"2026-11-02T10:26:00+00:00","assessmentCode":"VITALS","timepoint":"PT40M","values":{"systolicMmHg":137,"diastolicMmHg":101,"heartRatePerMin":86,"spo2Percent":97}}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"b6f9c263-6e5a-4971-93b2-6757c7ca7d77","causationId":"b6f9c263-6e5a-4971-93b2-6757c7ca7d77","commandId":"b6f9c263-6e5a-4971-93b2-6757c7ca7d77"}	2026-12-02 15:08:44.829169+00	e896968f10cee2c2e61ae572e862ad8c9ea77d89372b03028b2e321a15b2ad30	905
142	participant-KET-NP-01-S02-003	14	assessment.vitals-recorded.v1	{"protocol":"KET-NP-01","subject":"S02-003","period":1,"recordedBy":"demo.nurse.s02","measuredAt":"2026-10-27T09:38:00+00:00","assessmentCode":"VITALS","timepoint":"PT40M","values":{"systolicMmHg":151,"diastolicMmHg":81,"heartRatePerMin":72,"spo2Percent":96}}	{"actorId":"demo.nurse.s02","actorRole":"DataEntry","reason":null,"correlationId":"29cdaa07-35d5-4b76-8016-2142772d15d8","causationId":"29cdaa07-35d5-4b76-8016-2142772d15d8","commandId":"29cdaa07-35d5-4b76-8016-2142772d15d8"}	2026-12-02 15:08:44.908167+00	fd73f225b12ab92d39c6be9259d08925e540ffe8022f9c3179b2a5b3f44a32ec	919
150	participant-KET-NP-01-S01-003	37	dosing.stopped.v1	{"protocol":"KET-NP-01","subject":"S01-003","period":2,"recordedBy":"demo.nurse.s01","stoppedAt":"2026-11-02T10:29:00+00:00","completed":true,"earlyStopReason":null}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"caa3d398-bde2-47cd-9c27-9253479b2b4b","causationId":"caa3d398-bde2-47cd-9c27-9253479b2b4b","commandId":"caa3d398-bde2-47cd-9c27-9253479b2b4b"}	2026-12-02 15:08:44.931428+00	e510bc34916b04122a67f8049d9def0c73ccee1a5c3fdb82643132cbfe59a90e	928
85	participant-KET-NP-01-S02-002	18	assessment.scale-recorded.v1	{"protocol":"KET-NP-01","subject":"S02-002","period":1,"recordedBy":"demo.nurse.s02","assessedAt":"2026-10-25T09:06:00+00:00","assessmentCode":"PAIN","timepoint":"PT24H","value":68,"unit":"mm"}	{"actorId":"demo.nurse.s02","actorRole":"DataEntry","reason":null,"correlationId":"6811b333-2e97-427b-85fd-449d1f30b5fa","causationId":"6811b333-2e97-427b-85fd-449d1f30b5fa","commandId":"6811b333-2e97-427b-85fd-449d1f30b5fa"}	2026-12-02 15:08:44.305728+00	bb1934c902e3bbcd5bdd533b22ac23fc8b1aaa982317eb973ed3ece54bd03015	836
90	participant-KET-NP-01-S01-001	22	assessment.scale-recorded.v1	{"protocol":"KET-NP-01","subject":"S01-001","period":2,"recordedBy":"demo.nurse.s01","assessedAt":"2026-10-20T09:12:00+00:00","assessmentCode":"PAIN","timepoint":"PT0M","value":64,"unit":"mm"}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"4ea13472-8078-438d-b9e7-09e261da4179","causationId":"4ea13472-8078-438d-b9e7-09e261da4179","commandId":"4ea13472-8078-438d-b9e7-09e261da4179"}	2026-12-02 15:08:44.320123+00	155a8d13757f2234c119679ad13b7906901b3a574818ccf0616def3b308d0d9f	843
100	participant-KET-NP-01-S02-002	20	participant.withdrawn.v1	{"protocol":"KET-NP-01","subject":"S02-002","withdrawnBy":"demo.investigator.s02","withdrawnAt":"2026-10-26T09:44:00+00:00","reason":"WithdrawalBySubject","details":"Participant withdrew consent: the journeys to the clinic became too burdensome."}	{"actorId":"demo.investigator.s02","actorRole":"Investigator","reason":"Participant withdrew consent: the journeys to the clinic became too burdensome.","correlationId":"4ebb7b96-cc2b-4a72-b791-794fd6d88d8a","causationId":"4ebb7b96-cc2b-4a72-b791-794fd6d88d8a","commandId":"4ebb7b96-cc2b-4a72-b791-794fd6d88d8a"}	2026-12-02 15:08:44.334883+00	3d64e01cecd2ac7fec5ac10b3f8f02b7c652888b715e29092ab313ae90de8183	857
133	adverse-event-2a58b6e43f014bc3	1	adverse-event.reported.v1	{"adverseEventId":"2a58b6e43f014bc3","protocol":"KET-NP-01","subject":"S01-002","reportedBy":"demo.investigator.s01","awareAt":"2026-10-16T10:13:00+00:00","details":{"meddraCode":10028813,"term":"Nausea","onset":"2026-10-16T10:08","end":"2026-10-16T12:04","grade":1,"seriousness":[],"causality":"Possible","actionTaken":"DoseNotChanged","outcome":"RecoveredResolved","serious":false},"period":1,"sponsorReportDueAt":null}	{"actorId":"demo.investigator.s01","actorRole":"Investigator","reason":null,"correlationId":"aaa4b2c6-a7c6-4bc6-8582-af59fcaf033b","causationId":"aaa4b2c6-a7c6-4bc6-8582-af59fcaf033b","commandId":"aaa4b2c6-a7c6-4bc6-8582-af59fcaf033b"}	2026-12-02 15:08:44.583595+00	c18114dc95500e7eff391d586d1077dead47b5bf4c187e71dd157ca08e5e401f	906
141	participant-KET-NP-01-S01-002	23	dosing.dose-prepared.v1	{"protocol":"KET-NP-01","subject":"S01-002","period":2,"preparedBy":"demo.pharmacist.s01","preparedAt":"2026-10-24T08:29:00+00:00","kit":"177880","checkedBy":"demo.pharmacy-technician.s01","weightKg":85.2}	{"actorId":"demo.pharmacist.s01","actorRole":"Pharmacist","reason":null,"correlationId":"27bcba87-2afd-4b08-ac8b-fdb0f2a1f823","causationId":"27bcba87-2afd-4b08-ac8b-fdb0f2a1f823","commandId":"27bcba87-2afd-4b08-ac8b-fdb0f2a1f823"}	2026-12-02 15:08:44.903336+00	28069044e28a5f879fc4446adce280b9d8511fe8bf865cbbad7d0778c7e1e8a7	917
146	participant-KET-NP-01-S02-003	16	assessment.vitals-recorded.v1	{"protocol":"KET-NP-01","subject":"S02-003","period":1,"recordedBy":"demo.nurse.s02","measuredAt":"2026-10-27T09:56:00+00:00","assessmentCode":"VITALS","timepoint":"PT60M","values":{"systolicMmHg":141,"diastolicMmHg":76,"heartRatePerMin":85,"spo2Percent":98}}	{"actorId":"demo.nurse.s02","actorRole":"DataEntry","reason":null,"correlationId":"3c07ff99-2d23-4855-8d3d-f5ed18c56b8a","causationId":"3c07ff99-2d23-4855-8d3d-f5ed18c56b8a","commandId":"3c07ff99-2d23-4855-8d3d-f5ed18c56b8a"}	2026-12-02 15:08:44.920881+00	9dcb28edc9f505c09302c51f28440f2310fd2a9ab56f27dfeb613208159a454c	923
153	participant-KET-NP-01-S01-002	26	dosing.started.v1	{"protocol":"KET-NP-01","subject":"S01-002","period":2,"recordedBy":"demo.nurse.s01","startedAt":"2026-10-24T09:09:00+00:00"}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"9a59b803-80d1-4279-aba3-840989055091","causationId":"9a59b803-80d1-4279-aba3-840989055091","commandId":"9a59b803-80d1-4279-aba3-840989055091"}	2026-12-02 15:08:44.960528+00	8f3b0dc7490634ff16faded1f846d1dca3e0b2ea05310db4e01fcddb3bd21598	932
158	adverse-event-8eededef75884d3e	3	adverse-event.sae-follow-up-reported.v1	{"adverseEventId":"8eededef75884d3e","protocol":"KET-NP-01","subject":"S01-001","reportedBy":"demo.investigator.s01","reportedAt":"2026-10-23T12:29:00+00:00","followUpNumber":1,"information":"Blood pressure controlled on amlodipine; discharged home on day 2. No further study treatment."}	{"actorId":"demo.investigator.s01","actorRole":"Investigator","reason":null,"correlationId":"5664da98-1727-443e-b3fa-97d457648870","causationId":"5664da98-1727-443e-b3fa-97d457648870","commandId":"5664da98-1727-443e-b3fa-97d457648870"}	2026-12-02 15:08:44.990974+00	2d6d03e0eb442912ba2f53e55a149a2102cbacb9ae7a32ef3400c1ee86284379	940
161	adverse-event-9a7ef201cf5d42ac	1	adverse-event.reported.v1	{"adverseEventId":"9a7ef201cf5d42ac","protocol":"KET-NP-01","subject":"S02-003","reportedBy":"demo.investigator.s02","awareAt":"2026-10-27T10:08:00+00:00","details":{"meddraCode":10019077,"term":"Hallucinations","onset":"2026-10-27T10:03","end":"2026-10-27T13:50","grade":2,"seriousness":[],"causality":"Probable","actionTaken":"DoseNotChanged","outcome":"RecoveredResolved","serious":false},"period":1,"sponsorReportDueAt":null}	{"actorId":"demo.investigator.s02","actorRole":"Investigator","reason":null,"correlationId":"d0b7e3d7-3f88-4331-906a-c106aaa08b50","causationId":"d0b7e3d7-3f88-4331-906a-c106aaa08b50","commandId":"d0b7e3d7-3f88-4331-906a-c106aaa08b50"}	2026-12-02 15:08:45.007812+00	a2b023c843506281899008229903ea5a6f5c941de5ea98386e5390fd5bc6a45f	945
166	participant-KET-NP-01-S01-002	30	assessment.vitals-recorded.v1	{"protocol":"KET-NP-01","subject":"S01-002","period":2,"recordedBy":"demo.nurse.s01","measuredAt":"2026-10-24T09:41:00+00:00","assessmentCode":"VITALS","timepoint":"PT30M","values":{"systolicMmHg":143,"diastolicMmHg":84,"heartRatePerMin":75,"spo2Percent":95}}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"7d768903-70c9-4e0f-b6e1-73f94b4693a4","causationId":"7d768903-70c9-4e0f-b6e1-73f94b4693a4","commandId":"7d768903-70c9-4e0f-b6e1-73f94b4693a4"}	2026-12-02 15:08:45.059235+00	cee3a4e0327237ca1a99342a32a7c03f5422e9baf617a304021c1719a8acf964	952
171	participant-KET-NP-01-S02-003	23	assessment.vitals-recorded.v1	{"protocol":"KET-NP-01","subject":"S02-003","period":2,"recordedBy":"demo.nurse.s02","measuredAt":"2026-11-05T09:07:00+00:00","assessmentCode":"VITALS","timepoint":"PT0M","values":{"systolicMmHg":137,"diastolicMmHg":92,"heartRatePerMin":79,"spo2Percent":98}}	{"actorId":"demo.nurse.s02","actorRole":"DataEntry","reason":null,"correlationId":"04ed8373-aff6-4f29-9921-d95c0f38fea3","causationId":"04ed8373-aff6-4f29-9921-d95c0f38fea3","commandId":"04ed8373-aff6-4f29-9921-d95c0f38fea3"}	2026-12-02 15:08:45.099162+00	fc38a3c6b727d508dae8d71acb8e4d80748f8fcbd2a0947602b9c9ff37e2add2	959
95	participant-KET-NP-01-S01-003	22	assessment.scale-recorded.v1	{"protocol":"KET-NP-01","subject":"S01-003","period":2,"recordedBy":"demo.nurse.s01","assessedAt":"2026-11-02T09:28:00+00:00","assessmentCode":"PAIN","timepoint":"PT0M","value":61,"unit":"mm"}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"f3e575e4-038d-4e2c-a5d3-bc4b630ffae1","causationId":"f3e575e4-038d-4e2c-a5d3-bc4b630ffae1","commandId":"f3e575e4-038d-4e2c-a5d3-bc4b630ffae1"}	2026-12-02 15:08:44.341712+00	c53cb3a624b11b91616a8f75e826f5682d740d020c754dfcc2e645c676396e7a	849
98	participant-KET-NP-01-S01-001	26	dosing.resumed.v1	{"protocol":"KET-NP-01","subject":"S01-001","period":2,"recordedBy":"demo.nurse.s01","resumedAt":"2026-10-20T09:49:00+00:00"}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"0ffb7740-2d24-48fd-bdef-4cfe8d8eed09","causationId":"0ffb7740-2d24-48fd-bdef-4cfe8d8eed09","commandId":"0ffb7740-2d24-48fd-bdef-4cfe8d8eed09"}	2026-12-02 15:08:44.384267+00	7f9cd944fefd3975eaf6ff59ea6a5bde2b0ae32a1efb718283d13901179e3204	855
102	participant-KET-NP-01-S01-003	24	dosing.started.v1	{"protocol":"KET-NP-01","subject":"S01-003","period":2,"recordedBy":"demo.nurse.s01","startedAt":"2026-11-02T09:43:00+00:00"}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"3fba19e3-a529-41c3-a2ae-a033c9e1fdf5","causationId":"3fba19e3-a529-41c3-a2ae-a033c9e1fdf5","commandId":"3fba19e3-a529-41c3-a2ae-a033c9e1fdf5"}	2026-12-02 15:08:44.446156+00	392fdfe33e9f3e5ae5469e150f3b845319515b0e39eefa6289f617d8346c54bf	862
107	participant-KET-NP-01-S01-001	29	assessment.vitals-recorded.v1	{"protocol":"KET-NP-01","subject":"S01-001","period":2,"recordedBy":"demo.nurse.s01","measuredAt":"2026-10-20T09:46:00+00:00","assessmentCode":"VITALS","timepoint":"PT20M","values":{"systolicMmHg":113,"diastolicMmHg":81,"heartRatePerMin":79,"spo2Percent":98}}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"691b237d-d3c5-406b-96a4-36648235bf8c","causationId":"691b237d-d3c5-406b-96a4-36648235bf8c","commandId":"691b237d-d3c5-406b-96a4-36648235bf8c"}	2026-12-02 15:08:44.54525+00	5f7d7b2bed73ad95a06254a31bd4acb602ad18bcf19cbb9371cb09c56ea0eb2d	870
111	participant-KET-NP-01-S02-003	4	dosing.weight-recorded.v1	{"protocol":"KET-NP-01","subject":"S02-003","period":1,"recordedBy":"demo.nurse.s02","measuredAt":"2026-10-27T08:04:00+00:00","weightKg":75.5}	{"actorId":"demo.nurse.s02","actorRole":"DataEntry","reason":null,"correlationId":"24ffae18-44cb-414e-9741-5fe917952e0a","causationId":"24ffae18-44cb-414e-9741-5fe917952e0a","commandId":"24ffae18-44cb-414e-9741-5fe917952e0a"}	2026-12-02 15:08:44.572547+00	cc5ae3356abe14b97703c957f5b194c2de8cb98a41dd922799e3463779bbd61d	874
118	participant-KET-NP-01-S01-001	32	assessment.vitals-recorded.v1	{"protocol":"KET-NP-01","subject":"S01-001","period":2,"recordedBy":"demo.nurse.s01","measuredAt":"2026-10-20T10:05:00+00:00","assessmentCode":"VITALS","timepoint":"PT40M","values":{"systolicMmHg":141,"diastolicMmHg":75,"heartRatePerMin":68,"spo2Percent":100}}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"374d5429-75c1-48ba-80b8-04aefa76ca05","causationId":"374d5429-75c1-48ba-80b8-04aefa76ca05","commandId":"374d5429-75c1-48ba-80b8-04aefa76ca05"}	2026-12-02 15:08:44.625347+00	8ce6fcb8526e58ab1832476692364b53dc891d1d11194b8709734116c1353437	883
123	participant-KET-NP-01-S01-001	35	assessment.scale-recorded.v1	{"protocol":"KET-NP-01","subject":"S01-001","period":2,"recordedBy":"demo.nurse.s01","assessedAt":"2026-10-20T11:25:00+00:00","assessmentCode":"PAIN","timepoint":"PT2H","value":58,"unit":"mm"}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"33c88457-435b-4c0b-a196-1ddaa53ac11e","causationId":"33c88457-435b-4c0b-a196-1ddaa53ac11e","commandId":"33c88457-435b-4c0b-a196-1ddaa53ac11e"}	2026-12-02 15:08:44.66325+00	41e1d348848eec22cb590271989db5dd90e080a70be7f4065345d1c1471b98db	890
125	participant-KET-NP-01-S02-003	9	assessment.vitals-recorded.v1	{"protocol":"KET-NP-01","subject":"S02-003","period":1,"recordedBy":"demo.nurse.s02","measuredAt":"2026-10-27T09:05:00+00:00","assessmentCode":"VITALS","timepoint":"PT10M","values":{"systolicMmHg":125,"diastolicMmHg":80,"heartRatePerMin":85,"spo2Percent":98}}	{"actorId":"demo.nurse.s02","actorRole":"DataEntry","reason":null,"correlationId":"c8fed420-c38b-451f-a3d8-3bfce25d3106","causationId":"c8fed420-c38b-451f-a3d8-3bfce25d3106","commandId":"c8fed420-c38b-451f-a3d8-3bfce25d3106"}	2026-12-02 15:08:44.733945+00	727d124d60af22ac91862932400fc951cc21aee5e0f510f890d94686850d9688	895
131	participant-KET-NP-01-S02-003	11	assessment.vitals-recorded.v1	{"protocol":"KET-NP-01","subject":"S02-003","period":1,"recordedBy":"demo.nurse.s02","measuredAt":"2026-10-27T09:18:00+00:00","assessmentCode":"VITALS","timepoint":"PT20M","values":{"systolicMmHg":139,"diastolicMmHg":92,"heartRatePerMin":77,"spo2Percent":98}}	{"actorId":"demo.nurse.s02","actorRole":"DataEntry","reason":null,"correlationId":"37920eee-8e6c-4ad4-be96-838c3937bce1","causationId":"37920eee-8e6c-4ad4-be96-838c3937bce1","commandId":"37920eee-8e6c-4ad4-be96-838c3937bce1"}	2026-12-02 15:08:44.804741+00	392c71fd527d7cd6bcdec66c7d54ca476f9698da7f1a7374d4158b42fef212a9	903
136	participant-KET-NP-01-S01-002	22	dosing.weight-recorded.v1	{"protocol":"KET-NP-01","subject":"S01-002","period":2,"recordedBy":"demo.nurse.s01","measuredAt":"2026-10-24T08:19:00+00:00","weightKg":85.2}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"ce5c97ba-07be-4f9f-8f9e-aa27a42719b5","causationId":"ce5c97ba-07be-4f9f-8f9e-aa27a42719b5","commandId":"ce5c97ba-07be-4f9f-8f9e-aa27a42719b5"}	2026-12-02 15:08:44.871752+00	8ee162f5450b9b76433c1f5275927e422b5cf4d4a6a579e947acd0d3aa6e16b7	909
147	adverse-event-8eededef75884d3e	2	adverse-event.sae-reported-to-sponsor.v1	{"adverseEventId":"8eededef75884d3e","protocol":"KET-NP-01","subject":"S01-001","reportedBy":"demo.investigator.s01","reportedAt":"2026-10-20T18:29:00+00:00","sponsorReference":"SAE-2026-0001","late":false}	{"actorId":"demo.investigator.s01","actorRole":"Investigator","reason":null,"correlationId":"4a2d767e-9abf-4153-9cd0-d3f471b1a8a4","causationId":"4a2d767e-9abf-4153-9cd0-d3f471b1a8a4","commandId":"4a2d767e-9abf-4153-9cd0-d3f471b1a8a4"}	2026-12-02 15:08:44.907324+00	d46bc03a8dc4ef37520565ba798d0fc854222a7549693291fe6dab117a69cee6	925
151	participant-KET-NP-01-S02-003	18	assessment.scale-recorded.v1	{"protocol":"KET-NP-01","subject":"S02-003","period":1,"recordedBy":"demo.nurse.s02","assessedAt":"2026-10-28T08:58:00+00:00","assessmentCode":"PAIN","timepoint":"PT24H","value":66,"unit":"mm"}	{"actorId":"demo.nurse.s02","actorRole":"DataEntry","reason":null,"correlationId":"2414d616-6323-4aee-b806-ae21880b52a3","causationId":"2414d616-6323-4aee-b806-ae21880b52a3","commandId":"2414d616-6323-4aee-b806-ae21880b52a3"}	2026-12-02 15:08:44.952143+00	98f2c44bb3daa2f00e92d00d78f367c669987d73a552beecf5dc03088cc3a35c	930
178	participant-KET-NP-01-S01-002	35	assessment.scale-recorded.v1	{"protocol":"KET-NP-01","subject":"S01-002","period":2,"recordedBy":"demo.nurse.s01","assessedAt":"2026-10-24T11:10:00+00:00","assessmentCode":"PAIN","timepoint":"PT2H","value":45,"unit":"mm"}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"28c089a6-bd90-4e7d-adb5-3358f8fcac4c","causationId":"28c089a6-bd90-4e7d-adb5-3358f8fcac4c","commandId":"28c089a6-bd90-4e7d-adb5-3358f8fcac4c"}	2026-12-02 15:08:45.132255+00	a267d6c6867419e8e7cf447f06d33268ec01ed15e3db0a57afd2ac854324691a	969
96	participant-KET-NP-01-S01-002	21	dosing.stopped.v1	{"protocol":"KET-NP-01","subject":"S01-002","period":1,"recordedBy":"demo.nurse.s01","stoppedAt":"2026-10-16T10:40:00+00:00","completed":true,"earlyStopReason":null}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"d14eb6e0-d94d-4c6c-adfc-11b25a9c67dc","causationId":"d14eb6e0-d94d-4c6c-adfc-11b25a9c67dc","commandId":"d14eb6e0-d94d-4c6c-adfc-11b25a9c67dc"}	2026-12-02 15:08:44.347021+00	e6d1b93014af0f1c3381bb7bcda984e6c13de7bd2c175631003dec3ca9171fb8	850
101	participant-KET-NP-01-S01-001	27	assessment.vitals-recorded.v1	{"protocol":"KET-NP-01","subject":"S01-001","period":2,"recordedBy":"demo.nurse.s01","measuredAt":"2026-10-20T09:33:00+00:00","assessmentCode":"VITALS","timepoint":"PT10M","values":{"systolicMmHg":123,"diastolicMmHg":89,"heartRatePerMin":65,"spo2Percent":97}}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"30154285-be85-4896-914f-964d849d880c","causationId":"30154285-be85-4896-914f-964d849d880c","commandId":"30154285-be85-4896-914f-964d849d880c"}	2026-12-02 15:08:44.426259+00	978fe4037a6579cd382c73fff37108cace5a49f9be89e9ffa9bb2f28219f6150	860
106	participant-KET-NP-01-S02-003	2	participant.eligibility-confirmed.v1	{"protocol":"KET-NP-01","subject":"S02-003","confirmedBy":"demo.investigator.s02","confirmedAt":"2026-12-02T15:08:44.5283846+00:00","protocolVersion":1,"answers":[{"code":"IN01","kind":"Inclusion","met":true,"fails":false},{"code":"IN02","kind":"Inclusion","met":true,"fails":false},{"code":"IN03","kind":"Inclusion","met":true,"fails":false},{"code":"EX01","kind":"Exclusion","met":false,"fails":false},{"code":"EX02","kind":"Exclusion","met":false,"fails":false},{"code":"EX03","kind":"Exclusion","met":false,"fails":false},{"code":"EX04","kind":"Exclusion","met":false,"fails":false}],"eligible":true,"failedCriteria":[]}	{"actorId":"demo.investigator.s02","actorRole":"Investigator","reason":null,"correlationId":"e167b40a-3d28-402c-b48a-b9f7ebf46185","causationId":"e167b40a-3d28-402c-b48a-b9f7ebf46185","commandId":"e167b40a-3d28-402c-b48a-b9f7ebf46185"}	2026-12-02 15:08:44.528505+00	352baec8ef1c2339b1ddd0cf21789cfa735e4445ca86a66b1ec71176ac287c70	868
112	participant-KET-NP-01-S01-003	27	assessment.vitals-recorded.v1	{"protocol":"KET-NP-01","subject":"S01-003","period":2,"recordedBy":"demo.nurse.s01","measuredAt":"2026-11-02T09:57:00+00:00","assessmentCode":"VITALS","timepoint":"PT10M","values":{"systolicMmHg":131,"diastolicMmHg":73,"heartRatePerMin":76,"spo2Percent":94}}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"bff90b2d-4991-43a7-b3b2-ad4a97711910","causationId":"bff90b2d-4991-43a7-b3b2-ad4a97711910","commandId":"bff90b2d-4991-43a7-b3b2-ad4a97711910"}	2026-12-02 15:08:44.576405+00	8985802de544dac4ccddc858ce70f1487194645146ed95b7c0e81b88c76f9769	875
117	participant-KET-NP-01-S02-003	6	assessment.scale-recorded.v1	{"protocol":"KET-NP-01","subject":"S02-003","period":1,"recordedBy":"demo.nurse.s02","assessedAt":"2026-10-27T08:48:00+00:00","assessmentCode":"PAIN","timepoint":"PT0M","value":56,"unit":"mm"}	{"actorId":"demo.nurse.s02","actorRole":"DataEntry","reason":null,"correlationId":"c010ef82-241b-4dd3-bc63-0a088c4abad9","causationId":"c010ef82-241b-4dd3-bc63-0a088c4abad9","commandId":"c010ef82-241b-4dd3-bc63-0a088c4abad9"}	2026-12-02 15:08:44.622784+00	5b78dfe5d069d5cf4926cc54bd2750e381cb15e6317028613567a7ab6f70566d	882
121	participant-KET-NP-01-S01-001	34	assessment.vitals-recorded.v1	{"protocol":"KET-NP-01","subject":"S01-001","period":2,"recordedBy":"demo.nurse.s01","measuredAt":"2026-10-20T10:23:00+00:00","assessmentCode":"VITALS","timepoint":"PT60M","values":{"systolicMmHg":128,"diastolicMmHg":63,"heartRatePerMin":70,"spo2Percent":96}}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"83610f7e-9329-49e7-b36d-1f21042c377f","causationId":"83610f7e-9329-49e7-b36d-1f21042c377f","commandId":"83610f7e-9329-49e7-b36d-1f21042c377f"}	2026-12-02 15:08:44.649801+00	f17469fe094be5585a82a11c55cdb058b43466ac7b2cee834652f2a7bbbda9f8	888
126	participant-KET-NP-01-S01-001	36	assessment.scale-recorded.v1	{"protocol":"KET-NP-01","subject":"S01-001","period":2,"recordedBy":"demo.nurse.s01","assessedAt":"2026-10-21T09:26:00+00:00","assessmentCode":"PAIN","timepoint":"PT24H","value":64,"unit":"mm"}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"d3fb37cd-96fa-477c-bb5c-59acf55569f8","causationId":"d3fb37cd-96fa-477c-bb5c-59acf55569f8","commandId":"d3fb37cd-96fa-477c-bb5c-59acf55569f8"}	2026-12-02 15:08:44.758961+00	d4669adb1b9a6f3d10cef073d7e1f0ef0d18c319776d69fc06def2835acc66a1	896
134	adverse-event-8eededef75884d3e	1	adverse-event.reported.v1	{"adverseEventId":"8eededef75884d3e","protocol":"KET-NP-01","subject":"S01-001","reportedBy":"demo.investigator.s01","awareAt":"2026-10-20T12:29:00+00:00","details":{"meddraCode":10020772,"term":"Hypertension","onset":"2026-10-20T12:09","end":null,"grade":3,"seriousness":["Hospitalization"],"causality":"Possible","actionTaken":"NotApplicable","outcome":"RecoveringResolving","serious":true},"period":2,"sponsorReportDueAt":"2026-10-21T12:29:00+00:00"}	{"actorId":"demo.investigator.s01","actorRole":"Investigator","reason":null,"correlationId":"5f588142-4965-48dc-86a4-0f04fd2b19ec","causationId":"5f588142-4965-48dc-86a4-0f04fd2b19ec","commandId":"5f588142-4965-48dc-86a4-0f04fd2b19ec"}	2026-12-02 15:08:44.85405+00	cb849f8847a030fcee22173a266a16ef365907fb570dcb284a5099f78fbe1a38	907
139	participant-KET-NP-01-S02-003	13	assessment.scale-recorded.v1	{"protocol":"KET-NP-01","subject":"S02-003","period":1,"recordedBy":"demo.nurse.s02","assessedAt":"2026-10-27T09:35:00+00:00","assessmentCode":"PAIN","timepoint":"PT40M","value":40,"unit":"mm"}	{"actorId":"demo.nurse.s02","actorRole":"DataEntry","reason":null,"correlationId":"80d72e85-24be-4da8-8566-3a6a7f8713fb","causationId":"80d72e85-24be-4da8-8566-3a6a7f8713fb","commandId":"80d72e85-24be-4da8-8566-3a6a7f8713fb"}	2026-12-02 15:08:44.892393+00	dce4aa2e34b025bca09bccd208ae2d318c6337b394fdabd955afe86c4dff37b8	913
143	participant-KET-NP-01-S02-003	15	assessment.scale-recorded.v1	{"protocol":"KET-NP-01","subject":"S02-003","period":1,"recordedBy":"demo.nurse.s02","assessedAt":"2026-10-27T09:56:00+00:00","assessmentCode":"PAIN","timepoint":"PT60M","value":41,"unit":"mm"}	{"actorId":"demo.nurse.s02","actorRole":"DataEntry","reason":null,"correlationId":"e3ff1acf-8c9a-40b9-a751-9bca5500dab4","causationId":"e3ff1acf-8c9a-40b9-a751-9bca5500dab4","commandId":"e3ff1acf-8c9a-40b9-a751-9bca5500dab4"}	2026-12-02 15:08:44.912696+00	97616e29da5638249ee92314be9118f645c25e9b278341d4ce8711af0658b605	920
149	participant-KET-NP-01-S02-003	17	assessment.scale-recorded.v1	{"protocol":"KET-NP-01","subject":"S02-003","period":1,"recordedBy":"demo.nurse.s02","assessedAt":"2026-10-27T10:56:00+00:00","assessmentCode":"PAIN","timepoint":"PT2H","value":43,"unit":"mm"}	{"actorId":"demo.nurse.s02","actorRole":"DataEntry","reason":null,"correlationId":"e0728336-de97-49e4-8f33-1b6dbc2b72ea","causationId":"e0728336-de97-49e4-8f33-1b6dbc2b72ea","commandId":"e0728336-de97-49e4-8f33-1b6dbc2b72ea"}	2026-12-02 15:08:44.929317+00	ec613a4dade449e496491899bc9e6e6eb0e7fc4b01b1e63013ebc3e0581ef7a1	927
110	participant-KET-NP-01-S02-003	3	participant.randomized.v1	{"protocol":"KET-NP-01","subject":"S02-003","randomizedBy":"demo.coordinator.s02","randomizedAt":"2026-12-02T15:08:44.5580608+00:00","stratum":"S02","periods":[{"period":1,"kit":"640261"},{"period":2,"kit":"841329"}]}	{"actorId":"demo.coordinator.s02","actorRole":"Coordinator","reason":null,"correlationId":"90d7bce1-662a-4a94-9c9e-b12c2f177d3b","causationId":"90d7bce1-662a-4a94-9c9e-b12c2f177d3b","commandId":"90d7bce1-662a-4a94-9c9e-b12c2f177d3b"}	2026-12-02 15:08:44.559112+00	d1c32ba10f62344cd6d59c3598b8bc6556d38956c52d5c12743616b8b59925b0	873
116	participant-KET-NP-01-S01-001	31	assessment.scale-recorded.v1	{"protocol":"KET-NP-01","subject":"S01-001","period":2,"recordedBy":"demo.nurse.s01","assessedAt":"2026-10-20T10:07:00+00:00","assessmentCode":"PAIN","timepoint":"PT40M","value":52,"unit":"mm"}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"d66778af-d059-455d-b8ca-dc7d4a94e91e","causationId":"d66778af-d059-455d-b8ca-dc7d4a94e91e","commandId":"d66778af-d059-455d-b8ca-dc7d4a94e91e"}	2026-12-02 15:08:44.605915+00	9efbcf6619a5eb2f54ad4f93ef4c4bd12c12f94e88d03b679cb0a7e3921e2df4	881
119	participant-KET-NP-01-S01-001	33	assessment.scale-recorded.v1	{"protocol":"KET-NP-01","subject":"S01-001","period":2,"recordedBy":"demo.nurse.s01","assessedAt":"2026-10-20T10:26:00+00:00","assessmentCode":"PAIN","timepoint":"PT60M","value":53,"unit":"mm"}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"3c907dd1-b0c6-4983-af7b-18caf7810b91","causationId":"3c907dd1-b0c6-4983-af7b-18caf7810b91","commandId":"3c907dd1-b0c6-4983-af7b-18caf7810b91"}	2026-12-02 15:08:44.637315+00	6725bb6723875aa53ef4500ff13334b510e92fedbf8ce58c08d29f3294d178e7	885
124	participant-KET-NP-01-S02-003	8	dosing.started.v1	{"protocol":"KET-NP-01","subject":"S02-003","period":1,"recordedBy":"demo.nurse.s02","startedAt":"2026-10-27T08:54:00+00:00"}	{"actorId":"demo.nurse.s02","actorRole":"DataEntry","reason":null,"correlationId":"34aee1de-273c-4903-b125-607904074a02","causationId":"34aee1de-273c-4903-b125-607904074a02","commandId":"34aee1de-273c-4903-b125-607904074a02"}	2026-12-02 15:08:44.659885+00	e3d6246d9c2c381320e7b367d481b781917d8f2908db935417357252cc281015	891
129	participant-KET-NP-01-S01-003	31	assessment.scale-recorded.v1	{"protocol":"KET-NP-01","subject":"S01-003","period":2,"recordedBy":"demo.nurse.s01","assessedAt":"2026-11-02T10:26:00+00:00","assessmentCode":"PAIN","timepoint":"PT40M","value":36,"unit":"mm"}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"4280d996-c531-4342-9401-0e5e864690c2","causationId":"4280d996-c531-4342-9401-0e5e864690c2","commandId":"4280d996-c531-4342-9401-0e5e864690c2"}	2026-12-02 15:08:44.791422+00	0bd57d72f219327dba2c62b5e12215c049c81b90b22482a0aaecf32b375274f0	900
137	participant-KET-NP-01-S01-003	33	assessment.scale-recorded.v1	{"protocol":"KET-NP-01","subject":"S01-003","period":2,"recordedBy":"demo.nurse.s01","assessedAt":"2026-11-02T10:45:00+00:00","assessmentCode":"PAIN","timepoint":"PT60M","value":50,"unit":"mm"}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"6b070fc4-ff6c-4e25-a595-172d80ea1088","causationId":"6b070fc4-ff6c-4e25-a595-172d80ea1088","commandId":"6b070fc4-ff6c-4e25-a595-172d80ea1088"}	2026-12-02 15:08:44.874354+00	6e2101e69aff35803ebba72d6fb6fa1aace620dffe7e0dc98a54353afe7f0a4b	910
140	participant-KET-NP-01-S01-003	35	assessment.scale-recorded.v1	{"protocol":"KET-NP-01","subject":"S01-003","period":2,"recordedBy":"demo.nurse.s01","assessedAt":"2026-11-02T11:43:00+00:00","assessmentCode":"PAIN","timepoint":"PT2H","value":52,"unit":"mm"}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"f1bd7422-0243-48fc-a6ec-c8cd97336b96","causationId":"f1bd7422-0243-48fc-a6ec-c8cd97336b96","commandId":"f1bd7422-0243-48fc-a6ec-c8cd97336b96"}	2026-12-02 15:08:44.900088+00	f6679f3ce230c8c88d5c494568dca869755ce917d0069d2c2ab6f680f91fea2f	916
145	participant-KET-NP-01-S01-002	24	assessment.scale-recorded.v1	{"protocol":"KET-NP-01","subject":"S01-002","period":2,"recordedBy":"demo.nurse.s01","assessedAt":"2026-10-24T08:54:00+00:00","assessmentCode":"PAIN","timepoint":"PT0M","value":56,"unit":"mm"}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"96838afa-8dd4-4367-bfde-003cad0e53ba","causationId":"96838afa-8dd4-4367-bfde-003cad0e53ba","commandId":"96838afa-8dd4-4367-bfde-003cad0e53ba"}	2026-12-02 15:08:44.917754+00	d4b7f57cafcbdaba6ce9688960ddc67822007c8f1457f096a56f08078acdc46c	922
154	adverse-event-05b4c3b2ed3a426d	1	adverse-event.reported.v1	{"adverseEventId":"05b4c3b2ed3a426d","protocol":"KET-NP-01","subject":"S01-003","reportedBy":"demo.investigator.s01","awareAt":"2026-11-02T10:24:00+00:00","details":{"meddraCode":10013573,"term":"Dizziness","onset":"2026-11-02T10:19","end":"2026-11-02T13:33","grade":2,"seriousness":[],"causality":"Unlikely","actionTaken":"DoseNotChanged","outcome":"RecoveredResolved","serious":false},"period":2,"sponsorReportDueAt":null}	{"actorId":"demo.investigator.s01","actorRole":"Investigator","reason":null,"correlationId":"a1fb00b8-fc58-42f3-82aa-2a8c67135cab","causationId":"a1fb00b8-fc58-42f3-82aa-2a8c67135cab","commandId":"a1fb00b8-fc58-42f3-82aa-2a8c67135cab"}	2026-12-02 15:08:44.97968+00	97fa4a95064140e188badf00e389b6e817b560cdc8b688b7744c0b0f8f16fa62	934
159	adverse-event-d7df0da8737f49e0	1	adverse-event.reported.v1	{"adverseEventId":"d7df0da8737f49e0","protocol":"KET-NP-01","subject":"S01-003","reportedBy":"demo.investigator.s01","awareAt":"2026-11-02T10:25:00+00:00","details":{"meddraCode":10019211,"term":"Headache","onset":"2026-11-02T10:20","end":"2026-11-02T11:24","grade":1,"seriousness":[],"causality":"Probable","actionTaken":"DoseNotChanged","outcome":"RecoveredResolved","serious":false},"period":2,"sponsorReportDueAt":null}	{"actorId":"demo.investigator.s01","actorRole":"Investigator","reason":null,"correlationId":"19253d59-5ed4-4580-859d-88aa12213333","causationId":"19253d59-5ed4-4580-859d-88aa12213333","commandId":"19253d59-5ed4-4580-859d-88aa12213333"}	2026-12-02 15:08:44.992772+00	7d5cca2de5f9ff844060e24bcbeb0cfa5a65ea2fbf9b684ea99c9ec6fa54d1c6	941
168	participant-KET-NP-01-S01-001	38	participant.completed.v1	{"protocol":"KET-NP-01","subject":"S01-001","recordedBy":"demo.coordinator.s01","completedAt":"2026-10-21T10:39:00+00:00","periodsCompleted":2}	{"actorId":"demo.coordinator.s01","actorRole":"Coordinator","reason":null,"correlationId":"e561998c-4238-4202-bc20-a9ab7211b8b2","causationId":"e561998c-4238-4202-bc20-a9ab7211b8b2","commandId":"e561998c-4238-4202-bc20-a9ab7211b8b2"}	2026-12-02 15:08:45.066284+00	47f7f49ffa0d2af38e799bd711bf30435fc6a9232489fce7ed17625a77a8b72d	955
176	participant-KET-NP-01-S01-002	34	assessment.vitals-recorded.v1	{"protocol":"KET-NP-01","subject":"S01-002","period":2,"recordedBy":"demo.nurse.s01","measuredAt":"2026-10-24T10:11:00+00:00","assessmentCode":"VITALS","timepoint":"PT60M","values":{"systolicMmHg":127,"diastolicMmHg":71,"heartRatePerMin":74,"spo2Percent":96}}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"d17e451f-d725-4f84-aa85-b0c21b0553b1","causationId":"d17e451f-d725-4f84-aa85-b0c21b0553b1","commandId":"d17e451f-d725-4f84-aa85-b0c21b0553b1"}	2026-12-02 15:08:45.126233+00	b38b807898557998f4f0dbd1ab297f3454b52b248d3bd4f09e5a7b5483c1304a	966
114	participant-KET-NP-01-S01-003	28	assessment.scale-recorded.v1	{"protocol":"KET-NP-01","subject":"S01-003","period":2,"recordedBy":"demo.nurse.s01","assessedAt":"2026-11-02T10:07:00+00:00","assessmentCode":"PAIN","timepoint":"PT20M","value":52,"unit":"mm"}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"218076f8-3c73-4298-aa1f-0f13f5d03a24","causationId":"218076f8-3c73-4298-aa1f-0f13f5d03a24","commandId":"218076f8-3c73-4298-aa1f-0f13f5d03a24"}	2026-12-02 15:08:44.602967+00	b515f2e66fc4a3c4a6d9f796a735eaf61f8027ba130c6098702e9f4ad017cee7	879
120	participant-KET-NP-01-S02-003	7	assessment.vitals-recorded.v1	{"protocol":"KET-NP-01","subject":"S02-003","period":1,"recordedBy":"demo.nurse.s02","measuredAt":"2026-10-27T08:49:00+00:00","assessmentCode":"VITALS","timepoint":"PT0M","values":{"systolicMmHg":127,"diastolicMmHg":71,"heartRatePerMin":77,"spo2Percent":96}}	{"actorId":"demo.nurse.s02","actorRole":"DataEntry","reason":null,"correlationId":"3a516b63-1bef-45cc-9180-66d371ad8bf9","causationId":"3a516b63-1bef-45cc-9180-66d371ad8bf9","commandId":"3a516b63-1bef-45cc-9180-66d371ad8bf9"}	2026-12-02 15:08:44.641791+00	09cdb8b372b42a161cf79b92a0dc85923a551e0f33469a61b7ca132a4b2fd218	886
127	participant-KET-NP-01-S01-003	30	assessment.vitals-recorded.v1	{"protocol":"KET-NP-01","subject":"S01-003","period":2,"recordedBy":"demo.nurse.s01","measuredAt":"2026-11-02T10:14:00+00:00","assessmentCode":"VITALS","timepoint":"PT30M","values":{"systolicMmHg":139,"diastolicMmHg":96,"heartRatePerMin":64,"spo2Percent":96}}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"37d96cb2-25e5-4831-b023-6fb1c5e6b769","causationId":"37d96cb2-25e5-4831-b023-6fb1c5e6b769","commandId":"37d96cb2-25e5-4831-b023-6fb1c5e6b769"}	2026-12-02 15:08:44.764358+00	9cef4db790f71e08e48fb075c2f1a74525fc3271648068ca011de0f5f7f3dc84	897
130	participant-KET-NP-01-S01-001	37	dosing.stopped.v1	{"protocol":"KET-NP-01","subject":"S01-001","period":2,"recordedBy":"demo.nurse.s01","stoppedAt":"2026-10-20T10:09:00+00:00","completed":true,"earlyStopReason":null}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"ad802027-6e02-4684-9222-e03b7f813a2d","causationId":"ad802027-6e02-4684-9222-e03b7f813a2d","commandId":"ad802027-6e02-4684-9222-e03b7f813a2d"}	2026-12-02 15:08:44.795879+00	9ea95bddaeced5c33aefa88b004bb2145bb19d8bbe34721aa9fa8c98e874459f	901
135	participant-KET-NP-01-S02-003	12	assessment.vitals-recorded.v1	{"protocol":"KET-NP-01","subject":"S02-003","period":1,"recordedBy":"demo.nurse.s02","measuredAt":"2026-10-27T09:26:00+00:00","assessmentCode":"VITALS","timepoint":"PT30M","values":{"systolicMmHg":136,"diastolicMmHg":81,"heartRatePerMin":89,"spo2Percent":97}}	{"actorId":"demo.nurse.s02","actorRole":"DataEntry","reason":null,"correlationId":"45e92ad6-8ed6-4687-8820-e414723b709b","causationId":"45e92ad6-8ed6-4687-8820-e414723b709b","commandId":"45e92ad6-8ed6-4687-8820-e414723b709b"}	2026-12-02 15:08:44.867511+00	9253b7950b81853884a278f74485f1ef44485aff811ea6870d987074ffcdf6df	908
138	participant-KET-NP-01-S01-003	34	assessment.vitals-recorded.v1	{"protocol":"KET-NP-01","subject":"S01-003","period":2,"recordedBy":"demo.nurse.s01","measuredAt":"2026-11-02T10:46:00+00:00","assessmentCode":"VITALS","timepoint":"PT60M","values":{"systolicMmHg":144,"diastolicMmHg":77,"heartRatePerMin":78,"spo2Percent":97}}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"9b251419-4a89-432f-923e-b1c2ed170dfd","causationId":"9b251419-4a89-432f-923e-b1c2ed170dfd","commandId":"9b251419-4a89-432f-923e-b1c2ed170dfd"}	2026-12-02 15:08:44.887743+00	9e7b9a3858bfa5f7925d203e235f51575b92d15c4dcb0fe62899c7a7a4177f64	912
144	participant-KET-NP-01-S01-003	36	assessment.scale-recorded.v1	{"protocol":"KET-NP-01","subject":"S01-003","period":2,"recordedBy":"demo.nurse.s01","assessedAt":"2026-11-03T09:47:00+00:00","assessmentCode":"PAIN","timepoint":"PT24H","value":71,"unit":"mm"}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"ca8adcdf-467c-47e5-9367-1f1190096d28","causationId":"ca8adcdf-467c-47e5-9367-1f1190096d28","commandId":"ca8adcdf-467c-47e5-9367-1f1190096d28"}	2026-12-02 15:08:44.913271+00	b459fde973089b9ec0cb000c8c9e2063ac2cce7a223e441d73ff4077e4b79a7c	921
148	participant-KET-NP-01-S01-002	25	assessment.vitals-recorded.v1	{"protocol":"KET-NP-01","subject":"S01-002","period":2,"recordedBy":"demo.nurse.s01","measuredAt":"2026-10-24T09:03:00+00:00","assessmentCode":"VITALS","timepoint":"PT0M","values":{"systolicMmHg":118,"diastolicMmHg":68,"heartRatePerMin":70,"spo2Percent":97}}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"f8f78972-e745-4d1d-887b-d256d91d76cd","causationId":"f8f78972-e745-4d1d-887b-d256d91d76cd","commandId":"f8f78972-e745-4d1d-887b-d256d91d76cd"}	2026-12-02 15:08:44.927387+00	17aa138574d0fedee19c379e2ec6c8d7a986565addc09c9989bce0936244c607	926
155	participant-KET-NP-01-S02-003	19	dosing.stopped.v1	{"protocol":"KET-NP-01","subject":"S02-003","period":1,"recordedBy":"demo.nurse.s02","stoppedAt":"2026-10-27T09:34:00+00:00","completed":true,"earlyStopReason":null}	{"actorId":"demo.nurse.s02","actorRole":"DataEntry","reason":null,"correlationId":"c9872db8-5216-433e-b21f-82045be01435","causationId":"c9872db8-5216-433e-b21f-82045be01435","commandId":"c9872db8-5216-433e-b21f-82045be01435"}	2026-12-02 15:08:44.979044+00	cd3921fca2d6470b9e17c99bb5da2446b6836a8c1860315587c6c9a77c68fa2a	935
157	adverse-event-e4a4ddc0d1434280	1	adverse-event.reported.v1	{"adverseEventId":"e4a4ddc0d1434280","protocol":"KET-NP-01","subject":"S02-003","reportedBy":"demo.investigator.s02","awareAt":"2026-10-27T10:04:00+00:00","details":{"meddraCode":10013573,"term":"Dizziness","onset":"2026-10-27","end":"2026-10-27","grade":1,"seriousness":[],"causality":"Unlikely","actionTaken":"DoseNotChanged","outcome":"RecoveredResolved","serious":false},"period":1,"sponsorReportDueAt":null}	{"actorId":"demo.investigator.s02","actorRole":"Investigator","reason":null,"correlationId":"d00d9d92-de46-4ed0-8b06-9f53dab24f86","causationId":"d00d9d92-de46-4ed0-8b06-9f53dab24f86","commandId":"d00d9d92-de46-4ed0-8b06-9f53dab24f86"}	2026-12-02 15:08:44.989746+00	eb230d9bfdf77e38a13e3e8f6014a2283fcbe3235bf5546408e2ef4dc05c8b31	939
164	participant-KET-NP-01-S02-003	20	dosing.weight-recorded.v1	{"protocol":"KET-NP-01","subject":"S02-003","period":2,"recordedBy":"demo.nurse.s02","measuredAt":"2026-11-05T08:28:00+00:00","weightKg":76.3}	{"actorId":"demo.nurse.s02","actorRole":"DataEntry","reason":null,"correlationId":"5b5917f6-dc18-4811-bbef-129d142e12a7","causationId":"5b5917f6-dc18-4811-bbef-129d142e12a7","commandId":"5b5917f6-dc18-4811-bbef-129d142e12a7"}	2026-12-02 15:08:45.041548+00	f41119c543587d7591e5b705e57e9a3b5b9755f847167acab963d025c16fcb33	949
170	participant-KET-NP-01-S01-002	31	assessment.scale-recorded.v1	{"protocol":"KET-NP-01","subject":"S01-002","period":2,"recordedBy":"demo.nurse.s01","assessedAt":"2026-10-24T09:49:00+00:00","assessmentCode":"PAIN","timepoint":"PT40M","value":55,"unit":"mm"}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"1a85e325-c1ff-43b4-8801-2f840bb140da","causationId":"1a85e325-c1ff-43b4-8801-2f840bb140da","commandId":"1a85e325-c1ff-43b4-8801-2f840bb140da"}	2026-12-02 15:08:45.080707+00	dbb69524d98feef68bd4c5cc0cf1cdc120fd872b5a058a52cc9eef7d043fc501	958
152	randomization-KET-NP-01-S01	5	blinding.emergency-unblinding-performed.v1	{"protocol":"KET-NP-01","stratum":"S01","performedBy":"demo.investigator.s01","performedAt":"2026-12-02T15:08:44.9558783+00:00","participantId":"S01-001","entryNumber":1,"reason":"Hypertensive urgency requiring admission; the treating physician needs to know whether ketamine was given.","compromisedPeriods":[1,2]}	{"actorId":"demo.investigator.s01","actorRole":"Investigator","reason":"Hypertensive urgency requiring admission; the treating physician needs to know whether ketamine was given.","correlationId":"703e165b-773d-42e1-a966-408313c7c88f","causationId":"703e165b-773d-42e1-a966-408313c7c88f","commandId":"703e165b-773d-42e1-a966-408313c7c88f"}	2026-12-02 15:08:44.958104+00	b61689e4f1af505f45f846c45af178d6b9cb6633ff795d0c60220713f0a982bf	931
165	adverse-event-8eededef75884d3e	4	adverse-event.outcome-recorded.v1	{"adverseEventId":"8eededef75884d3e","protocol":"KET-NP-01","subject":"S01-001","recordedBy":"demo.investigator.s01","recordedAt":"2026-12-02T15:08:45.0305536+00:00","outcome":"RecoveredResolved","end":"2026-10-22"}	{"actorId":"demo.investigator.s01","actorRole":"Investigator","reason":null,"correlationId":"66b0669b-6000-4633-b2aa-6466b8840237","causationId":"66b0669b-6000-4633-b2aa-6466b8840237","commandId":"66b0669b-6000-4633-b2aa-6466b8840237"}	2026-12-02 15:08:45.032113+00	a01fffebb0dcc1a4ecc13bea1d08c98d2dba56b6a43343ac540ac4089a534ce2	950
167	participant-KET-NP-01-S02-003	21	dosing.dose-prepared.v1	{"protocol":"KET-NP-01","subject":"S02-003","period":2,"preparedBy":"demo.pharmacist.s02","preparedAt":"2026-11-05T08:38:00+00:00","kit":"841329","checkedBy":"demo.pharmacy-technician.s02","weightKg":76.3}	{"actorId":"demo.pharmacist.s02","actorRole":"Pharmacist","reason":null,"correlationId":"7478b63b-ab05-4228-b723-8a9d4a801473","causationId":"7478b63b-ab05-4228-b723-8a9d4a801473","commandId":"7478b63b-ab05-4228-b723-8a9d4a801473"}	2026-12-02 15:08:45.066188+00	b05c443b9bdfacdd7739ed40488a23cc6b7af7fcababc38a2f2883e2bdd28194	953
172	participant-KET-NP-01-S01-002	32	assessment.vitals-recorded.v1	{"protocol":"KET-NP-01","subject":"S01-002","period":2,"recordedBy":"demo.nurse.s01","measuredAt":"2026-10-24T09:50:00+00:00","assessmentCode":"VITALS","timepoint":"PT40M","values":{"systolicMmHg":127,"diastolicMmHg":89,"heartRatePerMin":68,"spo2Percent":98}}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"7cffc48d-a1d5-4956-8363-7cf0426f8fe9","causationId":"7cffc48d-a1d5-4956-8363-7cf0426f8fe9","commandId":"7cffc48d-a1d5-4956-8363-7cf0426f8fe9"}	2026-12-02 15:08:45.104518+00	1a023aebb71d53ed46daf64cb6f2e464fab241a08b7a1eeaa25930efec7b7020	960
175	participant-KET-NP-01-S02-003	25	assessment.vitals-recorded.v1	{"protocol":"KET-NP-01","subject":"S02-003","period":2,"recordedBy":"demo.nurse.s02","measuredAt":"2026-11-05T09:28:00+00:00","assessmentCode":"VITALS","timepoint":"PT10M","values":{"systolicMmHg":124,"diastolicMmHg":69,"heartRatePerMin":100,"spo2Percent":96}}	{"actorId":"demo.nurse.s02","actorRole":"DataEntry","reason":null,"correlationId":"935b5796-a54c-4af5-afc5-a91b57057c9c","causationId":"935b5796-a54c-4af5-afc5-a91b57057c9c","commandId":"935b5796-a54c-4af5-afc5-a91b57057c9c"}	2026-12-02 15:08:45.125697+00	35c7b272bab19cc6eac5ecd48d286d19b81ca2b52833ad23fa5894a52c4d3eb6	965
180	participant-KET-NP-01-S01-002	36	assessment.scale-recorded.v1	{"protocol":"KET-NP-01","subject":"S01-002","period":2,"recordedBy":"demo.nurse.s01","assessedAt":"2026-10-25T09:12:00+00:00","assessmentCode":"PAIN","timepoint":"PT24H","value":62,"unit":"mm"}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"dffbb164-ffa8-4feb-b80d-c121294a3d08","causationId":"dffbb164-ffa8-4feb-b80d-c121294a3d08","commandId":"dffbb164-ffa8-4feb-b80d-c121294a3d08"}	2026-12-02 15:08:45.154913+00	cf45fd68ddd183ae61d472ead9efcfdb10853814d8c96134cb5e79f8257c34b0	973
185	participant-KET-NP-01-S02-003	30	assessment.vitals-recorded.v1	{"protocol":"KET-NP-01","subject":"S02-003","period":2,"recordedBy":"demo.nurse.s02","measuredAt":"2026-11-05T09:59:00+00:00","assessmentCode":"VITALS","timepoint":"PT40M","values":{"systolicMmHg":128,"diastolicMmHg":89,"heartRatePerMin":64,"spo2Percent":96}}	{"actorId":"demo.nurse.s02","actorRole":"DataEntry","reason":null,"correlationId":"05ade904-1ce8-4c5c-b5d4-edc9ec541b6f","causationId":"05ade904-1ce8-4c5c-b5d4-edc9ec541b6f","commandId":"05ade904-1ce8-4c5c-b5d4-edc9ec541b6f"}	2026-12-02 15:08:45.213332+00	f3e711966216cf0c224209ab5ca1b743fef7e47e614ddd0dc7f18bfc86f2a752	979
190	participant-KET-NP-01-S02-003	35	dosing.stopped.v1	{"protocol":"KET-NP-01","subject":"S02-003","period":2,"recordedBy":"demo.nurse.s02","stoppedAt":"2026-11-05T09:58:00+00:00","completed":true,"earlyStopReason":null}	{"actorId":"demo.nurse.s02","actorRole":"DataEntry","reason":null,"correlationId":"a00609a3-e9ae-4e5b-8c0d-25bd941ad011","causationId":"a00609a3-e9ae-4e5b-8c0d-25bd941ad011","commandId":"a00609a3-e9ae-4e5b-8c0d-25bd941ad011"}	2026-12-02 15:08:45.25456+00	60a87b87c067f506e28e609c9846b3eca29e982b7d8f877dec23bda6c0249875	987
156	participant-KET-NP-01-S01-002	27	assessment.vitals-recorded.v1	{"protocol":"KET-NP-01","subject":"S01-002","period":2,"recordedBy":"demo.nurse.s01","measuredAt":"2026-10-24T09:22:00+00:00","assessmentCode":"VITALS","timepoint":"PT10M","values":{"systolicMmHg":140,"diastolicMmHg":80,"heartRatePerMin":71,"spo2Percent":98}}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"13aa51ae-1018-4e4d-8bae-896ae8412d94","causationId":"13aa51ae-1018-4e4d-8bae-896ae8412d94","commandId":"13aa51ae-1018-4e4d-8bae-896ae8412d94"}	2026-12-02 15:08:44.979587+00	8544e71cc66ffb06ac1f75eed72b6ac6327a5f3b050167444a6060e21ac21933	936
160	participant-KET-NP-01-S01-002	28	assessment.scale-recorded.v1	{"protocol":"KET-NP-01","subject":"S01-002","period":2,"recordedBy":"demo.nurse.s01","assessedAt":"2026-10-24T09:32:00+00:00","assessmentCode":"PAIN","timepoint":"PT20M","value":57,"unit":"mm"}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"6a3ff5e0-da32-4ecb-a415-5b0b93419987","causationId":"6a3ff5e0-da32-4ecb-a415-5b0b93419987","commandId":"6a3ff5e0-da32-4ecb-a415-5b0b93419987"}	2026-12-02 15:08:44.999469+00	f560ced24170bfa217ee047a4d9344fb671ff13600600d244aa87d5fdd3a9241	942
163	participant-KET-NP-01-S01-003	38	participant.completed.v1	{"protocol":"KET-NP-01","subject":"S01-003","recordedBy":"demo.coordinator.s01","completedAt":"2026-11-03T10:59:00+00:00","periodsCompleted":2}	{"actorId":"demo.coordinator.s01","actorRole":"Coordinator","reason":null,"correlationId":"a0abdfae-d157-443c-af1b-60a7a994e9b0","causationId":"a0abdfae-d157-443c-af1b-60a7a994e9b0","commandId":"a0abdfae-d157-443c-af1b-60a7a994e9b0"}	2026-12-02 15:08:45.03462+00	11825ed38ff3fafad1ee8ce6ec5e78fbb9c5b65446c57097f0074450a240fae2	948
174	participant-KET-NP-01-S01-002	33	assessment.scale-recorded.v1	{"protocol":"KET-NP-01","subject":"S01-002","period":2,"recordedBy":"demo.nurse.s01","assessedAt":"2026-10-24T10:10:00+00:00","assessmentCode":"PAIN","timepoint":"PT60M","value":54,"unit":"mm"}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"ac2bcb52-1771-402a-a00d-88e9293b8160","causationId":"ac2bcb52-1771-402a-a00d-88e9293b8160","commandId":"ac2bcb52-1771-402a-a00d-88e9293b8160"}	2026-12-02 15:08:45.111464+00	2452bddfa181737672d83ac9ecde6125bd59fa87b3575f46de9eaa240b7a1d24	963
177	participant-KET-NP-01-S02-003	26	assessment.scale-recorded.v1	{"protocol":"KET-NP-01","subject":"S02-003","period":2,"recordedBy":"demo.nurse.s02","assessedAt":"2026-11-05T09:42:00+00:00","assessmentCode":"PAIN","timepoint":"PT20M","value":58,"unit":"mm"}	{"actorId":"demo.nurse.s02","actorRole":"DataEntry","reason":null,"correlationId":"abf5c7f4-44d3-4aa9-b82f-6141566f9f9a","causationId":"abf5c7f4-44d3-4aa9-b82f-6141566f9f9a","commandId":"abf5c7f4-44d3-4aa9-b82f-6141566f9f9a"}	2026-12-02 15:08:45.132711+00	eaf2d1c0dbddc6326d2fbbcf1c2dc03b05754f195951e30a44ef9ba32572e69d	970
182	participant-KET-NP-01-S01-002	37	dosing.stopped.v1	{"protocol":"KET-NP-01","subject":"S01-002","period":2,"recordedBy":"demo.nurse.s01","stoppedAt":"2026-10-24T09:49:00+00:00","completed":true,"earlyStopReason":null}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"7b21be16-a3e7-47fb-9f35-4b704a18991d","causationId":"7b21be16-a3e7-47fb-9f35-4b704a18991d","commandId":"7b21be16-a3e7-47fb-9f35-4b704a18991d"}	2026-12-02 15:08:45.198588+00	d3439a2438e5f047e77f9e7631512b958675626d1ef1d72be69e21189e15988d	976
187	participant-KET-NP-01-S02-003	32	assessment.vitals-recorded.v1	{"protocol":"KET-NP-01","subject":"S02-003","period":2,"recordedBy":"demo.nurse.s02","measuredAt":"2026-11-05T10:21:00+00:00","assessmentCode":"VITALS","timepoint":"PT60M","values":{"systolicMmHg":155,"diastolicMmHg":71,"heartRatePerMin":65,"spo2Percent":97}}	{"actorId":"demo.nurse.s02","actorRole":"DataEntry","reason":null,"correlationId":"2b682b1e-dfd1-4499-9371-ee266b32a27f","causationId":"2b682b1e-dfd1-4499-9371-ee266b32a27f","commandId":"2b682b1e-dfd1-4499-9371-ee266b32a27f"}	2026-12-02 15:08:45.234521+00	53bd1b60cdbcf83e436657b4697966d6b126b59742954f77972b279012157a67	983
162	participant-KET-NP-01-S01-002	29	assessment.vitals-recorded.v1	{"protocol":"KET-NP-01","subject":"S01-002","period":2,"recordedBy":"demo.nurse.s01","measuredAt":"2026-10-24T09:31:00+00:00","assessmentCode":"VITALS","timepoint":"PT20M","values":{"systolicMmHg":145,"diastolicMmHg":76,"heartRatePerMin":85,"spo2Percent":97}}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"bd998dae-1939-425c-833a-c469dff221db","causationId":"bd998dae-1939-425c-833a-c469dff221db","commandId":"bd998dae-1939-425c-833a-c469dff221db"}	2026-12-02 15:08:45.022429+00	bb377b364c80edb7dc5f000e01009ea0cbb4bdc0da1408a9655459545ead4bf9	946
169	participant-KET-NP-01-S02-003	22	assessment.scale-recorded.v1	{"protocol":"KET-NP-01","subject":"S02-003","period":2,"recordedBy":"demo.nurse.s02","assessedAt":"2026-11-05T09:09:00+00:00","assessmentCode":"PAIN","timepoint":"PT0M","value":56,"unit":"mm"}	{"actorId":"demo.nurse.s02","actorRole":"DataEntry","reason":null,"correlationId":"e85f5720-4a80-42b8-a8b0-8c33a356c39b","causationId":"e85f5720-4a80-42b8-a8b0-8c33a356c39b","commandId":"e85f5720-4a80-42b8-a8b0-8c33a356c39b"}	2026-12-02 15:08:45.088403+00	3a9dbdd4c23fba9b3ad641f211929d46a3e5d4a6b4531a3c003d477b014ec226	957
173	participant-KET-NP-01-S02-003	24	dosing.started.v1	{"protocol":"KET-NP-01","subject":"S02-003","period":2,"recordedBy":"demo.nurse.s02","startedAt":"2026-11-05T09:18:00+00:00"}	{"actorId":"demo.nurse.s02","actorRole":"DataEntry","reason":null,"correlationId":"bf3ef6f9-7a2f-4e08-a5bf-b979b415dc7a","causationId":"bf3ef6f9-7a2f-4e08-a5bf-b979b415dc7a","commandId":"bf3ef6f9-7a2f-4e08-a5bf-b979b415dc7a"}	2026-12-02 15:08:45.111005+00	bc5c826e529b956dd9b643496a358e31261f9e95c5047c3f19be032db4a9cf8b	962
181	participant-KET-NP-01-S02-003	28	assessment.vitals-recorded.v1	{"protocol":"KET-NP-01","subject":"S02-003","period":2,"recordedBy":"demo.nurse.s02","measuredAt":"2026-11-05T09:52:00+00:00","assessmentCode":"VITALS","timepoint":"PT30M","values":{"systolicMmHg":133,"diastolicMmHg":76,"heartRatePerMin":78,"spo2Percent":95}}	{"actorId":"demo.nurse.s02","actorRole":"DataEntry","reason":null,"correlationId":"34dff325-8349-4fad-ba97-2ffbda6143dd","causationId":"34dff325-8349-4fad-ba97-2ffbda6143dd","commandId":"34dff325-8349-4fad-ba97-2ffbda6143dd"}	2026-12-02 15:08:45.191177+00	a2c7e3c800e29a2cc5fcd28743ea524b09ee008687af55768160b442e4af8d2c	975
186	participant-KET-NP-01-S02-003	31	assessment.scale-recorded.v1	{"protocol":"KET-NP-01","subject":"S02-003","period":2,"recordedBy":"demo.nurse.s02","assessedAt":"2026-11-05T10:22:00+00:00","assessmentCode":"PAIN","timepoint":"PT60M","value":54,"unit":"mm"}	{"actorId":"demo.nurse.s02","actorRole":"DataEntry","reason":null,"correlationId":"bd3625ae-2809-439f-8cb1-14f5bed2964c","causationId":"bd3625ae-2809-439f-8cb1-14f5bed2964c","commandId":"bd3625ae-2809-439f-8cb1-14f5bed2964c"}	2026-12-02 15:08:45.223094+00	adb1104fab5b32d52cd7545a43fd7f84c075fa28ab06acce86eac0d5fc87bf89	981
179	participant-KET-NP-01-S02-003	27	assessment.vitals-recorded.v1	{"protocol":"KET-NP-01","subject":"S02-003","period":2,"recordedBy":"demo.nurse.s02","measuredAt":"2026-11-05T09:42:00+00:00","assessmentCode":"VITALS","timepoint":"PT20M","values":{"systolicMmHg":126,"diastolicMmHg":77,"heartRatePerMin":65,"spo2Percent":98}}	{"actorId":"demo.nurse.s02","actorRole":"DataEntry","reason":null,"correlationId":"5c737068-4cec-40f5-9fd3-324968e4874a","causationId":"5c737068-4cec-40f5-9fd3-324968e4874a","commandId":"5c737068-4cec-40f5-9fd3-324968e4874a"}	2026-12-02 15:08:45.150302+00	8c12d7416f634143c7520854aa5722739d2056057ccfac5b8d33ca6a85f9d52c	971
184	participant-KET-NP-01-S01-002	38	participant.completed.v1	{"protocol":"KET-NP-01","subject":"S01-002","recordedBy":"demo.coordinator.s01","completedAt":"2026-10-25T10:19:00+00:00","periodsCompleted":2}	{"actorId":"demo.coordinator.s01","actorRole":"Coordinator","reason":null,"correlationId":"174c9935-36af-4606-a84e-eb1c617866ac","causationId":"174c9935-36af-4606-a84e-eb1c617866ac","commandId":"174c9935-36af-4606-a84e-eb1c617866ac"}	2026-12-02 15:08:45.209809+00	751832b77cb1579928613af2b0fbdf3f2324f8be19474e79179767f3ea69525c	978
189	participant-KET-NP-01-S02-003	34	assessment.scale-recorded.v1	{"protocol":"KET-NP-01","subject":"S02-003","period":2,"recordedBy":"demo.nurse.s02","assessedAt":"2026-11-06T09:21:00+00:00","assessmentCode":"PAIN","timepoint":"PT24H","value":65,"unit":"mm"}	{"actorId":"demo.nurse.s02","actorRole":"DataEntry","reason":null,"correlationId":"3c28b7a3-d376-432b-a02b-3cea94e18c5a","causationId":"3c28b7a3-d376-432b-a02b-3cea94e18c5a","commandId":"3c28b7a3-d376-432b-a02b-3cea94e18c5a"}	2026-12-02 15:08:45.247241+00	f5690a0828ecb6dc64ebd9e76214cc094183c5f2f5938896a9242cd6ee4904e5	985
183	participant-KET-NP-01-S02-003	29	assessment.scale-recorded.v1	{"protocol":"KET-NP-01","subject":"S02-003","period":2,"recordedBy":"demo.nurse.s02","assessedAt":"2026-11-05T09:59:00+00:00","assessmentCode":"PAIN","timepoint":"PT40M","value":58,"unit":"mm"}	{"actorId":"demo.nurse.s02","actorRole":"DataEntry","reason":null,"correlationId":"cb72b865-7b55-4aaa-93a9-b1145447ce50","causationId":"cb72b865-7b55-4aaa-93a9-b1145447ce50","commandId":"cb72b865-7b55-4aaa-93a9-b1145447ce50"}	2026-12-02 15:08:45.203725+00	6e0d5852d5a2fb8b0fd719801da7ba4a3a7633e86072857403fc93effb585ba9	977
191	participant-KET-NP-01-S02-003	36	participant.completed.v1	{"protocol":"KET-NP-01","subject":"S02-003","recordedBy":"demo.coordinator.s02","completedAt":"2026-11-06T10:28:00+00:00","periodsCompleted":2}	{"actorId":"demo.coordinator.s02","actorRole":"Coordinator","reason":null,"correlationId":"6f62a8cd-9490-4188-91b8-bfef401d8f0c","causationId":"6f62a8cd-9490-4188-91b8-bfef401d8f0c","commandId":"6f62a8cd-9490-4188-91b8-bfef401d8f0c"}	2026-12-02 15:08:45.263937+00	b3a0d3eb145568f2b220ed2fa571fed1a756ab0cf9063d8a2b2cc3faf72e9063	988
188	participant-KET-NP-01-S02-003	33	assessment.scale-recorded.v1	{"protocol":"KET-NP-01","subject":"S02-003","period":2,"recordedBy":"demo.nurse.s02","assessedAt":"2026-11-05T11:20:00+00:00","assessmentCode":"PAIN","timepoint":"PT2H","value":50,"unit":"mm"}	{"actorId":"demo.nurse.s02","actorRole":"DataEntry","reason":null,"correlationId":"9a68e140-a2d4-4ce0-987e-346e8653fbc5","causationId":"9a68e140-a2d4-4ce0-987e-346e8653fbc5","commandId":"9a68e140-a2d4-4ce0-987e-346e8653fbc5"}	2026-12-02 15:08:45.241675+00	d01ef21c2469c13b05de1a01cf15de3ec18dacf8549d2fbb5e8271f32d2cc3e8	984
192	user-alice.admin	1	identity.user-created.v1	{"userName":"alice.admin","createdBy":"cli:root","createdAt":"2026-12-02T15:08:53.2210816+00:00","displayName":"Alice Admin","role":"Administrator","sites":[],"passwordHash":"AQAAAAIAAYagAAAAEEhg5rcyCaGbX6LpCcmutkRPGl1awdqy9WydOFln7yInCaRKCyTSkZG9Y33JfEKP2w=="}	{"actorId":"cli:root","actorRole":"Administrator","reason":null,"correlationId":"030ac593-872e-4898-9965-7a0d217e72a0","causationId":"030ac593-872e-4898-9965-7a0d217e72a0","commandId":"030ac593-872e-4898-9965-7a0d217e72a0"}	2026-12-02 15:08:53.231874+00	8adfd57c8a83e72b30a89a36645f4e8382fcb1b14813f915fc74aa87ed059fec	1006
193	participant-KET-NP-01-S01-004	1	participant.screened.v1	{"protocol":"KET-NP-01","subject":"S01-004","screenedBy":"demo.coordinator.s01","screenedAt":"2026-12-02T15:10:14.0640851+00:00","site":"S01","protocolVersion":1,"consentDate":"2026-10-10","consentFormVersion":"2.1 (2026-01-15)"}	{"actorId":"demo.coordinator.s01","actorRole":"Coordinator","reason":null,"correlationId":"e768a5be-9910-4882-86f9-647f9ab31dc6","causationId":"e768a5be-9910-4882-86f9-647f9ab31dc6","commandId":"e768a5be-9910-4882-86f9-647f9ab31dc6"}	2026-12-02 15:10:14.075102+00	a1020ac1cceaa22d7c69854f0d1877ee300d1aeddc026d1122107a09a8de9485	1010
194	participant-KET-NP-01-S01-004	2	participant.eligibility-confirmed.v1	{"protocol":"KET-NP-01","subject":"S01-004","confirmedBy":"demo.investigator.s01","confirmedAt":"2026-12-02T15:10:14.1702904+00:00","protocolVersion":1,"answers":[{"code":"IN01","kind":"Inclusion","met":true,"fails":false},{"code":"IN02","kind":"Inclusion","met":true,"fails":false},{"code":"IN03","kind":"Inclusion","met":true,"fails":false},{"code":"EX01","kind":"Exclusion","met":false,"fails":false},{"code":"EX02","kind":"Exclusion","met":false,"fails":false},{"code":"EX03","kind":"Exclusion","met":false,"fails":false},{"code":"EX04","kind":"Exclusion","met":false,"fails":false}],"eligible":true,"failedCriteria":[]}	{"actorId":"demo.investigator.s01","actorRole":"Investigator","reason":null,"correlationId":"60d63f9e-abad-4f4a-859a-d9e0e36f6404","causationId":"60d63f9e-abad-4f4a-859a-d9e0e36f6404","commandId":"60d63f9e-abad-4f4a-859a-d9e0e36f6404"}	2026-12-02 15:10:14.177474+00	26ab0b1a43714eca783c9df08259de565d4e3b8e508bbbeaf97052a1dd08dd90	1012
195	randomization-KET-NP-01-S01	6	randomization.allocation-assigned.v1	{"protocol":"KET-NP-01","stratum":"S01","assignedBy":"demo.coordinator.s01","assignedAt":"2026-12-02T15:10:14.2101799+00:00","participantId":"S01-004","entryNumber":4}	{"actorId":"demo.coordinator.s01","actorRole":"Coordinator","reason":null,"correlationId":"08c481c8-a6a8-4618-bb77-dbb4e40d5bbf","causationId":"08c481c8-a6a8-4618-bb77-dbb4e40d5bbf","commandId":"08c481c8-a6a8-4618-bb77-dbb4e40d5bbf"}	2026-12-02 15:10:14.217195+00	2c276cb2b71efd847c06d3817f12feeaad24bba7597d6f06c8ed35ccab5643d7	1014
196	participant-KET-NP-01-S01-004	3	participant.randomized.v1	{"protocol":"KET-NP-01","subject":"S01-004","randomizedBy":"demo.coordinator.s01","randomizedAt":"2026-12-02T15:10:14.2101799+00:00","stratum":"S01","periods":[{"period":1,"kit":"980643"},{"period":2,"kit":"979161"}]}	{"actorId":"demo.coordinator.s01","actorRole":"Coordinator","reason":null,"correlationId":"08c481c8-a6a8-4618-bb77-dbb4e40d5bbf","causationId":"08c481c8-a6a8-4618-bb77-dbb4e40d5bbf","commandId":"08c481c8-a6a8-4618-bb77-dbb4e40d5bbf"}	2026-12-02 15:10:14.219674+00	ee0b84de45ea700f59822fed6283399d76e73073ae7ab39970195a6970823e99	1014
197	participant-KET-NP-01-S01-004	4	dosing.weight-recorded.v1	{"protocol":"KET-NP-01","subject":"S01-004","period":1,"recordedBy":"demo.nurse.s01","measuredAt":"2026-10-17T08:41:00+00:00","weightKg":86.9}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"83295dc4-6e7e-4e21-8174-57c4b1efae7e","causationId":"83295dc4-6e7e-4e21-8174-57c4b1efae7e","commandId":"83295dc4-6e7e-4e21-8174-57c4b1efae7e"}	2026-12-02 15:10:14.243909+00	7a2ce9c8c014ab52374cc2f1254bbf1475817406dc8f125b571cd0208f7c49da	1016
198	participant-KET-NP-01-S01-004	5	dosing.dose-prepared.v1	{"protocol":"KET-NP-01","subject":"S01-004","period":1,"preparedBy":"demo.pharmacist.s01","preparedAt":"2026-10-17T08:51:00+00:00","kit":"980643","checkedBy":"demo.pharmacy-technician.s01","weightKg":86.9}	{"actorId":"demo.pharmacist.s01","actorRole":"Pharmacist","reason":null,"correlationId":"bdc48c17-649b-43b8-bc0f-ccccf26ac9d5","causationId":"bdc48c17-649b-43b8-bc0f-ccccf26ac9d5","commandId":"bdc48c17-649b-43b8-bc0f-ccccf26ac9d5"}	2026-12-02 15:10:14.270266+00	3d9f6de99356c43bf1fb0f73557b0f454720d3e895630962094e7291536db504	1018
199	participant-KET-NP-01-S01-004	6	assessment.scale-recorded.v1	{"protocol":"KET-NP-01","subject":"S01-004","period":1,"recordedBy":"demo.nurse.s01","assessedAt":"2026-10-17T09:25:00+00:00","assessmentCode":"PAIN","timepoint":"PT0M","value":65,"unit":"mm"}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"84098c25-2c4d-4ad3-a488-a892b3ca26e3","causationId":"84098c25-2c4d-4ad3-a488-a892b3ca26e3","commandId":"84098c25-2c4d-4ad3-a488-a892b3ca26e3"}	2026-12-02 15:10:14.28142+00	a6413ab2ab382bffdea9e21eefd28d23e4ee0f631c650577fdeb237bf46ed80e	1019
200	participant-KET-NP-01-S01-004	7	assessment.vitals-recorded.v1	{"protocol":"KET-NP-01","subject":"S01-004","period":1,"recordedBy":"demo.nurse.s01","measuredAt":"2026-10-17T09:17:00+00:00","assessmentCode":"VITALS","timepoint":"PT0M","values":{"systolicMmHg":138,"diastolicMmHg":78,"heartRatePerMin":81,"spo2Percent":98}}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"8c7983a2-1b0f-4992-85ed-0788cbc5fd8c","causationId":"8c7983a2-1b0f-4992-85ed-0788cbc5fd8c","commandId":"8c7983a2-1b0f-4992-85ed-0788cbc5fd8c"}	2026-12-02 15:10:14.290664+00	ceb1feda5009dea4a9a1490b898968df473737fed04c9a63225d551607535577	1021
201	participant-KET-NP-01-S01-004	8	dosing.started.v1	{"protocol":"KET-NP-01","subject":"S01-004","period":1,"recordedBy":"demo.nurse.s01","startedAt":"2026-10-17T09:31:00+00:00"}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"8411d4a5-2677-481f-b363-28ca5fac84db","causationId":"8411d4a5-2677-481f-b363-28ca5fac84db","commandId":"8411d4a5-2677-481f-b363-28ca5fac84db"}	2026-12-02 15:10:14.306788+00	9cc52b78a45948e2b7aa95cb274084545c2056cb714ee88dd934df0b12c2ac4b	1022
202	participant-KET-NP-01-S01-004	9	assessment.vitals-recorded.v1	{"protocol":"KET-NP-01","subject":"S01-004","period":1,"recordedBy":"demo.nurse.s01","measuredAt":"2026-10-17T09:43:00+00:00","assessmentCode":"VITALS","timepoint":"PT10M","values":{"systolicMmHg":133,"diastolicMmHg":81,"heartRatePerMin":55,"spo2Percent":99}}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"3d7852ef-c596-4319-bd30-2b273745c4e4","causationId":"3d7852ef-c596-4319-bd30-2b273745c4e4","commandId":"3d7852ef-c596-4319-bd30-2b273745c4e4"}	2026-12-02 15:10:14.319946+00	a2175f6720b75f940b156f9c202780f08e46d2252ff17089a18855e28d07119b	1024
203	participant-KET-NP-01-S01-004	10	assessment.scale-recorded.v1	{"protocol":"KET-NP-01","subject":"S01-004","period":1,"recordedBy":"demo.nurse.s01","assessedAt":"2026-10-17T09:52:00+00:00","assessmentCode":"PAIN","timepoint":"PT20M","value":56,"unit":"mm"}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"75922f21-e7ef-48da-adff-d5fa824861b5","causationId":"75922f21-e7ef-48da-adff-d5fa824861b5","commandId":"75922f21-e7ef-48da-adff-d5fa824861b5"}	2026-12-02 15:10:14.323024+00	df17694a5df79646dfe618cb9b1fbbef7e72e6815440f8933339a8015c8f91ca	1025
205	participant-KET-NP-01-S01-004	12	assessment.vitals-recorded.v1	{"protocol":"KET-NP-01","subject":"S01-004","period":1,"recordedBy":"demo.nurse.s01","measuredAt":"2026-10-17T10:01:00+00:00","assessmentCode":"VITALS","timepoint":"PT30M","values":{"systolicMmHg":124,"diastolicMmHg":80,"heartRatePerMin":87,"spo2Percent":97}}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"6280e846-c3f9-400a-b10a-82382cbcd76e","causationId":"6280e846-c3f9-400a-b10a-82382cbcd76e","commandId":"6280e846-c3f9-400a-b10a-82382cbcd76e"}	2026-12-02 15:10:14.329803+00	55044f19cb8f0851e6a8bf3f6a795886ca31438a8e7ae1af1d784318f53ff63c	1028
207	participant-KET-NP-01-S01-004	14	assessment.vitals-recorded.v1	{"protocol":"KET-NP-01","subject":"S01-004","period":1,"recordedBy":"demo.nurse.s01","measuredAt":"2026-10-17T10:14:00+00:00","assessmentCode":"VITALS","timepoint":"PT40M","values":{"systolicMmHg":114,"diastolicMmHg":87,"heartRatePerMin":77,"spo2Percent":99}}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"c5a5acdd-9b24-4816-a90e-a87bf39eb97a","causationId":"c5a5acdd-9b24-4816-a90e-a87bf39eb97a","commandId":"c5a5acdd-9b24-4816-a90e-a87bf39eb97a"}	2026-12-02 15:10:14.337246+00	d9321af68852932c3a39b52cb0ada8a420895cb2eaf017cfb237afba8d78f104	1031
210	participant-KET-NP-01-S01-004	17	assessment.scale-recorded.v1	{"protocol":"KET-NP-01","subject":"S01-004","period":1,"recordedBy":"demo.nurse.s01","assessedAt":"2026-10-17T11:35:00+00:00","assessmentCode":"PAIN","timepoint":"PT2H","value":50,"unit":"mm"}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"f2654d13-84e0-4dbf-bd0b-825f422d6c0c","causationId":"f2654d13-84e0-4dbf-bd0b-825f422d6c0c","commandId":"f2654d13-84e0-4dbf-bd0b-825f422d6c0c"}	2026-12-02 15:10:14.351576+00	65845041b782cf4d2a4b4e671feed789233765261af0ff50fcc8b734fc4d7025	1036
215	participant-KET-NP-01-S01-004	20	dosing.weight-recorded.v1	{"protocol":"KET-NP-01","subject":"S01-004","period":2,"recordedBy":"demo.nurse.s01","measuredAt":"2026-10-26T07:57:00+00:00","weightKg":85.9}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"7b0fe274-36a9-4d62-a7cc-b948ea2af7d5","causationId":"7b0fe274-36a9-4d62-a7cc-b948ea2af7d5","commandId":"7b0fe274-36a9-4d62-a7cc-b948ea2af7d5"}	2026-12-02 15:10:14.454219+00	79b97b6272367b2cc0c711d17ea476beb5a3c5690b28696c987bd11a9c498521	1044
218	participant-KET-NP-01-S01-004	23	assessment.vitals-recorded.v1	{"protocol":"KET-NP-01","subject":"S01-004","period":2,"recordedBy":"demo.nurse.s01","measuredAt":"2026-10-26T08:40:00+00:00","assessmentCode":"VITALS","timepoint":"PT0M","values":{"systolicMmHg":115,"diastolicMmHg":82,"heartRatePerMin":76,"spo2Percent":99}}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"a3233e0c-00fb-412a-8671-89ddd1368302","causationId":"a3233e0c-00fb-412a-8671-89ddd1368302","commandId":"a3233e0c-00fb-412a-8671-89ddd1368302"}	2026-12-02 15:10:14.471522+00	14b6cad0d5eea08ccad560f48494e878328da936541b86946f9ea67be8c9d11d	1048
220	participant-KET-NP-01-S01-004	25	assessment.vitals-recorded.v1	{"protocol":"KET-NP-01","subject":"S01-004","period":2,"recordedBy":"demo.nurse.s01","measuredAt":"2026-10-26T09:00:00+00:00","assessmentCode":"VITALS","timepoint":"PT10M","values":{"systolicMmHg":142,"diastolicMmHg":82,"heartRatePerMin":86,"spo2Percent":97}}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"ce60dbfb-b159-4c46-9a33-f07218997f0f","causationId":"ce60dbfb-b159-4c46-9a33-f07218997f0f","commandId":"ce60dbfb-b159-4c46-9a33-f07218997f0f"}	2026-12-02 15:10:14.483057+00	f96076da2822d8dcd45af9bcb17182cbc6c6ab9fb5988c2a3a615924cbd8f542	1051
223	participant-KET-NP-01-S01-004	28	assessment.vitals-recorded.v1	{"protocol":"KET-NP-01","subject":"S01-004","period":2,"recordedBy":"demo.nurse.s01","measuredAt":"2026-10-26T09:18:00+00:00","assessmentCode":"VITALS","timepoint":"PT30M","values":{"systolicMmHg":126,"diastolicMmHg":88,"heartRatePerMin":86,"spo2Percent":97}}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"08bfc95c-28cd-4de5-b32c-6bf0cb0db9ad","causationId":"08bfc95c-28cd-4de5-b32c-6bf0cb0db9ad","commandId":"08bfc95c-28cd-4de5-b32c-6bf0cb0db9ad"}	2026-12-02 15:10:14.494191+00	abd1c726dd2ce7aee13a44fe492124e373fa0f96e807c9f4b781034d535dd962	1056
226	participant-KET-NP-01-S01-004	31	assessment.scale-recorded.v1	{"protocol":"KET-NP-01","subject":"S01-004","period":2,"recordedBy":"demo.nurse.s01","assessedAt":"2026-10-26T09:49:00+00:00","assessmentCode":"PAIN","timepoint":"PT60M","value":36,"unit":"mm"}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"6ea83c0f-b2ea-45cf-beac-684075ad3ff0","causationId":"6ea83c0f-b2ea-45cf-beac-684075ad3ff0","commandId":"6ea83c0f-b2ea-45cf-beac-684075ad3ff0"}	2026-12-02 15:10:14.503805+00	b24d1c196bd963918667f3bec8853ce630e10291abe74d3d4fd71819d85ffcb5	1060
229	participant-KET-NP-01-S01-004	34	assessment.scale-recorded.v1	{"protocol":"KET-NP-01","subject":"S01-004","period":2,"recordedBy":"demo.nurse.s01","assessedAt":"2026-10-27T08:51:00+00:00","assessmentCode":"PAIN","timepoint":"PT24H","value":63,"unit":"mm"}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"51260a35-06d7-4f18-95a6-b20e0da834ab","causationId":"51260a35-06d7-4f18-95a6-b20e0da834ab","commandId":"51260a35-06d7-4f18-95a6-b20e0da834ab"}	2026-12-02 15:10:14.515855+00	e99299c2a713485b23444da27fee0fcd953dd8273a6f047f45ba2f81d606c632	1063
232	adverse-event-25bc9e1e05684142	2	adverse-event.sae-reported-to-sponsor.v1	{"adverseEventId":"25bc9e1e05684142","protocol":"KET-NP-01","subject":"S01-004","reportedBy":"demo.investigator.s01","reportedAt":"2026-10-26T17:47:00+00:00","sponsorReference":"SAE-2026-0001","late":false}	{"actorId":"demo.investigator.s01","actorRole":"Investigator","reason":null,"correlationId":"2937dbdd-e9c8-4d70-bcd4-f4d9c431b3a0","causationId":"2937dbdd-e9c8-4d70-bcd4-f4d9c431b3a0","commandId":"2937dbdd-e9c8-4d70-bcd4-f4d9c431b3a0"}	2026-12-02 15:10:14.541617+00	db952ae341b5791cf6bb4944d9000761365cb4154a87fbfe10d60cceddd44b93	1068
233	randomization-KET-NP-01-S01	7	blinding.emergency-unblinding-performed.v1	{"protocol":"KET-NP-01","stratum":"S01","performedBy":"demo.investigator.s01","performedAt":"2026-12-02T15:10:14.5496951+00:00","participantId":"S01-004","entryNumber":4,"reason":"Hypertensive urgency requiring admission; the treating physician needs to know whether ketamine was given.","compromisedPeriods":[1,2]}	{"actorId":"demo.investigator.s01","actorRole":"Investigator","reason":"Hypertensive urgency requiring admission; the treating physician needs to know whether ketamine was given.","correlationId":"fc9a5135-376e-4bdb-a55c-c1af4477e1ae","causationId":"fc9a5135-376e-4bdb-a55c-c1af4477e1ae","commandId":"fc9a5135-376e-4bdb-a55c-c1af4477e1ae"}	2026-12-02 15:10:14.551345+00	ce2470c5651d0dd05c305f7eaf2a744b1962a5fc656548236df09fb3661d10a7	1071
204	participant-KET-NP-01-S01-004	11	assessment.vitals-recorded.v1	{"protocol":"KET-NP-01","subject":"S01-004","period":1,"recordedBy":"demo.nurse.s01","measuredAt":"2026-10-17T09:55:00+00:00","assessmentCode":"VITALS","timepoint":"PT20M","values":{"systolicMmHg":126,"diastolicMmHg":78,"heartRatePerMin":88,"spo2Percent":96}}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"03f8515c-c87a-4a4c-ad62-ac46ca65c7bb","causationId":"03f8515c-c87a-4a4c-ad62-ac46ca65c7bb","commandId":"03f8515c-c87a-4a4c-ad62-ac46ca65c7bb"}	2026-12-02 15:10:14.326857+00	6c589067fe8540cf12b02d6ed0617681520d41672e427a835b186e2bc6cf83ae	1027
206	participant-KET-NP-01-S01-004	13	assessment.scale-recorded.v1	{"protocol":"KET-NP-01","subject":"S01-004","period":1,"recordedBy":"demo.nurse.s01","assessedAt":"2026-10-17T10:12:00+00:00","assessmentCode":"PAIN","timepoint":"PT40M","value":50,"unit":"mm"}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"c92878e9-011f-4471-bcaf-5bc1e2b2b860","causationId":"c92878e9-011f-4471-bcaf-5bc1e2b2b860","commandId":"c92878e9-011f-4471-bcaf-5bc1e2b2b860"}	2026-12-02 15:10:14.333018+00	a130e43df3b39a932b4f92a143609953b97bfb06b833d732d874c1a1478c1f9b	1030
208	participant-KET-NP-01-S01-004	15	assessment.scale-recorded.v1	{"protocol":"KET-NP-01","subject":"S01-004","period":1,"recordedBy":"demo.nurse.s01","assessedAt":"2026-10-17T10:35:00+00:00","assessmentCode":"PAIN","timepoint":"PT60M","value":60,"unit":"mm"}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"58a0b2e5-143b-449b-9450-dc8bbe446672","causationId":"58a0b2e5-143b-449b-9450-dc8bbe446672","commandId":"58a0b2e5-143b-449b-9450-dc8bbe446672"}	2026-12-02 15:10:14.341127+00	d4e820d18231142c6453adbc935bbb3d8ae52858d54e071c968666747310a749	1033
209	participant-KET-NP-01-S01-004	16	assessment.vitals-recorded.v1	{"protocol":"KET-NP-01","subject":"S01-004","period":1,"recordedBy":"demo.nurse.s01","measuredAt":"2026-10-17T10:31:00+00:00","assessmentCode":"VITALS","timepoint":"PT60M","values":{"systolicMmHg":118,"diastolicMmHg":88,"heartRatePerMin":66,"spo2Percent":99}}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"5c7e4da8-2b15-4b9f-ba1b-931bd74a47aa","causationId":"5c7e4da8-2b15-4b9f-ba1b-931bd74a47aa","commandId":"5c7e4da8-2b15-4b9f-ba1b-931bd74a47aa"}	2026-12-02 15:10:14.345623+00	b854e4619b792c4eaeb6cbdc175958ead37f101f9cd193b530ba046ea7d5f363	1034
211	participant-KET-NP-01-S01-004	18	assessment.scale-recorded.v1	{"protocol":"KET-NP-01","subject":"S01-004","period":1,"recordedBy":"demo.nurse.s01","assessedAt":"2026-10-18T09:35:00+00:00","assessmentCode":"PAIN","timepoint":"PT24H","value":70,"unit":"mm"}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"9ffacb4f-7273-4daa-979f-8cfec8950d1a","causationId":"9ffacb4f-7273-4daa-979f-8cfec8950d1a","commandId":"9ffacb4f-7273-4daa-979f-8cfec8950d1a"}	2026-12-02 15:10:14.355044+00	462e75c88224e2bcda103a3d5f6a71696dd4ac1718a4af870e11ad338d22e062	1037
212	participant-KET-NP-01-S01-004	19	dosing.stopped.v1	{"protocol":"KET-NP-01","subject":"S01-004","period":1,"recordedBy":"demo.nurse.s01","stoppedAt":"2026-10-17T10:11:00+00:00","completed":true,"earlyStopReason":null}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"e0cbbc30-eefa-4051-b603-ea2971383dd9","causationId":"e0cbbc30-eefa-4051-b603-ea2971383dd9","commandId":"e0cbbc30-eefa-4051-b603-ea2971383dd9"}	2026-12-02 15:10:14.360021+00	8463f6e7200e9cbb2d60d41aeb3f0829599a4eb5b951966374ec5c8a5a8fbcac	1038
213	adverse-event-3d72643c8c7747de	1	adverse-event.reported.v1	{"adverseEventId":"3d72643c8c7747de","protocol":"KET-NP-01","subject":"S01-004","reportedBy":"demo.investigator.s01","awareAt":"2026-10-17T10:41:00+00:00","details":{"meddraCode":10041349,"term":"Somnolence","onset":"2026-10-17","end":null,"grade":1,"seriousness":[],"causality":"Unlikely","actionTaken":"DoseNotChanged","outcome":"RecoveringResolving","serious":false},"period":1,"sponsorReportDueAt":null}	{"actorId":"demo.investigator.s01","actorRole":"Investigator","reason":null,"correlationId":"8d250875-89b5-45c6-89e8-fa3bd098201a","causationId":"8d250875-89b5-45c6-89e8-fa3bd098201a","commandId":"8d250875-89b5-45c6-89e8-fa3bd098201a"}	2026-12-02 15:10:14.403373+00	d331ce576bcad1caa9706d661ae79b6072eda7b6e0cdb95940cc5be970508978	1041
214	adverse-event-3d72643c8c7747de	2	adverse-event.outcome-recorded.v1	{"adverseEventId":"3d72643c8c7747de","protocol":"KET-NP-01","subject":"S01-004","recordedBy":"demo.nurse.s01","recordedAt":"2026-12-02T15:10:14.44554+00:00","outcome":"RecoveredResolved","end":"2026-10-17"}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"b9f793b3-5223-44e3-9b45-0b6521464be9","causationId":"b9f793b3-5223-44e3-9b45-0b6521464be9","commandId":"b9f793b3-5223-44e3-9b45-0b6521464be9"}	2026-12-02 15:10:14.447564+00	6f36e6498592713907505a96d0361c03e65939cfb729bd837770ad693f896fb9	1043
216	participant-KET-NP-01-S01-004	21	dosing.dose-prepared.v1	{"protocol":"KET-NP-01","subject":"S01-004","period":2,"preparedBy":"demo.pharmacist.s01","preparedAt":"2026-10-26T08:07:00+00:00","kit":"979161","checkedBy":"demo.pharmacy-technician.s01","weightKg":85.9}	{"actorId":"demo.pharmacist.s01","actorRole":"Pharmacist","reason":null,"correlationId":"94df06f5-c2cf-421f-8dcf-320e634469b2","causationId":"94df06f5-c2cf-421f-8dcf-320e634469b2","commandId":"94df06f5-c2cf-421f-8dcf-320e634469b2"}	2026-12-02 15:10:14.460352+00	1f314a31325a4efb9a0f5a13cb38e2db224d0fcd215b99dbe64f36d92d954e5a	1045
217	participant-KET-NP-01-S01-004	22	assessment.scale-recorded.v1	{"protocol":"KET-NP-01","subject":"S01-004","period":2,"recordedBy":"demo.nurse.s01","assessedAt":"2026-10-26T08:41:00+00:00","assessmentCode":"PAIN","timepoint":"PT0M","value":59,"unit":"mm"}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"a3fbc544-7ecb-498a-8581-8ec48799c57b","causationId":"a3fbc544-7ecb-498a-8581-8ec48799c57b","commandId":"a3fbc544-7ecb-498a-8581-8ec48799c57b"}	2026-12-02 15:10:14.466425+00	5cf92829c46c3056987e8d941df6d42fd70f203b28417f0e8054d9b814c6af79	1047
219	participant-KET-NP-01-S01-004	24	dosing.started.v1	{"protocol":"KET-NP-01","subject":"S01-004","period":2,"recordedBy":"demo.nurse.s01","startedAt":"2026-10-26T08:47:00+00:00"}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"821d024b-b915-4f27-a1ab-47ab791081fc","causationId":"821d024b-b915-4f27-a1ab-47ab791081fc","commandId":"821d024b-b915-4f27-a1ab-47ab791081fc"}	2026-12-02 15:10:14.476195+00	db63e344009d8f5631ce7e771fff83365d5c081c31346c20bea5e3209bb2f572	1050
221	participant-KET-NP-01-S01-004	26	assessment.scale-recorded.v1	{"protocol":"KET-NP-01","subject":"S01-004","period":2,"recordedBy":"demo.nurse.s01","assessedAt":"2026-10-26T09:07:00+00:00","assessmentCode":"PAIN","timepoint":"PT20M","value":48,"unit":"mm"}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"5e805f97-97cb-44ee-b2b0-eef90e709e70","causationId":"5e805f97-97cb-44ee-b2b0-eef90e709e70","commandId":"5e805f97-97cb-44ee-b2b0-eef90e709e70"}	2026-12-02 15:10:14.486386+00	006c7d59947729090a8aa51573de05c3b9259c18a4f74e3c77ba35dde7e56a7e	1052
222	participant-KET-NP-01-S01-004	27	assessment.vitals-recorded.v1	{"protocol":"KET-NP-01","subject":"S01-004","period":2,"recordedBy":"demo.nurse.s01","measuredAt":"2026-10-26T09:10:00+00:00","assessmentCode":"VITALS","timepoint":"PT20M","values":{"systolicMmHg":159,"diastolicMmHg":85,"heartRatePerMin":86,"spo2Percent":95}}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"e87d93cd-9736-4c35-9ad1-d9696ce5fe1a","causationId":"e87d93cd-9736-4c35-9ad1-d9696ce5fe1a","commandId":"e87d93cd-9736-4c35-9ad1-d9696ce5fe1a"}	2026-12-02 15:10:14.48986+00	6b758a9828eada5a76bd741c46a22c1e9b1c590b147e90ccf7d7423c32176aa7	1053
225	participant-KET-NP-01-S01-004	30	assessment.vitals-recorded.v1	{"protocol":"KET-NP-01","subject":"S01-004","period":2,"recordedBy":"demo.nurse.s01","measuredAt":"2026-10-26T09:31:00+00:00","assessmentCode":"VITALS","timepoint":"PT40M","values":{"systolicMmHg":150,"diastolicMmHg":78,"heartRatePerMin":87,"spo2Percent":98}}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"f7897040-47cc-4ba0-a9fa-76eea9439833","causationId":"f7897040-47cc-4ba0-a9fa-76eea9439833","commandId":"f7897040-47cc-4ba0-a9fa-76eea9439833"}	2026-12-02 15:10:14.500851+00	76e78f2c78fa65cfe506fb66dbbf1143efb95e5914588f82c8851c552323d601	1058
227	participant-KET-NP-01-S01-004	32	assessment.vitals-recorded.v1	{"protocol":"KET-NP-01","subject":"S01-004","period":2,"recordedBy":"demo.nurse.s01","measuredAt":"2026-10-26T09:51:00+00:00","assessmentCode":"VITALS","timepoint":"PT60M","values":{"systolicMmHg":137,"diastolicMmHg":84,"heartRatePerMin":78,"spo2Percent":96}}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"e1d20fb8-a78b-477c-bee7-adc2f1690b3d","causationId":"e1d20fb8-a78b-477c-bee7-adc2f1690b3d","commandId":"e1d20fb8-a78b-477c-bee7-adc2f1690b3d"}	2026-12-02 15:10:14.508195+00	e7f552426748b2ec9884c8b8cf4ac4656e942ae771c559161225a18cf7e0f736	1061
231	adverse-event-25bc9e1e05684142	1	adverse-event.reported.v1	{"adverseEventId":"25bc9e1e05684142","protocol":"KET-NP-01","subject":"S01-004","reportedBy":"demo.investigator.s01","awareAt":"2026-10-26T11:47:00+00:00","details":{"meddraCode":10020772,"term":"Hypertension","onset":"2026-10-26T11:27","end":null,"grade":3,"seriousness":["Hospitalization"],"causality":"Possible","actionTaken":"NotApplicable","outcome":"RecoveringResolving","serious":true},"period":2,"sponsorReportDueAt":"2026-10-27T11:47:00+00:00"}	{"actorId":"demo.investigator.s01","actorRole":"Investigator","reason":null,"correlationId":"6e943b6b-c602-4788-b236-06c5c06f5b56","causationId":"6e943b6b-c602-4788-b236-06c5c06f5b56","commandId":"6e943b6b-c602-4788-b236-06c5c06f5b56"}	2026-12-02 15:10:14.529564+00	d2bb638662f37661f5d228a495cba837da04cd54fc9488dd29b1c8822a49f09f	1067
236	participant-KET-NP-01-S01-004	36	participant.completed.v1	{"protocol":"KET-NP-01","subject":"S01-004","recordedBy":"demo.coordinator.s01","completedAt":"2026-10-27T09:57:00+00:00","periodsCompleted":2}	{"actorId":"demo.coordinator.s01","actorRole":"Coordinator","reason":null,"correlationId":"7f8289d2-eec3-4d8b-a8da-da1d6b653a8b","causationId":"7f8289d2-eec3-4d8b-a8da-da1d6b653a8b","commandId":"7f8289d2-eec3-4d8b-a8da-da1d6b653a8b"}	2026-12-02 15:10:14.573406+00	0adbc2e78cc4ede9a73e457a5b66e8d80c970dd30eb29271012e570e5a8a6e5d	1076
224	participant-KET-NP-01-S01-004	29	assessment.scale-recorded.v1	{"protocol":"KET-NP-01","subject":"S01-004","period":2,"recordedBy":"demo.nurse.s01","assessedAt":"2026-10-26T09:31:00+00:00","assessmentCode":"PAIN","timepoint":"PT40M","value":36,"unit":"mm"}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"cff7f563-8fbc-476e-87e7-a534797659c6","causationId":"cff7f563-8fbc-476e-87e7-a534797659c6","commandId":"cff7f563-8fbc-476e-87e7-a534797659c6"}	2026-12-02 15:10:14.497755+00	0e93c360d0176d89bab08304b846d4040168844910c0f7dd4240e422913e3e4d	1057
228	participant-KET-NP-01-S01-004	33	assessment.scale-recorded.v1	{"protocol":"KET-NP-01","subject":"S01-004","period":2,"recordedBy":"demo.nurse.s01","assessedAt":"2026-10-26T10:51:00+00:00","assessmentCode":"PAIN","timepoint":"PT2H","value":49,"unit":"mm"}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"c6f2eece-b9a2-437e-aafd-983fa107e4f3","causationId":"c6f2eece-b9a2-437e-aafd-983fa107e4f3","commandId":"c6f2eece-b9a2-437e-aafd-983fa107e4f3"}	2026-12-02 15:10:14.511629+00	91a96b24b2ed433a6eba3d3193e8fc6c46aff99876623f34dfa95f761384e68a	1062
230	participant-KET-NP-01-S01-004	35	dosing.stopped.v1	{"protocol":"KET-NP-01","subject":"S01-004","period":2,"recordedBy":"demo.nurse.s01","stoppedAt":"2026-10-26T09:27:00+00:00","completed":true,"earlyStopReason":null}	{"actorId":"demo.nurse.s01","actorRole":"DataEntry","reason":null,"correlationId":"297e0514-d073-4b6f-acec-9fbdd6ffca5f","causationId":"297e0514-d073-4b6f-acec-9fbdd6ffca5f","commandId":"297e0514-d073-4b6f-acec-9fbdd6ffca5f"}	2026-12-02 15:10:14.519885+00	d3d740a5f34943bdc9ef102bb6c391661f3c9f82140453312d2e5088fb445959	1065
234	adverse-event-25bc9e1e05684142	3	adverse-event.sae-follow-up-reported.v1	{"adverseEventId":"25bc9e1e05684142","protocol":"KET-NP-01","subject":"S01-004","reportedBy":"demo.investigator.s01","reportedAt":"2026-10-29T11:47:00+00:00","followUpNumber":1,"information":"Blood pressure controlled on amlodipine; discharged home on day 2. No further study treatment."}	{"actorId":"demo.investigator.s01","actorRole":"Investigator","reason":null,"correlationId":"7d4266e7-6d38-458c-88d9-8e9ca4d45686","causationId":"7d4266e7-6d38-458c-88d9-8e9ca4d45686","commandId":"7d4266e7-6d38-458c-88d9-8e9ca4d45686"}	2026-12-02 15:10:14.561337+00	b49cf20337fdd8207b839b0a5146e0dc8f4a683635833ab0a4565d5a71561396	1072
235	adverse-event-25bc9e1e05684142	4	adverse-event.outcome-recorded.v1	{"adverseEventId":"25bc9e1e05684142","protocol":"KET-NP-01","subject":"S01-004","recordedBy":"demo.investigator.s01","recordedAt":"2026-12-02T15:10:14.5686977+00:00","outcome":"RecoveredResolved","end":"2026-10-28"}	{"actorId":"demo.investigator.s01","actorRole":"Investigator","reason":null,"correlationId":"df769ee1-1a8d-4991-9951-5244c2800655","causationId":"df769ee1-1a8d-4991-9951-5244c2800655","commandId":"df769ee1-1a8d-4991-9951-5244c2800655"}	2026-12-02 15:10:14.569177+00	6bf49bb70617de61ff3a0c94c92c75eecfc90761c174e2e2be016fa77e7c9292	1075
237	user-bob.monitor	1	identity.user-created.v1	{"userName":"bob.monitor","createdBy":"cli:root","createdAt":"2026-12-02T15:10:18.4328049+00:00","displayName":"Bob Monitor","role":"Monitor","sites":["S01","S02"],"passwordHash":"AQAAAAIAAYagAAAAEMnmGGwg7AHh0730HaDvNkD9KnanYdln3gTM4\\u002BlBerHiZmLF9noE4Buvtq7IQE0PUg=="}	{"actorId":"cli:root","actorRole":"Administrator","reason":null,"correlationId":"2d7e3bdc-68c2-4537-9d06-cd3c0a64870e","causationId":"2d7e3bdc-68c2-4537-9d06-cd3c0a64870e","commandId":"2d7e3bdc-68c2-4537-9d06-cd3c0a64870e"}	2026-12-02 15:10:18.442867+00	491c27cb7fb37758c27356d6c758789d1b5e92a88b85edb471b52cc917ab51a9	1090
238	user-bob.monitor	2	identity.api-token-issued.v1	{"userName":"bob.monitor","issuedBy":"cli:root","issuedAt":"2026-12-02T15:10:19.8043037+00:00","tokenId":"44df1d3b2242","tokenSha256":"cc7595cff712a9fecf270d20501d747941fc5f018ffdd9415cc68028c26b17bc"}	{"actorId":"cli:root","actorRole":"Administrator","reason":null,"correlationId":"06d76eaf-9218-4fd7-9c7b-3c2692bc56d5","causationId":"06d76eaf-9218-4fd7-9c7b-3c2692bc56d5","commandId":"06d76eaf-9218-4fd7-9c7b-3c2692bc56d5"}	2026-12-02 15:10:19.812064+00	5fb5d2f22b7b06860853cca00b74eeef33592c6fe87db8dee88a806a7ed54422	1091
239	user-carol.stats	1	identity.user-created.v1	{"userName":"carol.stats","createdBy":"cli:root","createdAt":"2026-12-02T15:10:25.338525+00:00","displayName":"Carol Statistician","role":"Statistician","sites":[],"passwordHash":"AQAAAAIAAYagAAAAEPXgo7HzXwaJ0icFrTFtR4n1XwBMD9jFE4PsDUkfzgIzC53lnzVCOpmHRYGljGdFbw=="}	{"actorId":"cli:root","actorRole":"Administrator","reason":null,"correlationId":"8f7c5597-3356-4bd8-b088-cab9437c23a8","causationId":"8f7c5597-3356-4bd8-b088-cab9437c23a8","commandId":"8f7c5597-3356-4bd8-b088-cab9437c23a8"}	2026-12-02 15:10:25.345597+00	9d441169f64bcd4469ad38cf8c91387c64a23cb2cd0f9988bdd709848d1c1a18	1092
\.


--
-- Data for Name: journey_adverse_events; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.journey_adverse_events (adverse_event_id, protocol_code, subject_number, meddra_code, term, onset, end_date, grade, serious, seriousness, causality, action_taken, outcome, period, aware_at, reported_by, recorded_at, sponsor_report_due_at, reported_to_sponsor_at, reported_late, overdue_marked, follow_ups, corrections) FROM stdin;
2a58b6e43f014bc3	KET-NP-01	S01-002	10028813	Nausea	2026-10-16T10:08	2026-10-16T12:04	1	f	{}	Possible	DoseNotChanged	RecoveredResolved	1	2026-10-16 10:13:00+00	demo.investigator.s01	2026-12-02 15:08:44.583595+00	\N	\N	\N	f	0	0
05b4c3b2ed3a426d	KET-NP-01	S01-003	10013573	Dizziness	2026-11-02T10:19	2026-11-02T13:33	2	f	{}	Unlikely	DoseNotChanged	RecoveredResolved	2	2026-11-02 10:24:00+00	demo.investigator.s01	2026-12-02 15:08:44.97968+00	\N	\N	\N	f	0	0
e4a4ddc0d1434280	KET-NP-01	S02-003	10013573	Dizziness	2026-10-27	2026-10-27	1	f	{}	Unlikely	DoseNotChanged	RecoveredResolved	1	2026-10-27 10:04:00+00	demo.investigator.s02	2026-12-02 15:08:44.989746+00	\N	\N	\N	f	0	0
d7df0da8737f49e0	KET-NP-01	S01-003	10019211	Headache	2026-11-02T10:20	2026-11-02T11:24	1	f	{}	Probable	DoseNotChanged	RecoveredResolved	2	2026-11-02 10:25:00+00	demo.investigator.s01	2026-12-02 15:08:44.992772+00	\N	\N	\N	f	0	0
9a7ef201cf5d42ac	KET-NP-01	S02-003	10019077	Hallucinations	2026-10-27T10:03	2026-10-27T13:50	2	f	{}	Probable	DoseNotChanged	RecoveredResolved	1	2026-10-27 10:08:00+00	demo.investigator.s02	2026-12-02 15:08:45.007812+00	\N	\N	\N	f	0	0
8eededef75884d3e	KET-NP-01	S01-001	10020772	Hypertension	2026-10-20T12:09	2026-10-22	3	t	{Hospitalization}	Possible	NotApplicable	RecoveredResolved	2	2026-10-20 12:29:00+00	demo.investigator.s01	2026-12-02 15:08:44.85405+00	2026-10-21 12:29:00+00	2026-10-20 18:29:00+00	f	f	1	0
3d72643c8c7747de	KET-NP-01	S01-004	10041349	Somnolence	2026-10-17	2026-10-17	1	f	{}	Unlikely	DoseNotChanged	RecoveredResolved	1	2026-10-17 10:41:00+00	demo.investigator.s01	2026-12-02 15:10:14.403373+00	\N	\N	\N	f	0	0
25bc9e1e05684142	KET-NP-01	S01-004	10020772	Hypertension	2026-10-26T11:27	2026-10-28	3	t	{Hospitalization}	Possible	NotApplicable	RecoveredResolved	2	2026-10-26 11:47:00+00	demo.investigator.s01	2026-12-02 15:10:14.529564+00	2026-10-27 11:47:00+00	2026-10-26 17:47:00+00	f	f	1	0
\.


--
-- Data for Name: journey_participants; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.journey_participants (protocol_code, subject_number, site_code, running_number, status, consent_date, consent_form_version, screened_at, randomized_at, period_count, periods_dosed, current_period, failed_criteria, ended_at, withdrawal_reason, withdrawal_details, safety_alerts, adverse_events, serious_adverse_events, deviations, corrections, last_activity_at) FROM stdin;
KET-NP-01	S01-004	S01	4	Completed	2026-10-10	2.1 (2026-01-15)	2026-12-02 15:10:14.064085+00	2026-12-02 15:10:14.210179+00	2	2	\N	{}	2026-10-27 09:57:00+00	\N	\N	0	2	1	0	0	2026-12-02 15:10:14.573406+00
KET-NP-01	S02-001	S02	1	ScreenFailed	2026-10-12	2.1 (2026-01-15)	2026-12-02 15:08:43.693034+00	\N	\N	0	\N	{IN02}	2026-12-02 15:08:43.830545+00	\N	\N	0	0	0	0	0	2026-12-02 15:08:43.840859+00
KET-NP-01	S01-002	S01	2	Completed	2026-10-15	2.1 (2026-01-15)	2026-12-02 15:08:43.778818+00	2026-12-02 15:08:43.966015+00	2	2	\N	{}	2026-10-25 10:19:00+00	\N	\N	0	1	0	0	0	2026-12-02 15:08:45.209809+00
KET-NP-01	S02-002	S02	2	Withdrawn	2026-10-17	2.1 (2026-01-15)	2026-12-02 15:08:43.785756+00	2026-12-02 15:08:43.929367+00	2	1	\N	{}	2026-10-26 09:44:00+00	WithdrawalBySubject	Participant withdrew consent: the journeys to the clinic became too burdensome.	0	0	0	0	0	2026-12-02 15:08:44.334883+00
KET-NP-01	S01-001	S01	1	Completed	2026-10-10	2.1 (2026-01-15)	2026-12-02 15:08:43.788685+00	2026-12-02 15:08:43.891392+00	2	2	\N	{}	2026-10-21 10:39:00+00	\N	\N	0	1	1	0	0	2026-12-02 15:08:45.066284+00
KET-NP-01	S01-003	S01	3	Completed	2026-10-19	2.1 (2026-01-15)	2026-12-02 15:08:43.876386+00	2026-12-02 15:08:43.990152+00	2	2	\N	{}	2026-11-03 10:59:00+00	\N	\N	0	2	0	0	0	2026-12-02 15:08:45.03462+00
KET-NP-01	S02-003	S02	3	Completed	2026-10-22	2.1 (2026-01-15)	2026-12-02 15:08:44.503753+00	2026-12-02 15:08:44.55806+00	2	2	\N	{}	2026-11-06 10:28:00+00	\N	\N	0	2	0	0	0	2026-12-02 15:08:45.263937+00
\.


--
-- Data for Name: journey_protocol_plans; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.journey_protocol_plans (protocol_code, version, period_count, washout_iso, washout_seconds) FROM stdin;
KET-NP-01	1	2	P7D	604800
\.


--
-- Data for Name: journey_protocol_timepoints; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.journey_protocol_timepoints (protocol_code, assessment_code, label, kind, timepoint, offset_seconds, tolerance_seconds) FROM stdin;
KET-NP-01	PAIN	Pain intensity, visual analogue scale	scale	PT0M	0	600
KET-NP-01	PAIN	Pain intensity, visual analogue scale	scale	PT20M	1200	600
KET-NP-01	PAIN	Pain intensity, visual analogue scale	scale	PT40M	2400	600
KET-NP-01	PAIN	Pain intensity, visual analogue scale	scale	PT60M	3600	600
KET-NP-01	PAIN	Pain intensity, visual analogue scale	scale	PT2H	7200	720
KET-NP-01	PAIN	Pain intensity, visual analogue scale	scale	PT24H	86400	8640
KET-NP-01	VITALS	Blood pressure, heart rate, SpO2	vitals	PT0M	0	600
KET-NP-01	VITALS	Blood pressure, heart rate, SpO2	vitals	PT10M	600	600
KET-NP-01	VITALS	Blood pressure, heart rate, SpO2	vitals	PT20M	1200	600
KET-NP-01	VITALS	Blood pressure, heart rate, SpO2	vitals	PT30M	1800	600
KET-NP-01	VITALS	Blood pressure, heart rate, SpO2	vitals	PT40M	2400	600
KET-NP-01	VITALS	Blood pressure, heart rate, SpO2	vitals	PT60M	3600	600
\.


--
-- Data for Name: journey_schedule; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.journey_schedule (protocol_code, subject_number, period, item_kind, item_code, timepoint, label, offset_seconds, tolerance_seconds, due_at, deadline_at, done_at, overdue_marked, closed) FROM stdin;
KET-NP-01	S01-001	1	dosing	DOSING		Dosing session	-1	604800	2026-10-13 08:32:00+00	2026-12-09 15:08:43.891392+00	2026-10-13 08:32:00+00	f	f
KET-NP-01	S01-001	1	assessment	PAIN	PT0M	Pain intensity, visual analogue scale at PT0M	0	600	2026-10-13 08:32:00+00	2026-10-13 08:42:00+00	2026-10-13 08:22:00+00	f	f
KET-NP-01	S01-001	1	assessment	VITALS	PT0M	Blood pressure, heart rate, SpO2 at PT0M	0	600	2026-10-13 08:32:00+00	2026-10-13 08:42:00+00	2026-10-13 08:22:00+00	f	f
KET-NP-01	S02-002	1	dosing	DOSING		Dosing session	-1	604800	2026-10-24 09:04:00+00	2026-12-09 15:08:43.929367+00	2026-10-24 09:04:00+00	f	f
KET-NP-01	S02-002	1	assessment	PAIN	PT0M	Pain intensity, visual analogue scale at PT0M	0	600	2026-10-24 09:04:00+00	2026-10-24 09:14:00+00	2026-10-24 08:52:00+00	f	f
KET-NP-01	S02-002	1	assessment	VITALS	PT0M	Blood pressure, heart rate, SpO2 at PT0M	0	600	2026-10-24 09:04:00+00	2026-10-24 09:14:00+00	2026-10-24 08:53:00+00	f	f
KET-NP-01	S01-003	1	dosing	DOSING		Dosing session	-1	604800	2026-10-25 09:45:00+00	2026-12-09 15:08:43.990152+00	2026-10-25 09:45:00+00	f	f
KET-NP-01	S01-003	1	assessment	PAIN	PT0M	Pain intensity, visual analogue scale at PT0M	0	600	2026-10-25 09:45:00+00	2026-10-25 09:55:00+00	2026-10-25 09:36:00+00	f	f
KET-NP-01	S01-003	1	assessment	VITALS	PT0M	Blood pressure, heart rate, SpO2 at PT0M	0	600	2026-10-25 09:45:00+00	2026-10-25 09:55:00+00	2026-10-25 09:37:00+00	f	f
KET-NP-01	S01-004	1	assessment	VITALS	PT60M	Blood pressure, heart rate, SpO2 at PT60M	3600	600	2026-10-17 10:31:00+00	2026-10-17 10:41:00+00	2026-10-17 10:31:00+00	f	f
KET-NP-01	S01-001	1	assessment	VITALS	PT10M	Blood pressure, heart rate, SpO2 at PT10M	600	600	2026-10-13 08:42:00+00	2026-10-13 08:52:00+00	2026-10-13 08:42:00+00	f	f
KET-NP-01	S01-003	1	assessment	VITALS	PT10M	Blood pressure, heart rate, SpO2 at PT10M	600	600	2026-10-25 09:55:00+00	2026-10-25 10:05:00+00	2026-10-25 09:58:00+00	f	f
KET-NP-01	S01-003	1	assessment	PAIN	PT20M	Pain intensity, visual analogue scale at PT20M	1200	600	2026-10-25 10:05:00+00	2026-10-25 10:15:00+00	2026-10-25 10:05:00+00	f	f
KET-NP-01	S01-002	1	dosing	DOSING		Dosing session	-1	604800	2026-10-16 09:54:00+00	2026-12-09 15:08:43.966015+00	2026-10-16 09:54:00+00	f	f
KET-NP-01	S01-002	1	assessment	PAIN	PT0M	Pain intensity, visual analogue scale at PT0M	0	600	2026-10-16 09:54:00+00	2026-10-16 10:04:00+00	2026-10-16 09:39:00+00	f	f
KET-NP-01	S01-002	1	assessment	VITALS	PT0M	Blood pressure, heart rate, SpO2 at PT0M	0	600	2026-10-16 09:54:00+00	2026-10-16 10:04:00+00	2026-10-16 09:39:00+00	f	f
KET-NP-01	S01-001	1	assessment	PAIN	PT20M	Pain intensity, visual analogue scale at PT20M	1200	600	2026-10-13 08:52:00+00	2026-10-13 09:02:00+00	2026-10-13 08:52:00+00	f	f
KET-NP-01	S01-003	1	assessment	VITALS	PT20M	Blood pressure, heart rate, SpO2 at PT20M	1200	600	2026-10-25 10:05:00+00	2026-10-25 10:15:00+00	2026-10-25 10:05:00+00	f	f
KET-NP-01	S01-001	1	assessment	VITALS	PT20M	Blood pressure, heart rate, SpO2 at PT20M	1200	600	2026-10-13 08:52:00+00	2026-10-13 09:02:00+00	2026-10-13 08:56:00+00	f	f
KET-NP-01	S01-001	1	assessment	VITALS	PT30M	Blood pressure, heart rate, SpO2 at PT30M	1800	600	2026-10-13 09:02:00+00	2026-10-13 09:12:00+00	2026-10-13 09:05:00+00	f	f
KET-NP-01	S02-002	1	assessment	VITALS	PT10M	Blood pressure, heart rate, SpO2 at PT10M	600	600	2026-10-24 09:14:00+00	2026-10-24 09:24:00+00	2026-10-24 09:14:00+00	f	f
KET-NP-01	S01-003	1	assessment	VITALS	PT30M	Blood pressure, heart rate, SpO2 at PT30M	1800	600	2026-10-25 10:15:00+00	2026-10-25 10:25:00+00	2026-10-25 10:19:00+00	f	f
KET-NP-01	S01-001	1	assessment	PAIN	PT40M	Pain intensity, visual analogue scale at PT40M	2400	600	2026-10-13 09:12:00+00	2026-10-13 09:22:00+00	2026-10-13 09:13:00+00	f	f
KET-NP-01	S01-002	1	assessment	VITALS	PT10M	Blood pressure, heart rate, SpO2 at PT10M	600	600	2026-10-16 10:04:00+00	2026-10-16 10:14:00+00	2026-10-16 10:05:00+00	f	f
KET-NP-01	S01-003	1	assessment	PAIN	PT40M	Pain intensity, visual analogue scale at PT40M	2400	600	2026-10-25 10:25:00+00	2026-10-25 10:35:00+00	2026-10-25 10:29:00+00	f	f
KET-NP-01	S01-001	1	assessment	VITALS	PT40M	Blood pressure, heart rate, SpO2 at PT40M	2400	600	2026-10-13 09:12:00+00	2026-10-13 09:22:00+00	2026-10-13 09:13:00+00	f	f
KET-NP-01	S02-002	1	assessment	PAIN	PT20M	Pain intensity, visual analogue scale at PT20M	1200	600	2026-10-24 09:24:00+00	2026-10-24 09:34:00+00	2026-10-24 09:27:00+00	f	f
KET-NP-01	S01-003	1	assessment	VITALS	PT40M	Blood pressure, heart rate, SpO2 at PT40M	2400	600	2026-10-25 10:25:00+00	2026-10-25 10:35:00+00	2026-10-25 10:25:00+00	f	f
KET-NP-01	S01-001	1	assessment	PAIN	PT60M	Pain intensity, visual analogue scale at PT60M	3600	600	2026-10-13 09:32:00+00	2026-10-13 09:42:00+00	2026-10-13 09:33:00+00	f	f
KET-NP-01	S01-002	1	assessment	PAIN	PT20M	Pain intensity, visual analogue scale at PT20M	1200	600	2026-10-16 10:14:00+00	2026-10-16 10:24:00+00	2026-10-16 10:15:00+00	f	f
KET-NP-01	S02-002	1	assessment	VITALS	PT20M	Blood pressure, heart rate, SpO2 at PT20M	1200	600	2026-10-24 09:24:00+00	2026-10-24 09:34:00+00	2026-10-24 09:28:00+00	f	f
KET-NP-01	S01-003	1	assessment	PAIN	PT60M	Pain intensity, visual analogue scale at PT60M	3600	600	2026-10-25 10:45:00+00	2026-10-25 10:55:00+00	2026-10-25 10:45:00+00	f	f
KET-NP-01	S01-001	1	assessment	VITALS	PT60M	Blood pressure, heart rate, SpO2 at PT60M	3600	600	2026-10-13 09:32:00+00	2026-10-13 09:42:00+00	2026-10-13 09:32:00+00	f	f
KET-NP-01	S01-002	1	assessment	VITALS	PT20M	Blood pressure, heart rate, SpO2 at PT20M	1200	600	2026-10-16 10:14:00+00	2026-10-16 10:24:00+00	2026-10-16 10:14:00+00	f	f
KET-NP-01	S01-001	1	assessment	PAIN	PT2H	Pain intensity, visual analogue scale at PT2H	7200	720	2026-10-13 10:32:00+00	2026-10-13 10:44:00+00	2026-10-13 10:34:00+00	f	f
KET-NP-01	S02-002	1	assessment	VITALS	PT30M	Blood pressure, heart rate, SpO2 at PT30M	1800	600	2026-10-24 09:34:00+00	2026-10-24 09:44:00+00	2026-10-24 09:38:00+00	f	f
KET-NP-01	S01-003	1	assessment	VITALS	PT60M	Blood pressure, heart rate, SpO2 at PT60M	3600	600	2026-10-25 10:45:00+00	2026-10-25 10:55:00+00	2026-10-25 10:45:00+00	f	f
KET-NP-01	S02-002	1	assessment	PAIN	PT40M	Pain intensity, visual analogue scale at PT40M	2400	600	2026-10-24 09:44:00+00	2026-10-24 09:54:00+00	2026-10-24 09:48:00+00	f	f
KET-NP-01	S01-001	1	assessment	PAIN	PT24H	Pain intensity, visual analogue scale at PT24H	86400	8640	2026-10-14 08:32:00+00	2026-10-14 10:56:00+00	2026-10-14 08:34:00+00	f	f
KET-NP-01	S01-002	1	assessment	VITALS	PT30M	Blood pressure, heart rate, SpO2 at PT30M	1800	600	2026-10-16 10:24:00+00	2026-10-16 10:34:00+00	2026-10-16 10:24:00+00	f	f
KET-NP-01	S01-002	1	assessment	PAIN	PT40M	Pain intensity, visual analogue scale at PT40M	2400	600	2026-10-16 10:34:00+00	2026-10-16 10:44:00+00	2026-10-16 10:38:00+00	f	f
KET-NP-01	S02-002	1	assessment	VITALS	PT40M	Blood pressure, heart rate, SpO2 at PT40M	2400	600	2026-10-24 09:44:00+00	2026-10-24 09:54:00+00	2026-10-24 09:44:00+00	f	f
KET-NP-01	S02-002	1	assessment	PAIN	PT60M	Pain intensity, visual analogue scale at PT60M	3600	600	2026-10-24 10:04:00+00	2026-10-24 10:14:00+00	2026-10-24 10:05:00+00	f	f
KET-NP-01	S01-002	1	assessment	VITALS	PT40M	Blood pressure, heart rate, SpO2 at PT40M	2400	600	2026-10-16 10:34:00+00	2026-10-16 10:44:00+00	2026-10-16 10:34:00+00	f	f
KET-NP-01	S01-003	1	assessment	PAIN	PT2H	Pain intensity, visual analogue scale at PT2H	7200	720	2026-10-25 11:45:00+00	2026-10-25 11:57:00+00	2026-10-25 11:49:00+00	f	f
KET-NP-01	S02-002	1	assessment	VITALS	PT60M	Blood pressure, heart rate, SpO2 at PT60M	3600	600	2026-10-24 10:04:00+00	2026-10-24 10:14:00+00	2026-10-24 10:07:00+00	f	f
KET-NP-01	S01-002	1	assessment	PAIN	PT60M	Pain intensity, visual analogue scale at PT60M	3600	600	2026-10-16 10:54:00+00	2026-10-16 11:04:00+00	2026-10-16 10:55:00+00	f	f
KET-NP-01	S01-003	1	assessment	PAIN	PT24H	Pain intensity, visual analogue scale at PT24H	86400	8640	2026-10-26 09:45:00+00	2026-10-26 12:09:00+00	2026-10-26 09:45:00+00	f	f
KET-NP-01	S02-002	1	assessment	PAIN	PT2H	Pain intensity, visual analogue scale at PT2H	7200	720	2026-10-24 11:04:00+00	2026-10-24 11:16:00+00	2026-10-24 11:05:00+00	f	f
KET-NP-01	S01-002	1	assessment	VITALS	PT60M	Blood pressure, heart rate, SpO2 at PT60M	3600	600	2026-10-16 10:54:00+00	2026-10-16 11:04:00+00	2026-10-16 10:55:00+00	f	f
KET-NP-01	S02-002	1	assessment	PAIN	PT24H	Pain intensity, visual analogue scale at PT24H	86400	8640	2026-10-25 09:04:00+00	2026-10-25 11:28:00+00	2026-10-25 09:06:00+00	f	f
KET-NP-01	S01-002	1	assessment	PAIN	PT2H	Pain intensity, visual analogue scale at PT2H	7200	720	2026-10-16 11:54:00+00	2026-10-16 12:06:00+00	2026-10-16 11:58:00+00	f	f
KET-NP-01	S01-002	1	assessment	PAIN	PT24H	Pain intensity, visual analogue scale at PT24H	86400	8640	2026-10-17 09:54:00+00	2026-10-17 12:18:00+00	2026-10-17 09:56:00+00	f	f
KET-NP-01	S01-001	2	dosing	DOSING		Dosing session	-1	604800	2026-10-20 09:12:00+00	2026-10-27 09:12:00+00	2026-10-20 09:23:00+00	f	f
KET-NP-01	S01-001	2	assessment	PAIN	PT0M	Pain intensity, visual analogue scale at PT0M	0	600	2026-10-20 09:23:00+00	2026-10-20 09:33:00+00	2026-10-20 09:12:00+00	f	f
KET-NP-01	S01-001	2	assessment	VITALS	PT0M	Blood pressure, heart rate, SpO2 at PT0M	0	600	2026-10-20 09:23:00+00	2026-10-20 09:33:00+00	2026-10-20 09:15:00+00	f	f
KET-NP-01	S01-001	1	washout	WASHOUT		Washout after period 1	9223372036854775807	0	2026-10-20 09:12:00+00	\N	2026-10-20 09:12:00+00	f	f
KET-NP-01	S02-002	1	washout	WASHOUT		Washout after period 1	9223372036854775807	0	2026-10-31 09:44:00+00	\N	\N	f	t
KET-NP-01	S02-002	2	assessment	PAIN	PT0M	Pain intensity, visual analogue scale at PT0M	0	600	\N	\N	\N	f	t
KET-NP-01	S02-002	2	assessment	PAIN	PT20M	Pain intensity, visual analogue scale at PT20M	1200	600	\N	\N	\N	f	t
KET-NP-01	S02-002	2	assessment	PAIN	PT24H	Pain intensity, visual analogue scale at PT24H	86400	8640	\N	\N	\N	f	t
KET-NP-01	S02-002	2	assessment	PAIN	PT2H	Pain intensity, visual analogue scale at PT2H	7200	720	\N	\N	\N	f	t
KET-NP-01	S02-002	2	assessment	PAIN	PT40M	Pain intensity, visual analogue scale at PT40M	2400	600	\N	\N	\N	f	t
KET-NP-01	S02-002	2	assessment	PAIN	PT60M	Pain intensity, visual analogue scale at PT60M	3600	600	\N	\N	\N	f	t
KET-NP-01	S02-002	2	assessment	VITALS	PT0M	Blood pressure, heart rate, SpO2 at PT0M	0	600	\N	\N	\N	f	t
KET-NP-01	S02-002	2	assessment	VITALS	PT10M	Blood pressure, heart rate, SpO2 at PT10M	600	600	\N	\N	\N	f	t
KET-NP-01	S02-002	2	assessment	VITALS	PT20M	Blood pressure, heart rate, SpO2 at PT20M	1200	600	\N	\N	\N	f	t
KET-NP-01	S02-002	2	assessment	VITALS	PT30M	Blood pressure, heart rate, SpO2 at PT30M	1800	600	\N	\N	\N	f	t
KET-NP-01	S02-002	2	assessment	VITALS	PT40M	Blood pressure, heart rate, SpO2 at PT40M	2400	600	\N	\N	\N	f	t
KET-NP-01	S02-002	2	assessment	VITALS	PT60M	Blood pressure, heart rate, SpO2 at PT60M	3600	600	\N	\N	\N	f	t
KET-NP-01	S02-002	2	dosing	DOSING		Dosing session	-1	604800	2026-10-31 09:44:00+00	2026-11-07 09:44:00+00	\N	f	t
KET-NP-01	S01-001	2	assessment	VITALS	PT10M	Blood pressure, heart rate, SpO2 at PT10M	600	600	2026-10-20 09:33:00+00	2026-10-20 09:43:00+00	2026-10-20 09:33:00+00	f	f
KET-NP-01	S01-003	2	dosing	DOSING		Dosing session	-1	604800	2026-11-01 10:25:00+00	2026-11-08 10:25:00+00	2026-11-02 09:43:00+00	f	f
KET-NP-01	S01-003	2	assessment	PAIN	PT0M	Pain intensity, visual analogue scale at PT0M	0	600	2026-11-02 09:43:00+00	2026-11-02 09:53:00+00	2026-11-02 09:28:00+00	f	f
KET-NP-01	S01-003	2	assessment	VITALS	PT0M	Blood pressure, heart rate, SpO2 at PT0M	0	600	2026-11-02 09:43:00+00	2026-11-02 09:53:00+00	2026-11-02 09:30:00+00	f	f
KET-NP-01	S01-003	1	washout	WASHOUT		Washout after period 1	9223372036854775807	0	2026-11-01 10:25:00+00	\N	2026-11-01 10:25:00+00	f	f
KET-NP-01	S01-001	2	assessment	PAIN	PT20M	Pain intensity, visual analogue scale at PT20M	1200	600	2026-10-20 09:43:00+00	2026-10-20 09:53:00+00	2026-10-20 09:44:00+00	f	f
KET-NP-01	S01-001	2	assessment	VITALS	PT20M	Blood pressure, heart rate, SpO2 at PT20M	1200	600	2026-10-20 09:43:00+00	2026-10-20 09:53:00+00	2026-10-20 09:46:00+00	f	f
KET-NP-01	S01-003	2	assessment	VITALS	PT10M	Blood pressure, heart rate, SpO2 at PT10M	600	600	2026-11-02 09:53:00+00	2026-11-02 10:03:00+00	2026-11-02 09:57:00+00	f	f
KET-NP-01	S01-001	2	assessment	VITALS	PT30M	Blood pressure, heart rate, SpO2 at PT30M	1800	600	2026-10-20 09:53:00+00	2026-10-20 10:03:00+00	2026-10-20 09:54:00+00	f	f
KET-NP-01	S01-003	2	assessment	PAIN	PT20M	Pain intensity, visual analogue scale at PT20M	1200	600	2026-11-02 10:03:00+00	2026-11-02 10:13:00+00	2026-11-02 10:07:00+00	f	f
KET-NP-01	S01-001	2	assessment	PAIN	PT40M	Pain intensity, visual analogue scale at PT40M	2400	600	2026-10-20 10:03:00+00	2026-10-20 10:13:00+00	2026-10-20 10:07:00+00	f	f
KET-NP-01	S01-001	2	assessment	VITALS	PT40M	Blood pressure, heart rate, SpO2 at PT40M	2400	600	2026-10-20 10:03:00+00	2026-10-20 10:13:00+00	2026-10-20 10:05:00+00	f	f
KET-NP-01	S01-001	2	assessment	PAIN	PT60M	Pain intensity, visual analogue scale at PT60M	3600	600	2026-10-20 10:23:00+00	2026-10-20 10:33:00+00	2026-10-20 10:26:00+00	f	f
KET-NP-01	S01-001	2	assessment	VITALS	PT60M	Blood pressure, heart rate, SpO2 at PT60M	3600	600	2026-10-20 10:23:00+00	2026-10-20 10:33:00+00	2026-10-20 10:23:00+00	f	f
KET-NP-01	S01-003	2	assessment	VITALS	PT20M	Blood pressure, heart rate, SpO2 at PT20M	1200	600	2026-11-02 10:03:00+00	2026-11-02 10:13:00+00	2026-11-02 10:03:00+00	f	f
KET-NP-01	S01-001	2	assessment	PAIN	PT2H	Pain intensity, visual analogue scale at PT2H	7200	720	2026-10-20 11:23:00+00	2026-10-20 11:35:00+00	2026-10-20 11:25:00+00	f	f
KET-NP-01	S02-003	1	dosing	DOSING		Dosing session	-1	604800	2026-10-27 08:54:00+00	2026-12-09 15:08:44.55806+00	2026-10-27 08:54:00+00	f	f
KET-NP-01	S02-003	1	assessment	PAIN	PT0M	Pain intensity, visual analogue scale at PT0M	0	600	2026-10-27 08:54:00+00	2026-10-27 09:04:00+00	2026-10-27 08:48:00+00	f	f
KET-NP-01	S02-003	1	assessment	VITALS	PT0M	Blood pressure, heart rate, SpO2 at PT0M	0	600	2026-10-27 08:54:00+00	2026-10-27 09:04:00+00	2026-10-27 08:49:00+00	f	f
KET-NP-01	S02-003	1	assessment	VITALS	PT10M	Blood pressure, heart rate, SpO2 at PT10M	600	600	2026-10-27 09:04:00+00	2026-10-27 09:14:00+00	2026-10-27 09:05:00+00	f	f
KET-NP-01	S01-001	2	assessment	PAIN	PT24H	Pain intensity, visual analogue scale at PT24H	86400	8640	2026-10-21 09:23:00+00	2026-10-21 11:47:00+00	2026-10-21 09:26:00+00	f	f
KET-NP-01	S01-003	2	assessment	VITALS	PT30M	Blood pressure, heart rate, SpO2 at PT30M	1800	600	2026-11-02 10:13:00+00	2026-11-02 10:23:00+00	2026-11-02 10:14:00+00	f	f
KET-NP-01	S02-003	1	assessment	PAIN	PT20M	Pain intensity, visual analogue scale at PT20M	1200	600	2026-10-27 09:14:00+00	2026-10-27 09:24:00+00	2026-10-27 09:15:00+00	f	f
KET-NP-01	S01-003	2	assessment	PAIN	PT40M	Pain intensity, visual analogue scale at PT40M	2400	600	2026-11-02 10:23:00+00	2026-11-02 10:33:00+00	2026-11-02 10:26:00+00	f	f
KET-NP-01	S02-003	1	assessment	VITALS	PT20M	Blood pressure, heart rate, SpO2 at PT20M	1200	600	2026-10-27 09:14:00+00	2026-10-27 09:24:00+00	2026-10-27 09:18:00+00	f	f
KET-NP-01	S01-003	2	assessment	VITALS	PT40M	Blood pressure, heart rate, SpO2 at PT40M	2400	600	2026-11-02 10:23:00+00	2026-11-02 10:33:00+00	2026-11-02 10:26:00+00	f	f
KET-NP-01	S02-003	1	assessment	VITALS	PT30M	Blood pressure, heart rate, SpO2 at PT30M	1800	600	2026-10-27 09:24:00+00	2026-10-27 09:34:00+00	2026-10-27 09:26:00+00	f	f
KET-NP-01	S01-003	2	assessment	PAIN	PT60M	Pain intensity, visual analogue scale at PT60M	3600	600	2026-11-02 10:43:00+00	2026-11-02 10:53:00+00	2026-11-02 10:45:00+00	f	f
KET-NP-01	S01-003	2	assessment	VITALS	PT60M	Blood pressure, heart rate, SpO2 at PT60M	3600	600	2026-11-02 10:43:00+00	2026-11-02 10:53:00+00	2026-11-02 10:46:00+00	f	f
KET-NP-01	S02-003	1	assessment	PAIN	PT40M	Pain intensity, visual analogue scale at PT40M	2400	600	2026-10-27 09:34:00+00	2026-10-27 09:44:00+00	2026-10-27 09:35:00+00	f	f
KET-NP-01	S01-003	2	assessment	PAIN	PT2H	Pain intensity, visual analogue scale at PT2H	7200	720	2026-11-02 11:43:00+00	2026-11-02 11:55:00+00	2026-11-02 11:43:00+00	f	f
KET-NP-01	S02-003	1	assessment	VITALS	PT40M	Blood pressure, heart rate, SpO2 at PT40M	2400	600	2026-10-27 09:34:00+00	2026-10-27 09:44:00+00	2026-10-27 09:38:00+00	f	f
KET-NP-01	S02-003	1	assessment	PAIN	PT60M	Pain intensity, visual analogue scale at PT60M	3600	600	2026-10-27 09:54:00+00	2026-10-27 10:04:00+00	2026-10-27 09:56:00+00	f	f
KET-NP-01	S01-003	2	assessment	PAIN	PT24H	Pain intensity, visual analogue scale at PT24H	86400	8640	2026-11-03 09:43:00+00	2026-11-03 12:07:00+00	2026-11-03 09:47:00+00	f	f
KET-NP-01	S02-003	1	assessment	VITALS	PT60M	Blood pressure, heart rate, SpO2 at PT60M	3600	600	2026-10-27 09:54:00+00	2026-10-27 10:04:00+00	2026-10-27 09:56:00+00	f	f
KET-NP-01	S02-003	1	assessment	PAIN	PT2H	Pain intensity, visual analogue scale at PT2H	7200	720	2026-10-27 10:54:00+00	2026-10-27 11:06:00+00	2026-10-27 10:56:00+00	f	f
KET-NP-01	S02-003	1	assessment	PAIN	PT24H	Pain intensity, visual analogue scale at PT24H	86400	8640	2026-10-28 08:54:00+00	2026-10-28 11:18:00+00	2026-10-28 08:58:00+00	f	f
KET-NP-01	S01-002	2	dosing	DOSING		Dosing session	-1	604800	2026-10-23 10:40:00+00	2026-10-30 10:40:00+00	2026-10-24 09:09:00+00	f	f
KET-NP-01	S01-002	2	assessment	PAIN	PT0M	Pain intensity, visual analogue scale at PT0M	0	600	2026-10-24 09:09:00+00	2026-10-24 09:19:00+00	2026-10-24 08:54:00+00	f	f
KET-NP-01	S01-002	2	assessment	VITALS	PT0M	Blood pressure, heart rate, SpO2 at PT0M	0	600	2026-10-24 09:09:00+00	2026-10-24 09:19:00+00	2026-10-24 09:03:00+00	f	f
KET-NP-01	S01-002	1	washout	WASHOUT		Washout after period 1	9223372036854775807	0	2026-10-23 10:40:00+00	\N	2026-10-23 10:40:00+00	f	f
KET-NP-01	S01-002	2	assessment	VITALS	PT10M	Blood pressure, heart rate, SpO2 at PT10M	600	600	2026-10-24 09:19:00+00	2026-10-24 09:29:00+00	2026-10-24 09:22:00+00	f	f
KET-NP-01	S01-002	2	assessment	PAIN	PT20M	Pain intensity, visual analogue scale at PT20M	1200	600	2026-10-24 09:29:00+00	2026-10-24 09:39:00+00	2026-10-24 09:32:00+00	f	f
KET-NP-01	S01-002	2	assessment	VITALS	PT20M	Blood pressure, heart rate, SpO2 at PT20M	1200	600	2026-10-24 09:29:00+00	2026-10-24 09:39:00+00	2026-10-24 09:31:00+00	f	f
KET-NP-01	S01-002	2	assessment	VITALS	PT30M	Blood pressure, heart rate, SpO2 at PT30M	1800	600	2026-10-24 09:39:00+00	2026-10-24 09:49:00+00	2026-10-24 09:41:00+00	f	f
KET-NP-01	S01-002	2	assessment	PAIN	PT40M	Pain intensity, visual analogue scale at PT40M	2400	600	2026-10-24 09:49:00+00	2026-10-24 09:59:00+00	2026-10-24 09:49:00+00	f	f
KET-NP-01	S01-002	2	assessment	VITALS	PT40M	Blood pressure, heart rate, SpO2 at PT40M	2400	600	2026-10-24 09:49:00+00	2026-10-24 09:59:00+00	2026-10-24 09:50:00+00	f	f
KET-NP-01	S02-003	2	dosing	DOSING		Dosing session	-1	604800	2026-11-03 09:34:00+00	2026-11-10 09:34:00+00	2026-11-05 09:18:00+00	f	f
KET-NP-01	S02-003	2	assessment	PAIN	PT0M	Pain intensity, visual analogue scale at PT0M	0	600	2026-11-05 09:18:00+00	2026-11-05 09:28:00+00	2026-11-05 09:09:00+00	f	f
KET-NP-01	S02-003	2	assessment	VITALS	PT0M	Blood pressure, heart rate, SpO2 at PT0M	0	600	2026-11-05 09:18:00+00	2026-11-05 09:28:00+00	2026-11-05 09:07:00+00	f	f
KET-NP-01	S02-003	1	washout	WASHOUT		Washout after period 1	9223372036854775807	0	2026-11-03 09:34:00+00	\N	2026-11-03 09:34:00+00	f	f
KET-NP-01	S01-002	2	assessment	PAIN	PT60M	Pain intensity, visual analogue scale at PT60M	3600	600	2026-10-24 10:09:00+00	2026-10-24 10:19:00+00	2026-10-24 10:10:00+00	f	f
KET-NP-01	S02-003	2	assessment	VITALS	PT10M	Blood pressure, heart rate, SpO2 at PT10M	600	600	2026-11-05 09:28:00+00	2026-11-05 09:38:00+00	2026-11-05 09:28:00+00	f	f
KET-NP-01	S01-002	2	assessment	VITALS	PT60M	Blood pressure, heart rate, SpO2 at PT60M	3600	600	2026-10-24 10:09:00+00	2026-10-24 10:19:00+00	2026-10-24 10:11:00+00	f	f
KET-NP-01	S01-002	2	assessment	PAIN	PT2H	Pain intensity, visual analogue scale at PT2H	7200	720	2026-10-24 11:09:00+00	2026-10-24 11:21:00+00	2026-10-24 11:10:00+00	f	f
KET-NP-01	S02-003	2	assessment	PAIN	PT20M	Pain intensity, visual analogue scale at PT20M	1200	600	2026-11-05 09:38:00+00	2026-11-05 09:48:00+00	2026-11-05 09:42:00+00	f	f
KET-NP-01	S02-003	2	assessment	VITALS	PT20M	Blood pressure, heart rate, SpO2 at PT20M	1200	600	2026-11-05 09:38:00+00	2026-11-05 09:48:00+00	2026-11-05 09:42:00+00	f	f
KET-NP-01	S01-002	2	assessment	PAIN	PT24H	Pain intensity, visual analogue scale at PT24H	86400	8640	2026-10-25 09:09:00+00	2026-10-25 11:33:00+00	2026-10-25 09:12:00+00	f	f
KET-NP-01	S02-003	2	assessment	VITALS	PT30M	Blood pressure, heart rate, SpO2 at PT30M	1800	600	2026-11-05 09:48:00+00	2026-11-05 09:58:00+00	2026-11-05 09:52:00+00	f	f
KET-NP-01	S02-003	2	assessment	PAIN	PT40M	Pain intensity, visual analogue scale at PT40M	2400	600	2026-11-05 09:58:00+00	2026-11-05 10:08:00+00	2026-11-05 09:59:00+00	f	f
KET-NP-01	S02-003	2	assessment	VITALS	PT40M	Blood pressure, heart rate, SpO2 at PT40M	2400	600	2026-11-05 09:58:00+00	2026-11-05 10:08:00+00	2026-11-05 09:59:00+00	f	f
KET-NP-01	S02-003	2	assessment	PAIN	PT60M	Pain intensity, visual analogue scale at PT60M	3600	600	2026-11-05 10:18:00+00	2026-11-05 10:28:00+00	2026-11-05 10:22:00+00	f	f
KET-NP-01	S02-003	2	assessment	VITALS	PT60M	Blood pressure, heart rate, SpO2 at PT60M	3600	600	2026-11-05 10:18:00+00	2026-11-05 10:28:00+00	2026-11-05 10:21:00+00	f	f
KET-NP-01	S02-003	2	assessment	PAIN	PT2H	Pain intensity, visual analogue scale at PT2H	7200	720	2026-11-05 11:18:00+00	2026-11-05 11:30:00+00	2026-11-05 11:20:00+00	f	f
KET-NP-01	S02-003	2	assessment	PAIN	PT24H	Pain intensity, visual analogue scale at PT24H	86400	8640	2026-11-06 09:18:00+00	2026-11-06 11:42:00+00	2026-11-06 09:21:00+00	f	f
KET-NP-01	S01-004	1	dosing	DOSING		Dosing session	-1	604800	2026-10-17 09:31:00+00	2026-12-09 15:10:14.210179+00	2026-10-17 09:31:00+00	f	f
KET-NP-01	S01-004	1	assessment	PAIN	PT0M	Pain intensity, visual analogue scale at PT0M	0	600	2026-10-17 09:31:00+00	2026-10-17 09:41:00+00	2026-10-17 09:25:00+00	f	f
KET-NP-01	S01-004	1	assessment	VITALS	PT0M	Blood pressure, heart rate, SpO2 at PT0M	0	600	2026-10-17 09:31:00+00	2026-10-17 09:41:00+00	2026-10-17 09:17:00+00	f	f
KET-NP-01	S01-004	1	assessment	VITALS	PT10M	Blood pressure, heart rate, SpO2 at PT10M	600	600	2026-10-17 09:41:00+00	2026-10-17 09:51:00+00	2026-10-17 09:43:00+00	f	f
KET-NP-01	S01-004	1	assessment	PAIN	PT20M	Pain intensity, visual analogue scale at PT20M	1200	600	2026-10-17 09:51:00+00	2026-10-17 10:01:00+00	2026-10-17 09:52:00+00	f	f
KET-NP-01	S01-004	1	assessment	VITALS	PT20M	Blood pressure, heart rate, SpO2 at PT20M	1200	600	2026-10-17 09:51:00+00	2026-10-17 10:01:00+00	2026-10-17 09:55:00+00	f	f
KET-NP-01	S01-004	1	assessment	VITALS	PT30M	Blood pressure, heart rate, SpO2 at PT30M	1800	600	2026-10-17 10:01:00+00	2026-10-17 10:11:00+00	2026-10-17 10:01:00+00	f	f
KET-NP-01	S01-004	1	assessment	PAIN	PT40M	Pain intensity, visual analogue scale at PT40M	2400	600	2026-10-17 10:11:00+00	2026-10-17 10:21:00+00	2026-10-17 10:12:00+00	f	f
KET-NP-01	S01-004	1	assessment	VITALS	PT40M	Blood pressure, heart rate, SpO2 at PT40M	2400	600	2026-10-17 10:11:00+00	2026-10-17 10:21:00+00	2026-10-17 10:14:00+00	f	f
KET-NP-01	S01-004	1	assessment	PAIN	PT60M	Pain intensity, visual analogue scale at PT60M	3600	600	2026-10-17 10:31:00+00	2026-10-17 10:41:00+00	2026-10-17 10:35:00+00	f	f
KET-NP-01	S01-004	1	assessment	PAIN	PT2H	Pain intensity, visual analogue scale at PT2H	7200	720	2026-10-17 11:31:00+00	2026-10-17 11:43:00+00	2026-10-17 11:35:00+00	f	f
KET-NP-01	S01-004	1	assessment	PAIN	PT24H	Pain intensity, visual analogue scale at PT24H	86400	8640	2026-10-18 09:31:00+00	2026-10-18 11:55:00+00	2026-10-18 09:35:00+00	f	f
KET-NP-01	S01-004	2	dosing	DOSING		Dosing session	-1	604800	2026-10-24 10:11:00+00	2026-10-31 10:11:00+00	2026-10-26 08:47:00+00	f	f
KET-NP-01	S01-004	2	assessment	PAIN	PT0M	Pain intensity, visual analogue scale at PT0M	0	600	2026-10-26 08:47:00+00	2026-10-26 08:57:00+00	2026-10-26 08:41:00+00	f	f
KET-NP-01	S01-004	2	assessment	VITALS	PT0M	Blood pressure, heart rate, SpO2 at PT0M	0	600	2026-10-26 08:47:00+00	2026-10-26 08:57:00+00	2026-10-26 08:40:00+00	f	f
KET-NP-01	S01-004	1	washout	WASHOUT		Washout after period 1	9223372036854775807	0	2026-10-24 10:11:00+00	\N	2026-10-24 10:11:00+00	f	f
KET-NP-01	S01-004	2	assessment	VITALS	PT10M	Blood pressure, heart rate, SpO2 at PT10M	600	600	2026-10-26 08:57:00+00	2026-10-26 09:07:00+00	2026-10-26 09:00:00+00	f	f
KET-NP-01	S01-004	2	assessment	PAIN	PT20M	Pain intensity, visual analogue scale at PT20M	1200	600	2026-10-26 09:07:00+00	2026-10-26 09:17:00+00	2026-10-26 09:07:00+00	f	f
KET-NP-01	S01-004	2	assessment	VITALS	PT20M	Blood pressure, heart rate, SpO2 at PT20M	1200	600	2026-10-26 09:07:00+00	2026-10-26 09:17:00+00	2026-10-26 09:10:00+00	f	f
KET-NP-01	S01-004	2	assessment	VITALS	PT30M	Blood pressure, heart rate, SpO2 at PT30M	1800	600	2026-10-26 09:17:00+00	2026-10-26 09:27:00+00	2026-10-26 09:18:00+00	f	f
KET-NP-01	S01-004	2	assessment	PAIN	PT40M	Pain intensity, visual analogue scale at PT40M	2400	600	2026-10-26 09:27:00+00	2026-10-26 09:37:00+00	2026-10-26 09:31:00+00	f	f
KET-NP-01	S01-004	2	assessment	VITALS	PT40M	Blood pressure, heart rate, SpO2 at PT40M	2400	600	2026-10-26 09:27:00+00	2026-10-26 09:37:00+00	2026-10-26 09:31:00+00	f	f
KET-NP-01	S01-004	2	assessment	PAIN	PT60M	Pain intensity, visual analogue scale at PT60M	3600	600	2026-10-26 09:47:00+00	2026-10-26 09:57:00+00	2026-10-26 09:49:00+00	f	f
KET-NP-01	S01-004	2	assessment	VITALS	PT60M	Blood pressure, heart rate, SpO2 at PT60M	3600	600	2026-10-26 09:47:00+00	2026-10-26 09:57:00+00	2026-10-26 09:51:00+00	f	f
KET-NP-01	S01-004	2	assessment	PAIN	PT2H	Pain intensity, visual analogue scale at PT2H	7200	720	2026-10-26 10:47:00+00	2026-10-26 10:59:00+00	2026-10-26 10:51:00+00	f	f
KET-NP-01	S01-004	2	assessment	PAIN	PT24H	Pain intensity, visual analogue scale at PT24H	86400	8640	2026-10-27 08:47:00+00	2026-10-27 11:11:00+00	2026-10-27 08:51:00+00	f	f
\.


--
-- Data for Name: ledger; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.ledger (sequence, "position", hash) FROM stdin;
1	1	b540367faec7fb7ac78231fb27dc9ebb122bc2e87ad40f2f4988103e285099c0
2	2	2358740af09947328a987258ec52d80f6ef42b7b07a7ba8a353fff6da9006ac8
3	3	58158e629d8eb5554401eb2caced99f5094336486cd47be90b55f494e4719342
4	4	4c68fc7a22c531aeb183a3ac019c4d517e82cdcb3abb4e4942ceaba33cf63577
5	5	07d4d3bd19df631dcc9d5beb278f811ed5603cc594fbba80f3fa6d0ca82e91f3
6	6	92804985ae4ac3325e35195cdc1adebdf1ff7e81e2a34605b053d9645c5870f7
7	7	7e7d2567849b7e62619e2237ad6606bd89133b62ba12cc0d8b24d324871f1190
8	8	3dd4bee2e170f4c4960edba28f8fa334840e38733936e8f6d2f69b6531f579ba
9	9	e6b4addbe1aed3ebc56f3bfd819d112d8b9caffecec281e25ef62ace2a11e896
10	10	6b9258c6f6fb4ea802743cd656f6268a6842b8a8f42360cc14f0d837eecd7701
11	11	c079790d4f9ae1ef809edf46ce513a99d40afe4e300a43bfea9a69dd451abc9c
12	12	35d09c697d6ed3d8655e6b3c132b9bd81e267b05bfc011a8936a6bd72ad968f5
13	13	4cf233d7691a2e786c5f48180f7ddf5fb45bd30636b3c95b8861a68713334d35
14	14	75ae9c506948c5acce40972ee3644e10fd689d3072ee4a289f111e2e095380d3
15	16	75b8ac0959f9ea50a66f35ee4f67087277a8b23f1a9a196e3e1a4b1eab714c57
16	15	3f26c8a78585b1d137016a4712534905edd7a386a94f65792f8f39616e9a5756
17	17	5581266a83890d9d10ca53312d464af6d093963001c1f346464a1e033ff842cb
18	18	550ba0abc8d8d1fd885de9b7abf49490369080f7208297859584692c6fb40dc9
19	19	c4d0c90a0b50d66f149c35e551e843b2a9b962fe4586600d74d4600466dc756a
20	20	2352340c82421a497861f5159ae30dddf9e01a07a2d0b261e519f71cf37d22a4
21	21	7dd9906893cde2ad10619e235e79925448e66305e0bb911027efcf68a59348e8
22	22	4beff2f03fbe237914e2061b20fbac44f2b6e8c25cc95ea303a8b53f2a621b98
23	23	1ac776e063efb0a090771df08317e76eab5f3b3e17bc3e0034bce67f8ade7ce4
24	24	26438849635ef7091b596c32a732f8c780959cb61328894969071fdf55844888
25	25	a5a0ae74530141a42fa5e404c5573c00d5d58ab9e3c527cde6115b857b50b489
26	27	8e2ed7621f9829ca1243dbb07e1946d634c4c4c1ba730058363a8fa3c41d75d4
27	26	3b78d66ddd6e484f0d9a7e2e61e380093baf8c7b9d47e437b0820246ef797a78
28	28	c163cb8efc5748e9aa9b1c15266f6cd90ea70d0d18d864a60819481b1d071300
29	29	ec593f43f92b16b7fe211a88e4930f5109d34389db62eb53a43d5069bbc747b5
30	30	c1c8e76e4f614a209b40ce9acdd18a3f538e032d4d8a0e91cf0e5a015e81356d
31	31	6083c3bac3b0bf87367dc00acaf5b8fcab0a9ba710a490fb78f0f10433432029
32	32	879f0c2f48785fc51c2d166d1afb99793bdc4fcab1f47517d5105c2ce58c543b
33	33	16b052a1624d86f79ff777ab34b900badbf1b6227cb68ac6c0b526bb3e0f232f
34	34	1d589dfc6623f0c235671f2842253c338dc7cb3f15bbb42c0ec34219b9cd3d6a
35	35	5cbeae9e48778da146f6f35e7e134c898ec8ebc7a85fe3e96af76b0a1d96eeca
36	36	020ee9e26768746ae1a62e811cc1aa5369da2577922c68be8b6f50db1ac156a0
37	37	85be13b62f21a97909ba6160eb4eb7c95f1a18ebc47ac645cc91ff8a95115ea8
38	38	29fc451b14184d8c937687b1da7c1b079ffbe0a653e146be772e0a18289a5a8f
39	39	03ba77de7f8af819d212ec7bbcb3a4fd40b116dd4143269a7777e2ca4cd7701d
40	40	eb9c5b1e2e1516f619726431d306d2c13f86c695eb245e770731981adb6c69b6
41	41	c2c7af5d3672536153fdc8f08bca7e702792b1d7ece53c8ab0b51ad61a8469c5
42	42	2785bcfb4aa464a3dad406c766adb49355e40976e1af68353042a7dad415e293
43	43	a1b8e90047b632026a083fbd1e14ece07c9d1839a179be69695b9e5edca699ab
44	44	b49fda339355e4b75cc5acc2b2479a6443b1da4cc5c2fcc9ab4fef1f651dc767
45	45	388524b01a2e7a25057ec261d5e4b9ca8f4a18fb5198328d72ef46e6aea5c61a
46	46	1283ceb116b35cc39cb4402eda39ced45f9e807d3257b2c95adba6eff1342fa8
47	47	fe9dee75e202c3f9f1b5ec393eb7c677e471285cd5c95d27a8cdd1002ff2ab2c
48	48	ef3c37a596727ce0583d68c7671af2097787c917222bc247c949493e6e1fbe25
49	49	806b89b8d568a5c0482c0947d96f32d72f05aac288b3a8492ad2caee57cd23ac
50	50	42e194328a27bc6d218349f6c5afe5b3bb9cb2008d47794215f24a7b8226cc63
51	51	2907411fca08ad3058aa87e5bdb228ab0e6e6a18ef8c6401fbb8208d68285d3d
52	52	6ba1e2486099b83b40c2c630aa2aabc5f6c08e558a0170a28892ccbe9437bd94
53	53	da86e9e7bd93776bcb7bdd4a2546e29786b8002783569c061deaa74c5b5fc199
54	54	30abbdbfb33b0678fafc7adbb1506fb39c9aa808db62b0846ef7a0f6f9021dc0
55	55	91b9528016384e411d3275285c576f5e53aa874ef181011cd2146f206dd1384b
56	56	16f9c8600264094afc06f55c11dfa31142e6b32075deea90f86a12fe3e4d99e3
57	57	2b6a13261c5a0865fe3c8d38365fc77a72700769a63067506446a25aae8f7f9f
58	58	59e28b79286527d10163d3c1cf182b694a444d35a3a6748ab97b53755bae6997
59	59	d195f4d30212b6b6ec6c0bb725e591142379ff99e4f95375e6243ab2db4aff69
60	60	4bea44efa42960eaf6debf216603c9b7ef3ec8b84b9b894ed548cb725d5f67ef
61	61	70be692d050997cc2f29e95b6b1b70a5435d70781de58b1b6c4bf70277a10f49
62	62	76a883fdd0b8852e6087d4fa1e9de00e27f88b0e2abb3de358e3801b0e0cf81b
63	63	1ba96038b2263bff8f63a8d1b3816bcda3f45917f382b9594ad0c195faad4479
64	64	9633bf16e277ab3edbae2586988b95758c0beb38f715f202bf247d29a061a9ad
65	65	4fce88c462c5a9033c964a88290a48ab362fcd090ca6c264decb61f9177e194d
66	66	2411867a90acf1feb0d059955acb074d5a01b46b3871803740ebeb74042bbfa7
67	67	0abe56d24d7367b485f9752c6c20286aabb3c1b5ef1fc799f32cd5f2f9afcf16
68	68	95c382ea5a86fa838232b4ff6349a6786131af61b152dd36d786b0bf47473a5c
69	70	3772d17997a957bb1c5826156ec62a72f3dda06b80f8d39e9f6a4241c08426c9
70	69	7c12efc9673573f68695dac9616db5c597264e6fa50d232c0de93e29544d3363
71	71	450ded867041e29700902041609f9864cb2f1ae68fb3b208b5c25e53c7108ea1
72	72	7589ae43d76cc9e685792dc20a08c93903b60becb21387218ea743a8a3404110
73	73	e2bbd3c2954d0f72f06c29810f0101781ffb63f22e4a30896bb1adf7e717c6a1
74	74	de67b989e6b41e9e232a37d6d484322269e2bc2aa1e5fa4fe39e3fb6006f6125
75	75	bca6fd562d0c2b9f0d4e91ac2bb8d6cebe053b3cb310df707de8fd46d3811a18
76	76	c376ba65b73272b3a84bf6675fde43877dcf03962845f62123bfec8f1b7a5745
77	77	9fa731a1ad0fc2ddd7a940e6c9b3a077b331719adc097672b32826b19375e0aa
78	78	d6a5226ac6767cafb2dd2b66363f2b1d4031506d2adb1367af48f78f745d0fa9
79	79	add25365dfc53384f7cf9dea2f32654f7b7088271f100394c332a1e1aa098d61
80	80	b20abfc0ab57a65934651be6a0b1c79f099c941411abf29ce18cba395e6b48fd
81	81	7fd7fab53286b80c454f9296bcd11de9e63d87b6b48f4cbb0318482073098c91
82	82	8bbee934a26a7a4a3bf8582448dafff434bf631040e1c907a2a56842c2eda12c
83	84	9be9442093ea5be01a629ae43431ddeffe1ffafa4d4e4f24777fc34d297845cc
84	83	7bc0011fe3678fbf8097094073b965a524659e2f7fd5287bb6fe786ffb826ea7
85	85	c764658ba15a8eb98c0484f5ea00e213d08127f0be76856b3bd5fa556ce6d428
86	86	e22b14c6174009f5826570fd2f53736e6fafb8398b1934c1a0cf05801ab9f208
87	87	aa7e784d85daf6c673f1f4a8817534a5445b829d38a0e1a400aabced51108d49
88	88	b3d11349f07e11626213cb5cc32d12fb09f4b4d1e2722018cf9f0725346d62fe
89	89	f711f17c79390ac31f82b7d0ba490db5e444857d2d646fa5a047d5f0a96f964b
90	90	1d38209b6f6781ca8d341e44c42c3c1b6d9901cf394f9c24f57a6d4bc6c92c62
91	93	a7cab3d6bc72ed061f6f9485a5938e1ed4914a9d070a20b5c174d96543b20955
92	91	bc7074cdaf3ff4ec60f0698319b44ba29ff85af6901ecc7983663c995afb1808
93	92	a9ebd9cf870ffc5bb71389f5d6407062ba8367c081143f14e70db171de4a29e4
94	94	d30dd5be9247665dfd4f9d9292e8008074f8b71a92cc77e17e5a4f0e76e68fcd
95	95	47d5856d449fa465292207f0a5e9b704b2970abd46105f4caef61b612be41e7c
96	96	84cf2038981e4c0b708d5632c53205d1e64472d0955983b875c8d2618914f5fe
97	97	b0d94b169be47cbc135c165614a68308241f18c7112573904e9ee5bc4a7437a5
98	98	e4c056e96118a3083cd95c17d9c907b49f9dca107415da93aae837af1ef793b9
99	99	4b28dc96df650f84313fba9294316bb6de0e4d00173c5f19a520dbfb9378ea59
100	100	0492b85197ee8e9792c978ab990302cb03308a2ee8539e4b595d8a59dd75afe0
101	101	bc6efa478bc77358ebe218c8559e50c66855e6426ca70579c3f651f8a369a0c3
102	102	5c98736c021d39f9a97f63c50de43e6f6d4ea5ff5ddabbaea0da57d7c8816328
103	103	60e3c1710229436383ae725858feae7111b961a816d8ba9fec207a38e001ef98
104	104	0172d1146ee4e0bde852065ee43c4ee389af782919aea2ceb42da73041fedadb
105	105	ed4c2d2d34fb8d7c2ca12e5d22a1da7a9806e5b6a502e63d6a92508033e9117a
106	106	6b5c8769f3864d276fcce971fdb2b27e8d44a96b5e5fb20e93ec475b74f6653e
107	107	e32cf706e602e17c5c7a9927903f366ccdb595a2a25848c9b7c7a91a94996e13
108	108	a1dcb68c6169c2da41aaa2c7e4d1aa5a9d031cc2ecb5206b10c2ad16027ef4ff
109	109	a26e1d22421f1f3272986d904a41a26447ca70e9ffbbb38edf5951f15383ff4a
110	110	954ecab09fd8cd139ed11178fea99e96be9fd19352e23fabf1fc2bcc7c5fb3c0
111	111	fb40b44e185114c53453f27aabc4ff3391bf101d0af74e2284812d1fb97e59b3
112	112	e83a53ad56bd925f19ecb440a4fbc34c458c977b2ce68b6127e3734704477418
113	113	d50e47446daa56d3669f0094f266e39b3a2934877484020393df96f29dac7ff3
114	114	514c79e8380ad1903b57a60e14f4f5909f2739fd905ad7eeb072f5fd4d0b1957
115	115	7d397108d524cce7e32f5ba4d48edce64b69dee453394e1fbfe4ab006e51aa49
116	116	4fcd61fc426aabc5d22592288d965c66a3a5e6c893a754690a982570aa3d0553
117	117	90f5bea123b1928844c9418e35af49087d63d267aee29b4ce50bb9ea1312cfef
118	118	de916e615369e7ef8897a21ec657dc5def43ed68326f440865455e5a34bd0e8d
119	119	a04a510df1971bc30126183ddc73e7221fd156b20011a17ec48d33ddadaa27e0
120	120	19bd66520095fe726eb2806739042674729a24f965ef3f6368daa56abc22b91b
121	121	6c9bb77e50a09f3ac8a15299b72af0c76c0a48167ee9779641724d6a898ff81c
122	122	e0fd48e36b3a546efeae73c5cf5dd788625957cf217ea5a4530f93388e2d0431
123	123	d4da413dc6868d915ce3fdaa6f97a8d3c1ba94fe3f3ed85a9c2358278b7aa26e
124	124	0bffcc9d625012530540f2f5e8f10796a6989bfec2a7fb946bf4d183f9e35a35
125	125	99b98d43f43607f8bc5952e4d45819a451045c3ac89f479d2f24317a3580d6f9
126	126	b8e5fddd138160be29c4ea0ff03b5d57eeb09acc351fe8fbcc750b33f7de347c
127	127	4073c8b95c4936f80bbf48aa5d9974326c23fede98fdbe1e9fce09515f768120
128	128	df85532c32ad818f9a1ced69a4de98f6c1c1d03941c68f56f333761d7d420e06
129	129	e6238c6b45ad70101ab93960f9b2e4f27876fc37bac4c5420f6bb7c08d364b56
130	130	4b1dd054c43ca44ad1478b86603067f5c83e4dfa64e5668b3df2c6c684d5365a
131	131	875a8dd29fc2b7a3480e7e288d72fcd3023c520408947a0a68c3973862cebda2
132	132	03fe6619c7e4407f79d5b2bdf9087742e4a56587a94bc592f412bfea79fce338
133	133	04af6dc4b80cad2fd835ef35dc76b299546755fc6cb8135888fcd4f9ca87c20c
134	134	8c0cc603731051a729fcc2c6b123fcfefb0e821a1b1a3ab17ff57e1719020d61
135	135	af9cc6e70ece356828c330aca283fcf511811659963a5cc48c81c3e9301fb690
136	136	286617f9c6af3bdc2a241bb3c62ffc8105cd89d1b53ba47d2f739e672516676d
137	137	96b21a6af76080aab4b53bccf918ddb8ded3d0315bdec67ab7fe331dbefdb841
138	138	8f33250a0be2d07e1e4f6228d6416a13abecae0a307ce23c9740b3b7863b60f8
139	139	3c53433fd597f60433957bb301619daa069a6d5597a1e3d43235ac6dd70c1b4b
140	140	d34e389c96936d007eb492fb1910c09379c944d488c42fb82d2fa3cf85a6ae86
141	141	722d40607fe521b36ab36c359b1120e963e047be05f2426be41fd21db6a9a8c7
142	142	b0e428dec9485bf1f01e4b2c73f2b3ea9691e32d9e8b75283e17518c9aec4698
143	143	ee17b6478c0c75b44275706a034e52e597512b27e2bc72a4607451e4285f058a
144	144	ef346d891ffebdc33107eae630d7cae8d488e6f2ab206857860166e1c555c173
145	145	bfe488797414a3ddca09466122c850d8345fa8d0e7d8b6b92ef8e957ad053f34
146	146	06845414afea02a6cd9f307ee9ff8c64e994952d75cd1478b87f2d7180e3793c
147	147	ec73b5499816b65d53e642a075ffa05edab42622c9865accfd240e11c980fd44
148	148	c4646da1698b1836e2511fddcd79ce517958fd5cc91d4937c13f3872473e1dab
149	149	77153ee455941bc86b72c5f0d6fbf704ad07f8afb2c7198e107f071dac838881
150	150	605d73656cf092c4cf8e0a866f6f03322445283bbe692ae41404c10ed781689b
151	151	1907499ec0d81388bd974ed7b26b9f85b1d5fbad66e4ce5f5837117f5f3b2487
152	152	7524570e334e628ba9da06cc1f1d6254872d82448a3331e0be55cc28baf69498
153	153	0a01aa54db509e1ac6177da95184d23e8f02465118278c6b60d06be97641525b
154	154	8c51d7e25d89e5ae66602e5daa2f7a098c31865d5c372aff43f0291668770255
155	155	84e50244c06d85ccbc415f7cfe1025ac397bfdddc7308b3216aea3ab99726ace
156	156	4bb25315d4ceabac5c77a5cf61bb36aaf60956a2b34c5e00ae9ddac2b3c92b14
157	157	a2e05e242f582eaefa9ef61b99cadc0d2355fe551507f26e8733e6c0f99d922f
158	158	e3a76b4cfb7af0c99121f3eaf2e609ed7e82bdf5fa6cf897f140a9f25eb353bc
159	159	abda48f2275832850a9b11f04bb40cff1cb61b8dfe77c7ec40342ec77873689e
160	160	afce71f291fd46c2b334f2a4ff7576c4702dff19ec37138e365aa1e9830907f8
161	161	34c191546a539d73433f24861f9f344699b1e4473aec8a8094b364be53f3763b
162	162	a8f3f7d479c1b869498d88f91c6fd8f5a4306b133356f0023d31cc80973a01c2
163	163	8444fef73973fd34c657cd284cf7fcf25ed4f7a913bd6d98285eb5abc39a09f0
164	164	abee8eb81fc13c480c3f4610a456074a3a4c764c5153dc34b0aeeadc07dff366
165	165	2e69af096cc17d2a8fe6e78663ceeb106d4a54005c90025fe83d1e6516c97ff0
166	166	8ac90adffa5efee4275767f3dfbcda34ca2b09b167d4dd5917ced4805faf8257
167	167	c256935943091f0599a71db993788461e759c3b8c27e9caf74e8da6db1874951
168	168	6e0262b3162292fb0462f8f5b4054a49356dc17f9dee6abed6914e295da701cb
169	169	e67234622ec06665df86a4faafa0d16d91dae86741ef893f5c93d93f728039c9
170	170	8ea6261abb2cce3f13fe49cfce8cb70b490908563c4af7ba2550bb694efcb518
171	171	7abe2cd73f63aaee0cf98c544f162218cfa0b853c7ff75ae28be7adee0b98904
172	172	f45c4eaa6dbb22d4b507c9afb5345077c45edc486ade7b7f34b5740b5fd26e51
173	173	a91da2dde619bc30133ee371f4e5f293fb669aee0ac77a55737e3eaae63b3add
174	174	35ee250a6ad9d0698bbaaf14487bf44225e267fa7cdbb60a503924fe153b2d6e
175	175	5d579079a601782ac5ecbbc48e47f18300f9869cb3e6c44d7d561094b0998474
176	176	f3e95a407749f5f001b85aab2c0824075cf710cda10dddeaf6241781b02c8f08
177	178	40ddbbe0eae4dc9afbf0321e4aaa9fb55da01080c229f3d6d09f3162c7f1a010
178	177	11a9559b049a76a2bfc8faebd5ec43fe33d948305ab732b5b05d0d2f335c2ca6
179	179	c9cffcc868bd8d6094df4dc5a237b94bc9661d1e69e6253cd23bde9fec013148
180	180	fca193d9c694ae5d2eb5f0c051aa0a8e69a3fe3232128f7ff862d1c7c580fb56
181	181	621beab725f457de649dca507d002bd5ff2063ea6174169c5bb5b9d7a1e59a0c
182	182	70156cd6b001a2892c39b1b3fee729c414b86dabf2ef65243ea3a18dd58a849a
183	183	e96fab04c36929b0144b1bdeefa870abfc28fb04eb8b5c667db66289b40f3c13
184	184	635b4663d830f1cfe3cc300b30debd112aa079f139b7dcbe622615d4fec867a3
185	185	3b57bdb3e0112b27de9868118f2970f0e07f994828b9aa271d287cf8c4886118
186	186	ebaa7a1824d1a67f368e601e8f150b57e2c722e96c4e2d80481fd30c3b85edf6
187	187	d07a86277e17eafb0c23013cf12c21507d0a6906d892387af5f3d8342061efda
188	188	7f4f6778af30f691cf797e52672cd42c9f10a4b74c376abc19bef4586b2efc46
189	189	764fba4a02957ed674e547b9b460c7b6f7bf3b029488a16de02b6eaed067c62c
190	190	dcd3a8b60ea5318bafdb64ed9e098689c9083e244265825d511f9f286d9dab72
191	191	ce9950bc3322fdd2f8f85f543ff129bf0928679fb9736e4792c175a9a69e45e5
192	192	aaf26d5c6afc8ee8ccd4174c0dc5a6a8fa49f35d16bbc477b47a499028ad6e15
193	193	bc4a50a0c166c418b8a1bb61beb7e261a8cb338b2946b5aa40edf285ea36e3e7
194	194	8e455f59386b3baf1f65698f08fd642cb72074811606dac65928b931509e029e
195	195	c62461f9bfa1d8618071279113e2ff0424df0a76241896586d3002f49df85c81
196	196	5ff1bac3d83277c828bac2c40a74b07852c302ff859d4e6354cef912d2537203
197	197	b14c18b018cc8612113d46000643a314f83de7d94bfaade39e2d7cd5ace99200
198	198	35e30c767081c6b3a2efcb00447fe19aa54bda3996cfa4fee08603c3d129763f
199	199	daf31f274d2e8a4fbd1035146f87a5854f5ac2423592b6c5dc6cc640d1c26068
200	200	daedfbef87b04a65c1c7add38f57aed733645d5efd5e1c6f1948dc66ab21579f
201	201	c989b0bfdab3e8b3ca92d9abb4489480dc8efb7331df53a8c4f8a4db7d60a3ff
202	202	41fc100412907aeae9d9aacd42ce718e13f5b076de702c2d1791e5260364870c
203	203	c92733c7d79027424e4979fd5ea508c5b6524d77aeb072b7b4b552833ab9fdb1
204	204	5a70a7597599fe447ec079aa5aecd9a84f92f1274167c86ce1bb25c000514af7
205	205	fd89e4c1fa867cec30f1aa1b25d991a34dc7ef750b0917c45303694227de8d7c
206	206	d23ed1b61a8caa520ae9b444b3cc2f51b2182dc5f428c96acecf791274b73279
207	207	e4e3b565951e2d56dee93b1558bc5ef79be6ec408c79b40ef5c1eca0d67c0c0e
208	208	a762c0719f30f668116497173cd8c6d0ebb2bcac2f7fa2b0e5fdc5595b364be3
209	209	b887207efff4e44ef91934c5a28ba26726a905a44b18e9fd6303a93e5e4d2f53
210	210	4a494019bbc24b169ac35bd3a6ce4079ef61f2e3ff4d65c341a3b426e3516d47
211	211	b8b918b98d766a18941f5b0038ae38a783c1ec65e23412bd233200c555224f9f
212	212	6b58035d5623fbe116a9f3f6d55958da87ac374bd1caf3b73f0f36dff2fb8dae
213	213	309a18e7f21dc3bf1c6a81beb898abf5c799b894c0913ef029eb70bdb3418416
214	214	046d7af45cc1c050475dbb4389e3711b1ff260ee3fb7d6d4f6d26f6c84c51c95
215	215	c53f95dd4fa1c37423913b63f124e62d6b2615d60aef23fd8def9655860d1e78
216	216	009072fc238eb5aafada919bd10d2884e47e10c7d692b8fe9ac17edca48f714f
217	217	af6ec250db5513871e145dbc690da7d8ccbf835bb1daddde8aaacce748c4bd69
218	218	dd9363eb548d9d5f5eab1849dc4be1e2b3c744e8212f5f085127a2b24fb66228
219	219	072db705022c666a99b95ea4c75295a6ea6c367590f71db7721391df9d3868ef
220	220	5083093c1df44f2c0dc94fc06e3e88394fa5af40114c884016fc323e6affed26
221	221	364da7c964b825a986240785d4de4acd0cfdcc2bb0228819c33edbb11b05065d
222	222	68cfb39d5cb30d30fb2408983cedf7d56de138bc196428e71313fdcc14ab635c
223	223	7f2fe9fc9d1805eac3ae211a3063c3d8338128ddd9abae9fe2f9382c977656cf
224	224	c07ea5223ea6732ff9092a813dbdfc964ab8644addfb7f05e4de3cf3d2d0c097
225	225	59b5c798e798cae183d04172077896d6753fa81a8dc5b51e4ab3677290ad9204
226	226	e7ac27b1b53012ed1fd5390d4bec817a7c3b160b1124c295c4b88ff9cb52f81b
227	227	fd7b56cd7ffdf1eab6735b5feeab8c65cbe5739451667e39dca0cfd4ca74117b
228	228	45416c53e66ac8287220e716a0bde24116ca292c270409ee2187d6f3b9217323
229	229	45f1aa8f7abe41a415af7bba3dacc3f16908df4d04daa79110d873956e7c2a95
230	230	073418be394bc581853560a98abaa17e4c46f518fcde9f0939b2820210e944e8
231	231	3852fa8401fc2888d494ecf6e16d2cabf1cbd610161c2c1cff00a108fabe30b4
232	232	45e514446dfa10a80a28c3192f590a6b3c00d9dc675d29cc5e03fde89c93dd02
233	233	fdaac305f33c7adc8ae270f166f48fb93f0bb983c1ef3af438291186063a7c18
234	234	022ac99a9e8ce23eb8af69f0a0697acbaf5a688e773291fae93d3a8f2517d485
235	235	09787f888778dcab7316d9f1fd0c2e3fa9eb773541acb3990fb4c53b2dc21e89
236	236	e8c5f9748c394f9dda2601f4fd12d5fd0bb8923e3faee35e9f89e85e1c23a9f2
\.


--
-- Data for Name: messages; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.messages (id, type, payload, ordering_key, deliver_at, next_attempt_at, status, attempts, max_attempts, lease_owner, lease_until, last_error, correlation_id, causation_id, created_at, handled_at) FROM stdin;
1	journey.assessments-deadline	{"protocol":"KET-NP-01","subject":"S01-001","period":1,"deadlineAt":"2026-10-13T08:52:00+00:00"}	participant-KET-NP-01-S01-001	2026-10-13 08:52:00+00	2026-10-13 08:52:00+00	pending	0	5	\N	\N	\N	a4981203-ae7a-4eef-a2b7-5f177fab39c2	a4981203-ae7a-4eef-a2b7-5f177fab39c2	2026-12-02 15:08:44.062375+00	\N
2	journey.assessments-deadline	{"protocol":"KET-NP-01","subject":"S01-003","period":1,"deadlineAt":"2026-10-25T10:05:00+00:00"}	participant-KET-NP-01-S01-003	2026-10-25 10:05:00+00	2026-10-25 10:05:00+00	pending	0	5	\N	\N	\N	61b772fc-897c-43db-9b4a-1b5305e88d06	61b772fc-897c-43db-9b4a-1b5305e88d06	2026-12-02 15:08:44.0975+00	\N
3	journey.assessments-deadline	{"protocol":"KET-NP-01","subject":"S02-002","period":1,"deadlineAt":"2026-10-24T09:24:00+00:00"}	participant-KET-NP-01-S02-002	2026-10-24 09:24:00+00	2026-10-24 09:24:00+00	pending	0	5	\N	\N	\N	b51218ae-7131-4f2b-b832-f4819e838de3	b51218ae-7131-4f2b-b832-f4819e838de3	2026-12-02 15:08:44.092529+00	\N
4	journey.assessments-deadline	{"protocol":"KET-NP-01","subject":"S01-002","period":1,"deadlineAt":"2026-10-16T10:14:00+00:00"}	participant-KET-NP-01-S01-002	2026-10-16 10:14:00+00	2026-10-16 10:14:00+00	pending	0	5	\N	\N	\N	1a531980-201c-4b8d-9f18-54d0c3cfa4ca	1a531980-201c-4b8d-9f18-54d0c3cfa4ca	2026-12-02 15:08:44.15466+00	\N
5	journey.washout-elapsed	{"protocol":"KET-NP-01","subject":"S01-001","completedPeriod":1,"washoutEndsAt":"2026-10-20T09:12:00+00:00"}	participant-KET-NP-01-S01-001	2026-10-20 09:12:00+00	2026-10-20 09:12:00+00	pending	0	5	\N	\N	\N	4817afc8-ccc5-4098-9059-bb420b440478	4817afc8-ccc5-4098-9059-bb420b440478	2026-12-02 15:08:44.263459+00	\N
6	journey.washout-elapsed	{"protocol":"KET-NP-01","subject":"S01-003","completedPeriod":1,"washoutEndsAt":"2026-11-01T10:25:00+00:00"}	participant-KET-NP-01-S01-003	2026-11-01 10:25:00+00	2026-11-01 10:25:00+00	pending	0	5	\N	\N	\N	214b86e5-6ba4-4ec5-8a6c-d26e568e670b	214b86e5-6ba4-4ec5-8a6c-d26e568e670b	2026-12-02 15:08:44.297381+00	\N
7	journey.washout-elapsed	{"protocol":"KET-NP-01","subject":"S02-002","completedPeriod":1,"washoutEndsAt":"2026-10-31T09:44:00+00:00"}	participant-KET-NP-01-S02-002	2026-10-31 09:44:00+00	2026-10-31 09:44:00+00	pending	0	5	\N	\N	\N	81ed2466-66e1-4860-ad52-2499a8e9d2a3	81ed2466-66e1-4860-ad52-2499a8e9d2a3	2026-12-02 15:08:44.310221+00	\N
8	journey.assessments-deadline	{"protocol":"KET-NP-01","subject":"S01-001","period":2,"deadlineAt":"2026-10-20T09:43:00+00:00"}	participant-KET-NP-01-S01-001	2026-10-20 09:43:00+00	2026-10-20 09:43:00+00	pending	0	5	\N	\N	\N	0cf80139-5495-4692-8e5c-0ca36ca15624	0cf80139-5495-4692-8e5c-0ca36ca15624	2026-12-02 15:08:44.335561+00	\N
9	journey.washout-elapsed	{"protocol":"KET-NP-01","subject":"S01-002","completedPeriod":1,"washoutEndsAt":"2026-10-23T10:40:00+00:00"}	participant-KET-NP-01-S01-002	2026-10-23 10:40:00+00	2026-10-23 10:40:00+00	pending	0	5	\N	\N	\N	d14eb6e0-d94d-4c6c-adfc-11b25a9c67dc	d14eb6e0-d94d-4c6c-adfc-11b25a9c67dc	2026-12-02 15:08:44.331721+00	\N
10	journey.assessments-deadline	{"protocol":"KET-NP-01","subject":"S01-003","period":2,"deadlineAt":"2026-11-02T10:03:00+00:00"}	participant-KET-NP-01-S01-003	2026-11-02 10:03:00+00	2026-11-02 10:03:00+00	pending	0	5	\N	\N	\N	3fba19e3-a529-41c3-a2ae-a033c9e1fdf5	3fba19e3-a529-41c3-a2ae-a033c9e1fdf5	2026-12-02 15:08:44.426858+00	\N
11	journey.assessments-deadline	{"protocol":"KET-NP-01","subject":"S02-003","period":1,"deadlineAt":"2026-10-27T09:14:00+00:00"}	participant-KET-NP-01-S02-003	2026-10-27 09:14:00+00	2026-10-27 09:14:00+00	pending	0	5	\N	\N	\N	34aee1de-273c-4903-b125-607904074a02	34aee1de-273c-4903-b125-607904074a02	2026-12-02 15:08:44.6563+00	\N
12	journey.sae-report-due	{"adverseEventId":"8eededef75884d3e","dueAt":"2026-10-21T12:29:00+00:00"}	adverse-event-8eededef75884d3e	2026-10-21 12:29:00+00	2026-10-21 12:29:00+00	pending	0	5	\N	\N	\N	5f588142-4965-48dc-86a4-0f04fd2b19ec	5f588142-4965-48dc-86a4-0f04fd2b19ec	2026-12-02 15:08:44.816456+00	\N
13	journey.assessments-deadline	{"protocol":"KET-NP-01","subject":"S01-002","period":2,"deadlineAt":"2026-10-24T09:29:00+00:00"}	participant-KET-NP-01-S01-002	2026-10-24 09:29:00+00	2026-10-24 09:29:00+00	pending	0	5	\N	\N	\N	9a59b803-80d1-4279-aba3-840989055091	9a59b803-80d1-4279-aba3-840989055091	2026-12-02 15:08:44.952058+00	\N
14	sponsor.unblinding-notification	{"protocol":"KET-NP-01","stratum":"S01","participantId":"S01-001","performedBy":"demo.investigator.s01","performedAt":"2026-12-02T15:08:44.9558783+00:00","reason":"Hypertensive urgency requiring admission; the treating physician needs to know whether ketamine was given.","compromisedPeriods":[1,2]}	randomization-KET-NP-01-S01	2026-12-02 15:08:44.969381+00	2026-12-02 15:08:44.969381+00	pending	0	5	\N	\N	\N	703e165b-773d-42e1-a966-408313c7c88f	703e165b-773d-42e1-a966-408313c7c88f	2026-12-02 15:08:44.951363+00	\N
15	journey.washout-elapsed	{"protocol":"KET-NP-01","subject":"S02-003","completedPeriod":1,"washoutEndsAt":"2026-11-03T09:34:00+00:00"}	participant-KET-NP-01-S02-003	2026-11-03 09:34:00+00	2026-11-03 09:34:00+00	pending	0	5	\N	\N	\N	c9872db8-5216-433e-b21f-82045be01435	c9872db8-5216-433e-b21f-82045be01435	2026-12-02 15:08:44.962383+00	\N
16	journey.assessments-deadline	{"protocol":"KET-NP-01","subject":"S02-003","period":2,"deadlineAt":"2026-11-05T09:38:00+00:00"}	participant-KET-NP-01-S02-003	2026-11-05 09:38:00+00	2026-11-05 09:38:00+00	pending	0	5	\N	\N	\N	bf3ef6f9-7a2f-4e08-a5bf-b979b415dc7a	bf3ef6f9-7a2f-4e08-a5bf-b979b415dc7a	2026-12-02 15:08:45.108524+00	\N
17	journey.assessments-deadline	{"protocol":"KET-NP-01","subject":"S01-004","period":1,"deadlineAt":"2026-10-17T09:51:00+00:00"}	participant-KET-NP-01-S01-004	2026-10-17 09:51:00+00	2026-10-17 09:51:00+00	pending	0	5	\N	\N	\N	8411d4a5-2677-481f-b363-28ca5fac84db	8411d4a5-2677-481f-b363-28ca5fac84db	2026-12-02 15:10:14.296737+00	\N
18	journey.washout-elapsed	{"protocol":"KET-NP-01","subject":"S01-004","completedPeriod":1,"washoutEndsAt":"2026-10-24T10:11:00+00:00"}	participant-KET-NP-01-S01-004	2026-10-24 10:11:00+00	2026-10-24 10:11:00+00	pending	0	5	\N	\N	\N	e0cbbc30-eefa-4051-b603-ea2971383dd9	e0cbbc30-eefa-4051-b603-ea2971383dd9	2026-12-02 15:10:14.35739+00	\N
19	journey.assessments-deadline	{"protocol":"KET-NP-01","subject":"S01-004","period":2,"deadlineAt":"2026-10-26T09:07:00+00:00"}	participant-KET-NP-01-S01-004	2026-10-26 09:07:00+00	2026-10-26 09:07:00+00	pending	0	5	\N	\N	\N	821d024b-b915-4f27-a1ab-47ab791081fc	821d024b-b915-4f27-a1ab-47ab791081fc	2026-12-02 15:10:14.473902+00	\N
20	journey.sae-report-due	{"adverseEventId":"25bc9e1e05684142","dueAt":"2026-10-27T11:47:00+00:00"}	adverse-event-25bc9e1e05684142	2026-10-27 11:47:00+00	2026-10-27 11:47:00+00	pending	0	5	\N	\N	\N	6e943b6b-c602-4788-b236-06c5c06f5b56	6e943b6b-c602-4788-b236-06c5c06f5b56	2026-12-02 15:10:14.524334+00	\N
21	sponsor.unblinding-notification	{"protocol":"KET-NP-01","stratum":"S01","participantId":"S01-004","performedBy":"demo.investigator.s01","performedAt":"2026-12-02T15:10:14.5496951+00:00","reason":"Hypertensive urgency requiring admission; the treating physician needs to know whether ketamine was given.","compromisedPeriods":[1,2]}	randomization-KET-NP-01-S01	2026-12-02 15:10:14.553497+00	2026-12-02 15:10:14.553497+00	pending	0	5	\N	\N	\N	fc9a5135-376e-4bdb-a55c-c1af4477e1ae	fc9a5135-376e-4bdb-a55c-c1af4477e1ae	2026-12-02 15:10:14.548126+00	\N
\.


--
-- Data for Name: pharmacy_allocations; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.pharmacy_allocations (protocol_code, stratum, participant_id, period_number, kit_number, treatment_code, treatment_label, sequence_number, entry_number, assigned_by, assigned_at) FROM stdin;
KET-NP-01	S01	S01-001	1	292633	KET	Ketamine hydrochloride 0.5 mg/kg IV over 40 minutes	1	1	demo.coordinator.s01	2026-12-02 15:08:43.891392+00
KET-NP-01	S01	S01-001	2	907247	PBO	Sodium chloride 0.9% IV over 40 minutes (matched volume)	1	1	demo.coordinator.s01	2026-12-02 15:08:43.891392+00
KET-NP-01	S02	S02-002	1	971540	PBO	Sodium chloride 0.9% IV over 40 minutes (matched volume)	2	1	demo.coordinator.s02	2026-12-02 15:08:43.929367+00
KET-NP-01	S02	S02-002	2	735344	KET	Ketamine hydrochloride 0.5 mg/kg IV over 40 minutes	2	1	demo.coordinator.s02	2026-12-02 15:08:43.929367+00
KET-NP-01	S01	S01-002	1	558438	KET	Ketamine hydrochloride 0.5 mg/kg IV over 40 minutes	1	2	demo.coordinator.s01	2026-12-02 15:08:43.966015+00
KET-NP-01	S01	S01-002	2	177880	PBO	Sodium chloride 0.9% IV over 40 minutes (matched volume)	1	2	demo.coordinator.s01	2026-12-02 15:08:43.966015+00
KET-NP-01	S01	S01-003	1	566482	PBO	Sodium chloride 0.9% IV over 40 minutes (matched volume)	2	3	demo.coordinator.s01	2026-12-02 15:08:43.990152+00
KET-NP-01	S01	S01-003	2	606841	KET	Ketamine hydrochloride 0.5 mg/kg IV over 40 minutes	2	3	demo.coordinator.s01	2026-12-02 15:08:43.990152+00
KET-NP-01	S02	S02-003	1	640261	KET	Ketamine hydrochloride 0.5 mg/kg IV over 40 minutes	1	2	demo.coordinator.s02	2026-12-02 15:08:44.55806+00
KET-NP-01	S02	S02-003	2	841329	PBO	Sodium chloride 0.9% IV over 40 minutes (matched volume)	1	2	demo.coordinator.s02	2026-12-02 15:08:44.55806+00
KET-NP-01	S01	S01-004	1	980643	PBO	Sodium chloride 0.9% IV over 40 minutes (matched volume)	2	4	demo.coordinator.s01	2026-12-02 15:10:14.210179+00
KET-NP-01	S01	S01-004	2	979161	KET	Ketamine hydrochloride 0.5 mg/kg IV over 40 minutes	2	4	demo.coordinator.s01	2026-12-02 15:10:14.210179+00
\.


--
-- Data for Name: processed_commands; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.processed_commands (command_id, result, processed_at) FROM stdin;
dbc6a036-2a16-47cb-a2cd-346bd2968716	{"commandId":"dbc6a036-2a16-47cb-a2cd-346bd2968716","status":"Accepted","rejection":null,"positions":[1,2,3],"duplicate":false,"accepted":true}	2026-12-02 15:08:43.040042+00
1d2a6b10-8431-4d27-b81b-ecdeb7b89e5c	{"commandId":"1d2a6b10-8431-4d27-b81b-ecdeb7b89e5c","status":"Accepted","rejection":null,"positions":[4],"duplicate":false,"accepted":true}	2026-12-02 15:08:43.672088+00
cbe93009-7e39-4574-a3d5-5b7ed5d8e566	{"commandId":"cbe93009-7e39-4574-a3d5-5b7ed5d8e566","status":"Accepted","rejection":null,"positions":[5],"duplicate":false,"accepted":true}	2026-12-02 15:08:43.768469+00
f9b78eae-b757-4675-ab71-aac941a1cf48	{"commandId":"f9b78eae-b757-4675-ab71-aac941a1cf48","status":"Accepted","rejection":null,"positions":[6],"duplicate":false,"accepted":true}	2026-12-02 15:08:43.773624+00
28364db9-d098-4150-86b7-4cdd78cd46f4	{"commandId":"28364db9-d098-4150-86b7-4cdd78cd46f4","status":"Accepted","rejection":null,"positions":[7],"duplicate":false,"accepted":true}	2026-12-02 15:08:43.674879+00
237254f8-4ab2-4621-8cd0-2daf935f478c	{"commandId":"237254f8-4ab2-4621-8cd0-2daf935f478c","status":"Accepted","rejection":null,"positions":[9,10],"duplicate":false,"accepted":true}	2026-12-02 15:08:43.794643+00
d01bd8ea-118e-4faf-a0b5-242154bf66dc	{"commandId":"d01bd8ea-118e-4faf-a0b5-242154bf66dc","status":"Accepted","rejection":null,"positions":[8],"duplicate":false,"accepted":true}	2026-12-02 15:08:43.797555+00
9bcb7667-ab27-4f5f-9a69-7c1d08e77d5a	{"commandId":"9bcb7667-ab27-4f5f-9a69-7c1d08e77d5a","status":"Accepted","rejection":null,"positions":[11],"duplicate":false,"accepted":true}	2026-12-02 15:08:43.813045+00
afdc845d-b816-4a5a-a1d8-74bd1caa80d8	{"commandId":"afdc845d-b816-4a5a-a1d8-74bd1caa80d8","status":"Accepted","rejection":null,"positions":[12],"duplicate":false,"accepted":true}	2026-12-02 15:08:43.813485+00
58ade19b-f896-4d0a-b436-6c8858dae4d9	{"commandId":"58ade19b-f896-4d0a-b436-6c8858dae4d9","status":"Accepted","rejection":null,"positions":[13],"duplicate":false,"accepted":true}	2026-12-02 15:08:43.871951+00
e7b45e61-6d75-4180-80e6-a1b4d431e66e	{"commandId":"e7b45e61-6d75-4180-80e6-a1b4d431e66e","status":"Accepted","rejection":null,"positions":[15],"duplicate":false,"accepted":true}	2026-12-02 15:08:43.899794+00
cb6eb7a9-fa8c-4a05-b34e-425d43548947	{"commandId":"cb6eb7a9-fa8c-4a05-b34e-425d43548947","status":"Accepted","rejection":null,"positions":[14,16],"duplicate":false,"accepted":true}	2026-12-02 15:08:43.877226+00
c0282669-0772-4cbc-8d51-c1c3d2e4f7b6	{"commandId":"c0282669-0772-4cbc-8d51-c1c3d2e4f7b6","status":"Accepted","rejection":null,"positions":[17,18],"duplicate":false,"accepted":true}	2026-12-02 15:08:43.925931+00
177a2611-291b-4a53-bf53-70889c7e774b	{"commandId":"177a2611-291b-4a53-bf53-70889c7e774b","status":"Accepted","rejection":null,"positions":[20],"duplicate":false,"accepted":true}	2026-12-02 15:08:43.948513+00
6111347a-0613-4ffb-841e-972a58a750fc	{"commandId":"6111347a-0613-4ffb-841e-972a58a750fc","status":"Accepted","rejection":null,"positions":[21,22],"duplicate":false,"accepted":true}	2026-12-02 15:08:43.961785+00
d802db22-f96c-4f28-b942-7d878b5bf95a	{"commandId":"d802db22-f96c-4f28-b942-7d878b5bf95a","status":"Accepted","rejection":null,"positions":[19],"duplicate":false,"accepted":true}	2026-12-02 15:08:43.93046+00
3b553633-a1ce-493e-a7f3-aa794c31d1b2	{"commandId":"3b553633-a1ce-493e-a7f3-aa794c31d1b2","status":"Accepted","rejection":null,"positions":[23,24],"duplicate":false,"accepted":true}	2026-12-02 15:08:43.988233+00
b657a37e-63da-4846-933f-c760101e2f70	{"commandId":"b657a37e-63da-4846-933f-c760101e2f70","status":"Accepted","rejection":null,"positions":[25],"duplicate":false,"accepted":true}	2026-12-02 15:08:43.994303+00
6f7e981c-cc0e-4369-8b59-fa5d4807c49e	{"commandId":"6f7e981c-cc0e-4369-8b59-fa5d4807c49e","status":"Accepted","rejection":null,"positions":[26],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.009165+00
285175b3-a35a-453e-b19a-005487c11a14	{"commandId":"285175b3-a35a-453e-b19a-005487c11a14","status":"Accepted","rejection":null,"positions":[28],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.016591+00
daf19d59-a411-4b2c-b6c2-cda46a17cbc6	{"commandId":"daf19d59-a411-4b2c-b6c2-cda46a17cbc6","status":"Accepted","rejection":null,"positions":[27],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.007542+00
10a7c46a-7be2-42b8-b727-17917f9bb14e	{"commandId":"10a7c46a-7be2-42b8-b727-17917f9bb14e","status":"Accepted","rejection":null,"positions":[29],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.030975+00
6c8f7711-50ae-4a93-a2b7-90e09939c156	{"commandId":"6c8f7711-50ae-4a93-a2b7-90e09939c156","status":"Accepted","rejection":null,"positions":[30],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.039479+00
232cd354-4f02-44c2-8fb2-60e8cef11cfb	{"commandId":"232cd354-4f02-44c2-8fb2-60e8cef11cfb","status":"Accepted","rejection":null,"positions":[31],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.050809+00
dffd7968-e881-4291-9644-ecf4f6bf1147	{"commandId":"dffd7968-e881-4291-9644-ecf4f6bf1147","status":"Accepted","rejection":null,"positions":[32],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.045154+00
e99657f1-9ea1-4dc5-a50d-cf96d18c939e	{"commandId":"e99657f1-9ea1-4dc5-a50d-cf96d18c939e","status":"Accepted","rejection":null,"positions":[35],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.065251+00
a38e69e1-0be7-4632-aee2-d4f4a427d768	{"commandId":"a38e69e1-0be7-4632-aee2-d4f4a427d768","status":"Accepted","rejection":null,"positions":[33],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.050164+00
a94e33ed-6b20-447d-b686-54ec2bb4ad0c	{"commandId":"a94e33ed-6b20-447d-b686-54ec2bb4ad0c","status":"Accepted","rejection":null,"positions":[37],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.087342+00
a4981203-ae7a-4eef-a2b7-5f177fab39c2	{"commandId":"a4981203-ae7a-4eef-a2b7-5f177fab39c2","status":"Accepted","rejection":null,"positions":[34],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.062375+00
59fec9c0-bb8c-440a-89c9-e1a5725b132a	{"commandId":"59fec9c0-bb8c-440a-89c9-e1a5725b132a","status":"Accepted","rejection":null,"positions":[36],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.019035+00
61b772fc-897c-43db-9b4a-1b5305e88d06	{"commandId":"61b772fc-897c-43db-9b4a-1b5305e88d06","status":"Accepted","rejection":null,"positions":[39],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.0975+00
044f94e8-20e5-49ed-aae8-166cd57d8413	{"commandId":"044f94e8-20e5-49ed-aae8-166cd57d8413","status":"Accepted","rejection":null,"positions":[40],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.096833+00
fe62e3a7-a701-4847-8ad6-cde886d87f59	{"commandId":"fe62e3a7-a701-4847-8ad6-cde886d87f59","status":"Accepted","rejection":null,"positions":[41],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.140698+00
228a80a8-64e4-41e0-aeed-afd1bc675d55	{"commandId":"228a80a8-64e4-41e0-aeed-afd1bc675d55","status":"Accepted","rejection":null,"positions":[43],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.143778+00
b51218ae-7131-4f2b-b832-f4819e838de3	{"commandId":"b51218ae-7131-4f2b-b832-f4819e838de3","status":"Accepted","rejection":null,"positions":[38],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.092529+00
f344cf84-dfab-4f65-b289-33650eeda68e	{"commandId":"f344cf84-dfab-4f65-b289-33650eeda68e","status":"Accepted","rejection":null,"positions":[42],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.140463+00
597ecc26-95d0-45ab-8b0b-472388003d4b	{"commandId":"597ecc26-95d0-45ab-8b0b-472388003d4b","status":"Accepted","rejection":null,"positions":[46],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.150044+00
e1455cf5-4bce-460d-8b6e-5df23fc8011c	{"commandId":"e1455cf5-4bce-460d-8b6e-5df23fc8011c","status":"Accepted","rejection":null,"positions":[44],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.150591+00
1a531980-201c-4b8d-9f18-54d0c3cfa4ca	{"commandId":"1a531980-201c-4b8d-9f18-54d0c3cfa4ca","status":"Accepted","rejection":null,"positions":[45],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.15466+00
69589dd5-5544-4dca-a1a0-79f720a88095	{"commandId":"69589dd5-5544-4dca-a1a0-79f720a88095","status":"Accepted","rejection":null,"positions":[48],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.159996+00
88af8e18-acbe-41c7-a679-d62fa626fdcd	{"commandId":"88af8e18-acbe-41c7-a679-d62fa626fdcd","status":"Accepted","rejection":null,"positions":[47],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.159994+00
2c3c4211-1098-45ab-9534-90b4d90b30b1	{"commandId":"2c3c4211-1098-45ab-9534-90b4d90b30b1","status":"Accepted","rejection":null,"positions":[49],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.173199+00
d3e5c945-28ed-4ebf-b5d7-c0d0b9886f1e	{"commandId":"d3e5c945-28ed-4ebf-b5d7-c0d0b9886f1e","status":"Accepted","rejection":null,"positions":[54],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.188341+00
1f8f7b67-56e9-4d2f-9bef-02a891063b58	{"commandId":"1f8f7b67-56e9-4d2f-9bef-02a891063b58","status":"Accepted","rejection":null,"positions":[59],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.230509+00
fec95fb6-b743-44d9-bc3b-6fab651bc63b	{"commandId":"fec95fb6-b743-44d9-bc3b-6fab651bc63b","status":"Accepted","rejection":null,"positions":[65],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.240745+00
4817afc8-ccc5-4098-9059-bb420b440478	{"commandId":"4817afc8-ccc5-4098-9059-bb420b440478","status":"Accepted","rejection":null,"positions":[74],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.263459+00
a13cfad6-58a6-4f39-8530-3c0625618081	{"commandId":"a13cfad6-58a6-4f39-8530-3c0625618081","status":"Accepted","rejection":null,"positions":[81],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.286788+00
28fc0d44-c026-479b-89d0-7510683a750e	{"commandId":"28fc0d44-c026-479b-89d0-7510683a750e","status":"Accepted","rejection":null,"positions":[87],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.308305+00
30fe65fc-7f87-4a77-9ca6-1d197c798f2c	{"commandId":"30fe65fc-7f87-4a77-9ca6-1d197c798f2c","status":"Accepted","rejection":null,"positions":[92],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.325067+00
1ccc2f31-45d7-41ce-9727-81890276ad7e	{"commandId":"1ccc2f31-45d7-41ce-9727-81890276ad7e","status":"Accepted","rejection":null,"positions":[105],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.447365+00
31b9b58c-da76-4d59-9d0e-26b5a057dee6	{"commandId":"31b9b58c-da76-4d59-9d0e-26b5a057dee6","status":"Accepted","rejection":null,"positions":[113],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.548266+00
daae6c7d-a4af-497e-b72b-cac15c1d0092	{"commandId":"daae6c7d-a4af-497e-b72b-cac15c1d0092","status":"Accepted","rejection":null,"positions":[115],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.596417+00
d2a42245-dfd1-454e-8bb0-7009eb76e584	{"commandId":"d2a42245-dfd1-454e-8bb0-7009eb76e584","status":"Accepted","rejection":null,"positions":[122],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.615203+00
66e9d901-6114-4f10-9cdb-42546667b274	{"commandId":"66e9d901-6114-4f10-9cdb-42546667b274","status":"Accepted","rejection":null,"positions":[128],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.767646+00
b6f9c263-6e5a-4971-93b2-6757c7ca7d77	{"commandId":"b6f9c263-6e5a-4971-93b2-6757c7ca7d77","status":"Accepted","rejection":null,"positions":[132],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.809628+00
29cdaa07-35d5-4b76-8016-2142772d15d8	{"commandId":"29cdaa07-35d5-4b76-8016-2142772d15d8","status":"Accepted","rejection":null,"positions":[142],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.900897+00
caa3d398-bde2-47cd-9c27-9253479b2b4b	{"commandId":"caa3d398-bde2-47cd-9c27-9253479b2b4b","status":"Accepted","rejection":null,"positions":[150],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.923666+00
bd998dae-1939-425c-833a-c469dff221db	{"commandId":"bd998dae-1939-425c-833a-c469dff221db","status":"Accepted","rejection":null,"positions":[162],"duplicate":false,"accepted":true}	2026-12-02 15:08:45.009973+00
e85f5720-4a80-42b8-a8b0-8c33a356c39b	{"commandId":"e85f5720-4a80-42b8-a8b0-8c33a356c39b","status":"Accepted","rejection":null,"positions":[169],"duplicate":false,"accepted":true}	2026-12-02 15:08:45.07513+00
bf3ef6f9-7a2f-4e08-a5bf-b979b415dc7a	{"commandId":"bf3ef6f9-7a2f-4e08-a5bf-b979b415dc7a","status":"Accepted","rejection":null,"positions":[173],"duplicate":false,"accepted":true}	2026-12-02 15:08:45.108524+00
34dff325-8349-4fad-ba97-2ffbda6143dd	{"commandId":"34dff325-8349-4fad-ba97-2ffbda6143dd","status":"Accepted","rejection":null,"positions":[181],"duplicate":false,"accepted":true}	2026-12-02 15:08:45.161784+00
bd3625ae-2809-439f-8cb1-14f5bed2964c	{"commandId":"bd3625ae-2809-439f-8cb1-14f5bed2964c","status":"Accepted","rejection":null,"positions":[186],"duplicate":false,"accepted":true}	2026-12-02 15:08:45.219703+00
2c9c503a-3f17-4658-8726-4f3b818571e5	{"commandId":"2c9c503a-3f17-4658-8726-4f3b818571e5","status":"Accepted","rejection":null,"positions":[51],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.183771+00
89f5d1f7-3f4c-4994-ba7a-e2a64636d9f5	{"commandId":"89f5d1f7-3f4c-4994-ba7a-e2a64636d9f5","status":"Accepted","rejection":null,"positions":[58],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.21478+00
c053cfdc-11b8-4828-82af-de69ac6488c5	{"commandId":"c053cfdc-11b8-4828-82af-de69ac6488c5","status":"Accepted","rejection":null,"positions":[64],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.239499+00
964b9f5c-7985-4615-a619-b90ea9004d44	{"commandId":"964b9f5c-7985-4615-a619-b90ea9004d44","status":"Accepted","rejection":null,"positions":[71],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.257593+00
75538655-d3be-4ae7-b10e-3d0b243974a8	{"commandId":"75538655-d3be-4ae7-b10e-3d0b243974a8","status":"Accepted","rejection":null,"positions":[75],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.27281+00
c63e6aea-21b7-4d4e-9b37-9626f49a76e1	{"commandId":"c63e6aea-21b7-4d4e-9b37-9626f49a76e1","status":"Accepted","rejection":null,"positions":[79],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.286005+00
e548b9ba-73c9-46bd-b2b0-a6a2e8607961	{"commandId":"e548b9ba-73c9-46bd-b2b0-a6a2e8607961","status":"Accepted","rejection":null,"positions":[88],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.30946+00
2fee2c3d-dab9-4ac8-b61f-b28a84a2774e	{"commandId":"2fee2c3d-dab9-4ac8-b61f-b28a84a2774e","status":"Accepted","rejection":null,"positions":[93],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.32251+00
5f81a3ba-128e-40fa-8d65-257c8ae3c0a8	{"commandId":"5f81a3ba-128e-40fa-8d65-257c8ae3c0a8","status":"Accepted","rejection":null,"positions":[99],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.365643+00
da9635b1-d428-4c4f-8db9-181dd28fbc52	{"commandId":"da9635b1-d428-4c4f-8db9-181dd28fbc52","status":"Accepted","rejection":null,"positions":[104],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.450412+00
d7491779-df75-4bf4-9128-5a9971b70757	{"commandId":"d7491779-df75-4bf4-9128-5a9971b70757","status":"Accepted","rejection":null,"positions":[108],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.538993+00
218076f8-3c73-4298-aa1f-0f13f5d03a24	{"commandId":"218076f8-3c73-4298-aa1f-0f13f5d03a24","status":"Accepted","rejection":null,"positions":[114],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.587044+00
3a516b63-1bef-45cc-9180-66d371ad8bf9	{"commandId":"3a516b63-1bef-45cc-9180-66d371ad8bf9","status":"Accepted","rejection":null,"positions":[120],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.639653+00
37d96cb2-25e5-4831-b023-6fb1c5e6b769	{"commandId":"37d96cb2-25e5-4831-b023-6fb1c5e6b769","status":"Accepted","rejection":null,"positions":[127],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.675928+00
ad802027-6e02-4684-9222-e03b7f813a2d	{"commandId":"ad802027-6e02-4684-9222-e03b7f813a2d","status":"Accepted","rejection":null,"positions":[130],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.787112+00
45e92ad6-8ed6-4687-8820-e414723b709b	{"commandId":"45e92ad6-8ed6-4687-8820-e414723b709b","status":"Accepted","rejection":null,"positions":[135],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.863038+00
9b251419-4a89-432f-923e-b1c2ed170dfd	{"commandId":"9b251419-4a89-432f-923e-b1c2ed170dfd","status":"Accepted","rejection":null,"positions":[138],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.886064+00
ca8adcdf-467c-47e5-9367-1f1190096d28	{"commandId":"ca8adcdf-467c-47e5-9367-1f1190096d28","status":"Accepted","rejection":null,"positions":[144],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.90536+00
f8f78972-e745-4d1d-887b-d256d91d76cd	{"commandId":"f8f78972-e745-4d1d-887b-d256d91d76cd","status":"Accepted","rejection":null,"positions":[148],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.92535+00
c9872db8-5216-433e-b21f-82045be01435	{"commandId":"c9872db8-5216-433e-b21f-82045be01435","status":"Accepted","rejection":null,"positions":[155],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.962383+00
d00d9d92-de46-4ed0-8b06-9f53dab24f86	{"commandId":"d00d9d92-de46-4ed0-8b06-9f53dab24f86","status":"Accepted","rejection":null,"positions":[157],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.987366+00
5b5917f6-dc18-4811-bbef-129d142e12a7	{"commandId":"5b5917f6-dc18-4811-bbef-129d142e12a7","status":"Accepted","rejection":null,"positions":[164],"duplicate":false,"accepted":true}	2026-12-02 15:08:45.016765+00
1a85e325-c1ff-43b4-8801-2f840bb140da	{"commandId":"1a85e325-c1ff-43b4-8801-2f840bb140da","status":"Accepted","rejection":null,"positions":[170],"duplicate":false,"accepted":true}	2026-12-02 15:08:45.074224+00
cb72b865-7b55-4aaa-93a9-b1145447ce50	{"commandId":"cb72b865-7b55-4aaa-93a9-b1145447ce50","status":"Accepted","rejection":null,"positions":[183],"duplicate":false,"accepted":true}	2026-12-02 15:08:45.201456+00
6f62a8cd-9490-4188-91b8-bfef401d8f0c	{"commandId":"6f62a8cd-9490-4188-91b8-bfef401d8f0c","status":"Accepted","rejection":null,"positions":[191],"duplicate":false,"accepted":true}	2026-12-02 15:08:45.261352+00
21c5dd85-61c2-4754-a3eb-3402d7800b89	{"commandId":"21c5dd85-61c2-4754-a3eb-3402d7800b89","status":"Accepted","rejection":null,"positions":[53],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.180386+00
d38a10d9-b9a6-4cef-a40d-0dd38afb9351	{"commandId":"d38a10d9-b9a6-4cef-a40d-0dd38afb9351","status":"Accepted","rejection":null,"positions":[56],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.197273+00
d36df526-2b4e-4123-b340-4199166128d2	{"commandId":"d36df526-2b4e-4123-b340-4199166128d2","status":"Accepted","rejection":null,"positions":[62],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.234516+00
624499f7-d7d4-48c8-bd10-8ce842c624b6	{"commandId":"624499f7-d7d4-48c8-bd10-8ce842c624b6","status":"Accepted","rejection":null,"positions":[68],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.246902+00
156dc214-f068-46ad-8bdb-0bc174e9e39c	{"commandId":"156dc214-f068-46ad-8bdb-0bc174e9e39c","status":"Accepted","rejection":null,"positions":[70],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.258885+00
3cc175ca-cff7-4413-b055-b7774e534aab	{"commandId":"3cc175ca-cff7-4413-b055-b7774e534aab","status":"Accepted","rejection":null,"positions":[76],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.273454+00
bf3658af-d5d8-4bd5-b84a-c5f47bffd681	{"commandId":"bf3658af-d5d8-4bd5-b84a-c5f47bffd681","status":"Accepted","rejection":null,"positions":[80],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.288471+00
6811b333-2e97-427b-85fd-449d1f30b5fa	{"commandId":"6811b333-2e97-427b-85fd-449d1f30b5fa","status":"Accepted","rejection":null,"positions":[85],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.303395+00
4ea13472-8078-438d-b9e7-09e261da4179	{"commandId":"4ea13472-8078-438d-b9e7-09e261da4179","status":"Accepted","rejection":null,"positions":[90],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.317777+00
4ebb7b96-cc2b-4a72-b791-794fd6d88d8a	{"commandId":"4ebb7b96-cc2b-4a72-b791-794fd6d88d8a","status":"Accepted","rejection":null,"positions":[100],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.330946+00
aaa4b2c6-a7c6-4bc6-8582-af59fcaf033b	{"commandId":"aaa4b2c6-a7c6-4bc6-8582-af59fcaf033b","status":"Accepted","rejection":null,"positions":[133],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.453798+00
27bcba87-2afd-4b08-ac8b-fdb0f2a1f823	{"commandId":"27bcba87-2afd-4b08-ac8b-fdb0f2a1f823","status":"Accepted","rejection":null,"positions":[141],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.901134+00
3c07ff99-2d23-4855-8d3d-f5ed18c56b8a	{"commandId":"3c07ff99-2d23-4855-8d3d-f5ed18c56b8a","status":"Accepted","rejection":null,"positions":[146],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.919046+00
9a59b803-80d1-4279-aba3-840989055091	{"commandId":"9a59b803-80d1-4279-aba3-840989055091","status":"Accepted","rejection":null,"positions":[153],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.952058+00
5664da98-1727-443e-b3fa-97d457648870	{"commandId":"5664da98-1727-443e-b3fa-97d457648870","status":"Accepted","rejection":null,"positions":[158],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.984584+00
d0b7e3d7-3f88-4331-906a-c106aaa08b50	{"commandId":"d0b7e3d7-3f88-4331-906a-c106aaa08b50","status":"Accepted","rejection":null,"positions":[161],"duplicate":false,"accepted":true}	2026-12-02 15:08:45.00515+00
7d768903-70c9-4e0f-b6e1-73f94b4693a4	{"commandId":"7d768903-70c9-4e0f-b6e1-73f94b4693a4","status":"Accepted","rejection":null,"positions":[166],"duplicate":false,"accepted":true}	2026-12-02 15:08:45.047827+00
04ed8373-aff6-4f29-9921-d95c0f38fea3	{"commandId":"04ed8373-aff6-4f29-9921-d95c0f38fea3","status":"Accepted","rejection":null,"positions":[171],"duplicate":false,"accepted":true}	2026-12-02 15:08:45.096807+00
28c089a6-bd90-4e7d-adb5-3358f8fcac4c	{"commandId":"28c089a6-bd90-4e7d-adb5-3358f8fcac4c","status":"Accepted","rejection":null,"positions":[178],"duplicate":false,"accepted":true}	2026-12-02 15:08:45.129551+00
9a68e140-a2d4-4ce0-987e-346e8653fbc5	{"commandId":"9a68e140-a2d4-4ce0-987e-346e8653fbc5","status":"Accepted","rejection":null,"positions":[188],"duplicate":false,"accepted":true}	2026-12-02 15:08:45.238738+00
14f460d9-b280-48bd-9281-20b85ab29bd8	{"commandId":"14f460d9-b280-48bd-9281-20b85ab29bd8","status":"Accepted","rejection":null,"positions":[52],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.179329+00
fd97890a-8eb7-41f1-852a-c15c4609e437	{"commandId":"fd97890a-8eb7-41f1-852a-c15c4609e437","status":"Accepted","rejection":null,"positions":[57],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.215075+00
2ee77ebd-ff5f-45df-84bc-973891cec4ab	{"commandId":"2ee77ebd-ff5f-45df-84bc-973891cec4ab","status":"Accepted","rejection":null,"positions":[63],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.238257+00
a2cdef67-9738-438f-9f1c-bf5c0084050b	{"commandId":"a2cdef67-9738-438f-9f1c-bf5c0084050b","status":"Accepted","rejection":null,"positions":[77],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.260658+00
214b86e5-6ba4-4ec5-8a6c-d26e568e670b	{"commandId":"214b86e5-6ba4-4ec5-8a6c-d26e568e670b","status":"Accepted","rejection":null,"positions":[83],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.297381+00
62cc9fc3-663d-4e53-8111-c63a741a5e30	{"commandId":"62cc9fc3-663d-4e53-8111-c63a741a5e30","status":"Accepted","rejection":null,"positions":[91],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.321596+00
0cf80139-5495-4692-8e5c-0ca36ca15624	{"commandId":"0cf80139-5495-4692-8e5c-0ca36ca15624","status":"Accepted","rejection":null,"positions":[94],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.335561+00
5dda87f1-2d36-4c61-8e6d-2c7bdbcb63f0	{"commandId":"5dda87f1-2d36-4c61-8e6d-2c7bdbcb63f0","status":"Accepted","rejection":null,"positions":[97],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.349299+00
f79fba4a-4207-4115-b32f-69a29ca670d5	{"commandId":"f79fba4a-4207-4115-b32f-69a29ca670d5","status":"Accepted","rejection":null,"positions":[103],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.453919+00
90d7bce1-662a-4a94-9c9e-b12c2f177d3b	{"commandId":"90d7bce1-662a-4a94-9c9e-b12c2f177d3b","status":"Accepted","rejection":null,"positions":[109,110],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.540981+00
d66778af-d059-455d-b8ca-dc7d4a94e91e	{"commandId":"d66778af-d059-455d-b8ca-dc7d4a94e91e","status":"Accepted","rejection":null,"positions":[116],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.595238+00
3c907dd1-b0c6-4983-af7b-18caf7810b91	{"commandId":"3c907dd1-b0c6-4983-af7b-18caf7810b91","status":"Accepted","rejection":null,"positions":[119],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.63505+00
34aee1de-273c-4903-b125-607904074a02	{"commandId":"34aee1de-273c-4903-b125-607904074a02","status":"Accepted","rejection":null,"positions":[124],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.6563+00
4280d996-c531-4342-9401-0e5e864690c2	{"commandId":"4280d996-c531-4342-9401-0e5e864690c2","status":"Accepted","rejection":null,"positions":[129],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.782423+00
6b070fc4-ff6c-4e25-a595-172d80ea1088	{"commandId":"6b070fc4-ff6c-4e25-a595-172d80ea1088","status":"Accepted","rejection":null,"positions":[137],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.867197+00
f1bd7422-0243-48fc-a6ec-c8cd97336b96	{"commandId":"f1bd7422-0243-48fc-a6ec-c8cd97336b96","status":"Accepted","rejection":null,"positions":[140],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.896657+00
96838afa-8dd4-4367-bfde-003cad0e53ba	{"commandId":"96838afa-8dd4-4367-bfde-003cad0e53ba","status":"Accepted","rejection":null,"positions":[145],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.913957+00
a1fb00b8-fc58-42f3-82aa-2a8c67135cab	{"commandId":"a1fb00b8-fc58-42f3-82aa-2a8c67135cab","status":"Accepted","rejection":null,"positions":[154],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.961329+00
19253d59-5ed4-4580-859d-88aa12213333	{"commandId":"19253d59-5ed4-4580-859d-88aa12213333","status":"Accepted","rejection":null,"positions":[159],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.988793+00
e561998c-4238-4202-bc20-a9ab7211b8b2	{"commandId":"e561998c-4238-4202-bc20-a9ab7211b8b2","status":"Accepted","rejection":null,"positions":[168],"duplicate":false,"accepted":true}	2026-12-02 15:08:45.058488+00
d17e451f-d725-4f84-aa85-b0c21b0553b1	{"commandId":"d17e451f-d725-4f84-aa85-b0c21b0553b1","status":"Accepted","rejection":null,"positions":[176],"duplicate":false,"accepted":true}	2026-12-02 15:08:45.120776+00
5c737068-4cec-40f5-9fd3-324968e4874a	{"commandId":"5c737068-4cec-40f5-9fd3-324968e4874a","status":"Accepted","rejection":null,"positions":[179],"duplicate":false,"accepted":true}	2026-12-02 15:08:45.141188+00
174c9935-36af-4606-a84e-eb1c617866ac	{"commandId":"174c9935-36af-4606-a84e-eb1c617866ac","status":"Accepted","rejection":null,"positions":[184],"duplicate":false,"accepted":true}	2026-12-02 15:08:45.206119+00
3c28b7a3-d376-432b-a02b-3cea94e18c5a	{"commandId":"3c28b7a3-d376-432b-a02b-3cea94e18c5a","status":"Accepted","rejection":null,"positions":[189],"duplicate":false,"accepted":true}	2026-12-02 15:08:45.244726+00
44b8f1f8-59dd-4a25-8473-05dc0b2cf9cd	{"commandId":"44b8f1f8-59dd-4a25-8473-05dc0b2cf9cd","status":"Accepted","rejection":null,"positions":[61],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.230654+00
aa96bf2f-bcb8-4d41-b71c-4e39d69a2b53	{"commandId":"aa96bf2f-bcb8-4d41-b71c-4e39d69a2b53","status":"Accepted","rejection":null,"positions":[67],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.246311+00
6c930028-4040-45f6-b682-7cc3e8d29f53	{"commandId":"6c930028-4040-45f6-b682-7cc3e8d29f53","status":"Accepted","rejection":null,"positions":[69],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.259194+00
face8c78-4d9f-4614-927f-a3849bf61e5d	{"commandId":"face8c78-4d9f-4614-927f-a3849bf61e5d","status":"Accepted","rejection":null,"positions":[73],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.264136+00
fd5a45fd-adcd-412e-bae9-c20cf9821e47	{"commandId":"fd5a45fd-adcd-412e-bae9-c20cf9821e47","status":"Accepted","rejection":null,"positions":[82],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.291393+00
6f5e9d84-3ad8-4043-a6c5-5dfbbe08b7dd	{"commandId":"6f5e9d84-3ad8-4043-a6c5-5dfbbe08b7dd","status":"Accepted","rejection":null,"positions":[86],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.307279+00
d14eb6e0-d94d-4c6c-adfc-11b25a9c67dc	{"commandId":"d14eb6e0-d94d-4c6c-adfc-11b25a9c67dc","status":"Accepted","rejection":null,"positions":[96],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.331721+00
30154285-be85-4896-914f-964d849d880c	{"commandId":"30154285-be85-4896-914f-964d849d880c","status":"Accepted","rejection":null,"positions":[101],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.41307+00
e167b40a-3d28-402c-b48a-b9f7ebf46185	{"commandId":"e167b40a-3d28-402c-b48a-b9f7ebf46185","status":"Accepted","rejection":null,"positions":[106],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.527388+00
bff90b2d-4991-43a7-b3b2-ad4a97711910	{"commandId":"bff90b2d-4991-43a7-b3b2-ad4a97711910","status":"Accepted","rejection":null,"positions":[112],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.571486+00
c010ef82-241b-4dd3-bc63-0a088c4abad9	{"commandId":"c010ef82-241b-4dd3-bc63-0a088c4abad9","status":"Accepted","rejection":null,"positions":[117],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.613074+00
83610f7e-9329-49e7-b36d-1f21042c377f	{"commandId":"83610f7e-9329-49e7-b36d-1f21042c377f","status":"Accepted","rejection":null,"positions":[121],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.641659+00
d3fb37cd-96fa-477c-bb5c-59acf55569f8	{"commandId":"d3fb37cd-96fa-477c-bb5c-59acf55569f8","status":"Accepted","rejection":null,"positions":[126],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.674714+00
5f588142-4965-48dc-86a4-0f04fd2b19ec	{"commandId":"5f588142-4965-48dc-86a4-0f04fd2b19ec","status":"Accepted","rejection":null,"positions":[134],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.816456+00
80d72e85-24be-4da8-8566-3a6a7f8713fb	{"commandId":"80d72e85-24be-4da8-8566-3a6a7f8713fb","status":"Accepted","rejection":null,"positions":[139],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.883258+00
e3ff1acf-8c9a-40b9-a751-9bca5500dab4	{"commandId":"e3ff1acf-8c9a-40b9-a751-9bca5500dab4","status":"Accepted","rejection":null,"positions":[143],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.911154+00
e0728336-de97-49e4-8f33-1b6dbc2b72ea	{"commandId":"e0728336-de97-49e4-8f33-1b6dbc2b72ea","status":"Accepted","rejection":null,"positions":[149],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.927321+00
703e165b-773d-42e1-a966-408313c7c88f	{"commandId":"703e165b-773d-42e1-a966-408313c7c88f","status":"Accepted","rejection":null,"positions":[152],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.951363+00
66b0669b-6000-4633-b2aa-6466b8840237	{"commandId":"66b0669b-6000-4633-b2aa-6466b8840237","status":"Accepted","rejection":null,"positions":[165],"duplicate":false,"accepted":true}	2026-12-02 15:08:45.00036+00
7478b63b-ab05-4228-b723-8a9d4a801473	{"commandId":"7478b63b-ab05-4228-b723-8a9d4a801473","status":"Accepted","rejection":null,"positions":[167],"duplicate":false,"accepted":true}	2026-12-02 15:08:45.063519+00
7cffc48d-a1d5-4956-8363-7cf0426f8fe9	{"commandId":"7cffc48d-a1d5-4956-8363-7cf0426f8fe9","status":"Accepted","rejection":null,"positions":[172],"duplicate":false,"accepted":true}	2026-12-02 15:08:45.102312+00
935b5796-a54c-4af5-afc5-a91b57057c9c	{"commandId":"935b5796-a54c-4af5-afc5-a91b57057c9c","status":"Accepted","rejection":null,"positions":[175],"duplicate":false,"accepted":true}	2026-12-02 15:08:45.121064+00
dffbb164-ffa8-4feb-b80d-c121294a3d08	{"commandId":"dffbb164-ffa8-4feb-b80d-c121294a3d08","status":"Accepted","rejection":null,"positions":[180],"duplicate":false,"accepted":true}	2026-12-02 15:08:45.142106+00
05ade904-1ce8-4c5c-b5d4-edc9ec541b6f	{"commandId":"05ade904-1ce8-4c5c-b5d4-edc9ec541b6f","status":"Accepted","rejection":null,"positions":[185],"duplicate":false,"accepted":true}	2026-12-02 15:08:45.21074+00
a00609a3-e9ae-4e5b-8c0d-25bd941ad011	{"commandId":"a00609a3-e9ae-4e5b-8c0d-25bd941ad011","status":"Accepted","rejection":null,"positions":[190],"duplicate":false,"accepted":true}	2026-12-02 15:08:45.251435+00
030ac593-872e-4898-9965-7a0d217e72a0	{"commandId":"030ac593-872e-4898-9965-7a0d217e72a0","status":"Accepted","rejection":null,"positions":[192],"duplicate":false,"accepted":true}	2026-12-02 15:08:53.180848+00
e768a5be-9910-4882-86f9-647f9ab31dc6	{"commandId":"e768a5be-9910-4882-86f9-647f9ab31dc6","status":"Accepted","rejection":null,"positions":[193],"duplicate":false,"accepted":true}	2026-12-02 15:10:14.060992+00
60d63f9e-abad-4f4a-859a-d9e0e36f6404	{"commandId":"60d63f9e-abad-4f4a-859a-d9e0e36f6404","status":"Accepted","rejection":null,"positions":[194],"duplicate":false,"accepted":true}	2026-12-02 15:10:14.166745+00
83295dc4-6e7e-4e21-8174-57c4b1efae7e	{"commandId":"83295dc4-6e7e-4e21-8174-57c4b1efae7e","status":"Accepted","rejection":null,"positions":[197],"duplicate":false,"accepted":true}	2026-12-02 15:10:14.230953+00
bdc48c17-649b-43b8-bc0f-ccccf26ac9d5	{"commandId":"bdc48c17-649b-43b8-bc0f-ccccf26ac9d5","status":"Accepted","rejection":null,"positions":[198],"duplicate":false,"accepted":true}	2026-12-02 15:10:14.26716+00
8c7983a2-1b0f-4992-85ed-0788cbc5fd8c	{"commandId":"8c7983a2-1b0f-4992-85ed-0788cbc5fd8c","status":"Accepted","rejection":null,"positions":[200],"duplicate":false,"accepted":true}	2026-12-02 15:10:14.285837+00
3d7852ef-c596-4319-bd30-2b273745c4e4	{"commandId":"3d7852ef-c596-4319-bd30-2b273745c4e4","status":"Accepted","rejection":null,"positions":[202],"duplicate":false,"accepted":true}	2026-12-02 15:10:14.317608+00
03f8515c-c87a-4a4c-ad62-ac46ca65c7bb	{"commandId":"03f8515c-c87a-4a4c-ad62-ac46ca65c7bb","status":"Accepted","rejection":null,"positions":[204],"duplicate":false,"accepted":true}	2026-12-02 15:10:14.325398+00
c92878e9-011f-4471-bcaf-5bc1e2b2b860	{"commandId":"c92878e9-011f-4471-bcaf-5bc1e2b2b860","status":"Accepted","rejection":null,"positions":[206],"duplicate":false,"accepted":true}	2026-12-02 15:10:14.33125+00
58a0b2e5-143b-449b-9450-dc8bbe446672	{"commandId":"58a0b2e5-143b-449b-9450-dc8bbe446672","status":"Accepted","rejection":null,"positions":[208],"duplicate":false,"accepted":true}	2026-12-02 15:10:14.339545+00
e0cbbc30-eefa-4051-b603-ea2971383dd9	{"commandId":"e0cbbc30-eefa-4051-b603-ea2971383dd9","status":"Accepted","rejection":null,"positions":[212],"duplicate":false,"accepted":true}	2026-12-02 15:10:14.35739+00
8d250875-89b5-45c6-89e8-fa3bd098201a	{"commandId":"8d250875-89b5-45c6-89e8-fa3bd098201a","status":"Accepted","rejection":null,"positions":[213],"duplicate":false,"accepted":true}	2026-12-02 15:10:14.393348+00
a3fbc544-7ecb-498a-8581-8ec48799c57b	{"commandId":"a3fbc544-7ecb-498a-8581-8ec48799c57b","status":"Accepted","rejection":null,"positions":[217],"duplicate":false,"accepted":true}	2026-12-02 15:10:14.464406+00
5e805f97-97cb-44ee-b2b0-eef90e709e70	{"commandId":"5e805f97-97cb-44ee-b2b0-eef90e709e70","status":"Accepted","rejection":null,"positions":[221],"duplicate":false,"accepted":true}	2026-12-02 15:10:14.485078+00
cff7f563-8fbc-476e-87e7-a534797659c6	{"commandId":"cff7f563-8fbc-476e-87e7-a534797659c6","status":"Accepted","rejection":null,"positions":[224],"duplicate":false,"accepted":true}	2026-12-02 15:10:14.495887+00
c6f2eece-b9a2-437e-aafd-983fa107e4f3	{"commandId":"c6f2eece-b9a2-437e-aafd-983fa107e4f3","status":"Accepted","rejection":null,"positions":[228],"duplicate":false,"accepted":true}	2026-12-02 15:10:14.509863+00
297e0514-d073-4b6f-acec-9fbdd6ffca5f	{"commandId":"297e0514-d073-4b6f-acec-9fbdd6ffca5f","status":"Accepted","rejection":null,"positions":[230],"duplicate":false,"accepted":true}	2026-12-02 15:10:14.518133+00
7d4266e7-6d38-458c-88d9-8e9ca4d45686	{"commandId":"7d4266e7-6d38-458c-88d9-8e9ca4d45686","status":"Accepted","rejection":null,"positions":[234],"duplicate":false,"accepted":true}	2026-12-02 15:10:14.558217+00
2d7e3bdc-68c2-4537-9d06-cd3c0a64870e	{"commandId":"2d7e3bdc-68c2-4537-9d06-cd3c0a64870e","status":"Accepted","rejection":null,"positions":[237],"duplicate":false,"accepted":true}	2026-12-02 15:10:18.424206+00
06d76eaf-9218-4fd7-9c7b-3c2692bc56d5	{"commandId":"06d76eaf-9218-4fd7-9c7b-3c2692bc56d5","status":"Accepted","rejection":null,"positions":[238],"duplicate":false,"accepted":true}	2026-12-02 15:10:19.760592+00
8f7c5597-3356-4bd8-b088-cab9437c23a8	{"commandId":"8f7c5597-3356-4bd8-b088-cab9437c23a8","status":"Accepted","rejection":null,"positions":[239],"duplicate":false,"accepted":true}	2026-12-02 15:10:25.331653+00
08c481c8-a6a8-4618-bb77-dbb4e40d5bbf	{"commandId":"08c481c8-a6a8-4618-bb77-dbb4e40d5bbf","status":"Accepted","rejection":null,"positions":[195,196],"duplicate":false,"accepted":true}	2026-12-02 15:10:14.19233+00
84098c25-2c4d-4ad3-a488-a892b3ca26e3	{"commandId":"84098c25-2c4d-4ad3-a488-a892b3ca26e3","status":"Accepted","rejection":null,"positions":[199],"duplicate":false,"accepted":true}	2026-12-02 15:10:14.275956+00
8411d4a5-2677-481f-b363-28ca5fac84db	{"commandId":"8411d4a5-2677-481f-b363-28ca5fac84db","status":"Accepted","rejection":null,"positions":[201],"duplicate":false,"accepted":true}	2026-12-02 15:10:14.296737+00
75922f21-e7ef-48da-adff-d5fa824861b5	{"commandId":"75922f21-e7ef-48da-adff-d5fa824861b5","status":"Accepted","rejection":null,"positions":[203],"duplicate":false,"accepted":true}	2026-12-02 15:10:14.321936+00
6280e846-c3f9-400a-b10a-82382cbcd76e	{"commandId":"6280e846-c3f9-400a-b10a-82382cbcd76e","status":"Accepted","rejection":null,"positions":[205],"duplicate":false,"accepted":true}	2026-12-02 15:10:14.32852+00
c5a5acdd-9b24-4816-a90e-a87bf39eb97a	{"commandId":"c5a5acdd-9b24-4816-a90e-a87bf39eb97a","status":"Accepted","rejection":null,"positions":[207],"duplicate":false,"accepted":true}	2026-12-02 15:10:14.334626+00
f2654d13-84e0-4dbf-bd0b-825f422d6c0c	{"commandId":"f2654d13-84e0-4dbf-bd0b-825f422d6c0c","status":"Accepted","rejection":null,"positions":[210],"duplicate":false,"accepted":true}	2026-12-02 15:10:14.347895+00
7b0fe274-36a9-4d62-a7cc-b948ea2af7d5	{"commandId":"7b0fe274-36a9-4d62-a7cc-b948ea2af7d5","status":"Accepted","rejection":null,"positions":[215],"duplicate":false,"accepted":true}	2026-12-02 15:10:14.452581+00
a3233e0c-00fb-412a-8671-89ddd1368302	{"commandId":"a3233e0c-00fb-412a-8671-89ddd1368302","status":"Accepted","rejection":null,"positions":[218],"duplicate":false,"accepted":true}	2026-12-02 15:10:14.469698+00
ce60dbfb-b159-4c46-9a33-f07218997f0f	{"commandId":"ce60dbfb-b159-4c46-9a33-f07218997f0f","status":"Accepted","rejection":null,"positions":[220],"duplicate":false,"accepted":true}	2026-12-02 15:10:14.480386+00
08bfc95c-28cd-4de5-b32c-6bf0cb0db9ad	{"commandId":"08bfc95c-28cd-4de5-b32c-6bf0cb0db9ad","status":"Accepted","rejection":null,"positions":[223],"duplicate":false,"accepted":true}	2026-12-02 15:10:14.492528+00
6ea83c0f-b2ea-45cf-beac-684075ad3ff0	{"commandId":"6ea83c0f-b2ea-45cf-beac-684075ad3ff0","status":"Accepted","rejection":null,"positions":[226],"duplicate":false,"accepted":true}	2026-12-02 15:10:14.502425+00
51260a35-06d7-4f18-95a6-b20e0da834ab	{"commandId":"51260a35-06d7-4f18-95a6-b20e0da834ab","status":"Accepted","rejection":null,"positions":[229],"duplicate":false,"accepted":true}	2026-12-02 15:10:14.513855+00
2937dbdd-e9c8-4d70-bcd4-f4d9c431b3a0	{"commandId":"2937dbdd-e9c8-4d70-bcd4-f4d9c431b3a0","status":"Accepted","rejection":null,"positions":[232],"duplicate":false,"accepted":true}	2026-12-02 15:10:14.539211+00
fc9a5135-376e-4bdb-a55c-c1af4477e1ae	{"commandId":"fc9a5135-376e-4bdb-a55c-c1af4477e1ae","status":"Accepted","rejection":null,"positions":[233],"duplicate":false,"accepted":true}	2026-12-02 15:10:14.548126+00
df769ee1-1a8d-4991-9951-5244c2800655	{"commandId":"df769ee1-1a8d-4991-9951-5244c2800655","status":"Accepted","rejection":null,"positions":[235],"duplicate":false,"accepted":true}	2026-12-02 15:10:14.566508+00
5c7e4da8-2b15-4b9f-ba1b-931bd74a47aa	{"commandId":"5c7e4da8-2b15-4b9f-ba1b-931bd74a47aa","status":"Accepted","rejection":null,"positions":[209],"duplicate":false,"accepted":true}	2026-12-02 15:10:14.343035+00
9ffacb4f-7273-4daa-979f-8cfec8950d1a	{"commandId":"9ffacb4f-7273-4daa-979f-8cfec8950d1a","status":"Accepted","rejection":null,"positions":[211],"duplicate":false,"accepted":true}	2026-12-02 15:10:14.353467+00
b9f793b3-5223-44e3-9b45-0b6521464be9	{"commandId":"b9f793b3-5223-44e3-9b45-0b6521464be9","status":"Accepted","rejection":null,"positions":[214],"duplicate":false,"accepted":true}	2026-12-02 15:10:14.443224+00
94df06f5-c2cf-421f-8dcf-320e634469b2	{"commandId":"94df06f5-c2cf-421f-8dcf-320e634469b2","status":"Accepted","rejection":null,"positions":[216],"duplicate":false,"accepted":true}	2026-12-02 15:10:14.459331+00
821d024b-b915-4f27-a1ab-47ab791081fc	{"commandId":"821d024b-b915-4f27-a1ab-47ab791081fc","status":"Accepted","rejection":null,"positions":[219],"duplicate":false,"accepted":true}	2026-12-02 15:10:14.473902+00
e87d93cd-9736-4c35-9ad1-d9696ce5fe1a	{"commandId":"e87d93cd-9736-4c35-9ad1-d9696ce5fe1a","status":"Accepted","rejection":null,"positions":[222],"duplicate":false,"accepted":true}	2026-12-02 15:10:14.487814+00
f7897040-47cc-4ba0-a9fa-76eea9439833	{"commandId":"f7897040-47cc-4ba0-a9fa-76eea9439833","status":"Accepted","rejection":null,"positions":[225],"duplicate":false,"accepted":true}	2026-12-02 15:10:14.499552+00
e1d20fb8-a78b-477c-bee7-adc2f1690b3d	{"commandId":"e1d20fb8-a78b-477c-bee7-adc2f1690b3d","status":"Accepted","rejection":null,"positions":[227],"duplicate":false,"accepted":true}	2026-12-02 15:10:14.506589+00
6e943b6b-c602-4788-b236-06c5c06f5b56	{"commandId":"6e943b6b-c602-4788-b236-06c5c06f5b56","status":"Accepted","rejection":null,"positions":[231],"duplicate":false,"accepted":true}	2026-12-02 15:10:14.524334+00
7f8289d2-eec3-4d8b-a8da-da1d6b653a8b	{"commandId":"7f8289d2-eec3-4d8b-a8da-da1d6b653a8b","status":"Accepted","rejection":null,"positions":[236],"duplicate":false,"accepted":true}	2026-12-02 15:10:14.571208+00
5b4e2b99-c0c7-4383-b6d6-f19a204de6a7	{"commandId":"5b4e2b99-c0c7-4383-b6d6-f19a204de6a7","status":"Accepted","rejection":null,"positions":[50],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.171767+00
6e9213db-3a58-4aec-81e4-223e9a4f7b55	{"commandId":"6e9213db-3a58-4aec-81e4-223e9a4f7b55","status":"Accepted","rejection":null,"positions":[55],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.19663+00
3c363978-2a0b-4056-a552-7d1f92b07a62	{"commandId":"3c363978-2a0b-4056-a552-7d1f92b07a62","status":"Accepted","rejection":null,"positions":[60],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.231776+00
ebf0bb02-80df-46c8-aa9d-689cc7fc4625	{"commandId":"ebf0bb02-80df-46c8-aa9d-689cc7fc4625","status":"Accepted","rejection":null,"positions":[66],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.246634+00
bc4fa82e-93e6-42a3-85ef-05b33918e841	{"commandId":"bc4fa82e-93e6-42a3-85ef-05b33918e841","status":"Accepted","rejection":null,"positions":[72],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.263677+00
d75e9545-e9b1-4791-bfaf-c51e123f353d	{"commandId":"d75e9545-e9b1-4791-bfaf-c51e123f353d","status":"Accepted","rejection":null,"positions":[78],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.276452+00
4d7d99fa-ec2c-45ee-98ba-714a2c18bfa5	{"commandId":"4d7d99fa-ec2c-45ee-98ba-714a2c18bfa5","status":"Accepted","rejection":null,"positions":[84],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.298566+00
81ed2466-66e1-4860-ad52-2499a8e9d2a3	{"commandId":"81ed2466-66e1-4860-ad52-2499a8e9d2a3","status":"Accepted","rejection":null,"positions":[89],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.310221+00
f3e575e4-038d-4e2c-a5d3-bc4b630ffae1	{"commandId":"f3e575e4-038d-4e2c-a5d3-bc4b630ffae1","status":"Accepted","rejection":null,"positions":[95],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.332953+00
0ffb7740-2d24-48fd-bdef-4cfe8d8eed09	{"commandId":"0ffb7740-2d24-48fd-bdef-4cfe8d8eed09","status":"Accepted","rejection":null,"positions":[98],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.382783+00
3fba19e3-a529-41c3-a2ae-a033c9e1fdf5	{"commandId":"3fba19e3-a529-41c3-a2ae-a033c9e1fdf5","status":"Accepted","rejection":null,"positions":[102],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.426858+00
691b237d-d3c5-406b-96a4-36648235bf8c	{"commandId":"691b237d-d3c5-406b-96a4-36648235bf8c","status":"Accepted","rejection":null,"positions":[107],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.530046+00
24ffae18-44cb-414e-9741-5fe917952e0a	{"commandId":"24ffae18-44cb-414e-9741-5fe917952e0a","status":"Accepted","rejection":null,"positions":[111],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.569808+00
374d5429-75c1-48ba-80b8-04aefa76ca05	{"commandId":"374d5429-75c1-48ba-80b8-04aefa76ca05","status":"Accepted","rejection":null,"positions":[118],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.615209+00
33c88457-435b-4c0b-a196-1ddaa53ac11e	{"commandId":"33c88457-435b-4c0b-a196-1ddaa53ac11e","status":"Accepted","rejection":null,"positions":[123],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.660786+00
c8fed420-c38b-451f-a3d8-3bfce25d3106	{"commandId":"c8fed420-c38b-451f-a3d8-3bfce25d3106","status":"Accepted","rejection":null,"positions":[125],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.677002+00
37920eee-8e6c-4ad4-be96-838c3937bce1	{"commandId":"37920eee-8e6c-4ad4-be96-838c3937bce1","status":"Accepted","rejection":null,"positions":[131],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.79239+00
ce5c97ba-07be-4f9f-8f9e-aa27a42719b5	{"commandId":"ce5c97ba-07be-4f9f-8f9e-aa27a42719b5","status":"Accepted","rejection":null,"positions":[136],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.870207+00
4a2d767e-9abf-4153-9cd0-d3f471b1a8a4	{"commandId":"4a2d767e-9abf-4153-9cd0-d3f471b1a8a4","status":"Accepted","rejection":null,"positions":[147],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.894925+00
2414d616-6323-4aee-b806-ae21880b52a3	{"commandId":"2414d616-6323-4aee-b806-ae21880b52a3","status":"Accepted","rejection":null,"positions":[151],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.946753+00
13aa51ae-1018-4e4d-8bae-896ae8412d94	{"commandId":"13aa51ae-1018-4e4d-8bae-896ae8412d94","status":"Accepted","rejection":null,"positions":[156],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.973681+00
6a3ff5e0-da32-4ecb-a415-5b0b93419987	{"commandId":"6a3ff5e0-da32-4ecb-a415-5b0b93419987","status":"Accepted","rejection":null,"positions":[160],"duplicate":false,"accepted":true}	2026-12-02 15:08:44.990668+00
a0abdfae-d157-443c-af1b-60a7a994e9b0	{"commandId":"a0abdfae-d157-443c-af1b-60a7a994e9b0","status":"Accepted","rejection":null,"positions":[163],"duplicate":false,"accepted":true}	2026-12-02 15:08:45.023591+00
ac2bcb52-1771-402a-a00d-88e9293b8160	{"commandId":"ac2bcb52-1771-402a-a00d-88e9293b8160","status":"Accepted","rejection":null,"positions":[174],"duplicate":false,"accepted":true}	2026-12-02 15:08:45.108748+00
abf5c7f4-44d3-4aa9-b82f-6141566f9f9a	{"commandId":"abf5c7f4-44d3-4aa9-b82f-6141566f9f9a","status":"Accepted","rejection":null,"positions":[177],"duplicate":false,"accepted":true}	2026-12-02 15:08:45.129846+00
7b21be16-a3e7-47fb-9f35-4b704a18991d	{"commandId":"7b21be16-a3e7-47fb-9f35-4b704a18991d","status":"Accepted","rejection":null,"positions":[182],"duplicate":false,"accepted":true}	2026-12-02 15:08:45.163026+00
2b682b1e-dfd1-4499-9371-ee266b32a27f	{"commandId":"2b682b1e-dfd1-4499-9371-ee266b32a27f","status":"Accepted","rejection":null,"positions":[187],"duplicate":false,"accepted":true}	2026-12-02 15:08:45.22786+00
\.


--
-- Data for Name: projection_checkpoints; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.projection_checkpoints (name, last_tx_id, last_position, status, failed_position, error, attempts, lease_owner, lease_until, fencing_token, updated_at) FROM stdin;
ledger	1076	236	running	\N	\N	0	vm-10870-95576cacae17496d8438da9aa8017efb	2026-12-02 15:10:44.606521+00	3	2026-12-02 15:10:14.595204+00
users	1076	236	running	\N	\N	0	vm-10870-95576cacae17496d8438da9aa8017efb	2026-12-02 15:10:44.61966+00	2	2026-12-02 15:10:14.614507+00
trial_design	1076	236	running	\N	\N	0	vm-10870-95576cacae17496d8438da9aa8017efb	2026-12-02 15:10:44.635134+00	2	2026-12-02 15:10:14.623522+00
journey	1076	236	running	\N	\N	0	vm-10870-95576cacae17496d8438da9aa8017efb	2026-12-02 15:10:44.657963+00	2	2026-12-02 15:10:14.638161+00
\.


--
-- Data for Name: protocol_sequences; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.protocol_sequences (protocol_code, sequence_number, period_number, treatment_code) FROM stdin;
KET-NP-01	1	1	KET
KET-NP-01	1	2	PBO
KET-NP-01	2	1	PBO
KET-NP-01	2	2	KET
\.


--
-- Data for Name: protocol_treatments; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.protocol_treatments (protocol_code, treatment_code, ordinal, label, placebo, route, dosing) FROM stdin;
KET-NP-01	KET	1	Ketamine hydrochloride 0.5 mg/kg IV over 40 minutes	f	INTRAVENOUS	infusion 0.5 mg/kg over 40 min; max total 50 mg
KET-NP-01	PBO	2	Sodium chloride 0.9% IV over 40 minutes (matched volume)	t	INTRAVENOUS	infusion 0.5 mL/kg over 40 min
\.


--
-- Data for Name: protocols; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.protocols (code, version, title, indication, phase, design, blinding, target_participants, sites, period_count, washout, washout_duration, assessments, eligibility, sae_report_hours, imported_by, imported_at, file_sha256, first_imported_at, "position") FROM stdin;
KET-NP-01	1	Intravenous ketamine versus saline for refractory neuropathic pain: a randomised, double-blind, placebo-controlled, two-period crossover trial	Refractory neuropathic pain	2	crossover	double-blind	24	[{"code": "S01", "name": "Pain Medicine Unit, North Hospital"}, {"code": "S02", "name": "Palliative Care Centre, South Hospital"}]	2	P7D	7 days	[{"max": 100, "min": 0, "code": "PAIN", "kind": "scale", "unit": "mm", "label": "Pain intensity, visual analogue scale", "times": ["PT0M", "PT20M", "PT40M", "PT60M", "PT2H", "PT24H"]}, {"max": null, "min": null, "code": "VITALS", "kind": "vitals", "unit": null, "label": "Blood pressure, heart rate, SpO2", "times": ["PT0M", "PT10M", "PT20M", "PT30M", "PT40M", "PT60M"]}]	{"exclusion": [{"code": "EX01", "text": "Uncontrolled hypertension (above 160/100 mmHg at screening)"}, {"code": "EX02", "text": "History of psychosis, or current substance misuse"}, {"code": "EX03", "text": "Hepatic impairment (ALT or AST above 3 times the upper limit of normal)"}, {"code": "EX04", "text": "Pregnancy or breastfeeding"}], "inclusion": [{"code": "IN01", "text": "Adult (18 years or older) with neuropathic pain for at least 6 months"}, {"code": "IN02", "text": "Average pain intensity of 40 mm or more on a 100 mm VAS during the screening week"}, {"code": "IN03", "text": "Inadequate response to, or intolerance of, at least two first-line agents (duloxetine, gabapentin or pregabalin, a tricyclic antidepressant)"}]}	24	demo.trial-coordinator	2026-12-02 15:08:43.047269+00	a92c384354ce63bde59f8e113226867e3e03d5a22409e5ba6bfbf921c65bebe0	2026-12-02 15:08:43.047269+00	1
\.


--
-- Data for Name: randomization_status; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.randomization_status (protocol_code, stratum, list_size, used_count, extensions, generated_by, generated_at, last_extended_at) FROM stdin;
KET-NP-01	S02	14	2	0	demo.trial-coordinator	2026-12-02 15:08:43.047269+00	\N
KET-NP-01	S01	12	4	0	demo.trial-coordinator	2026-12-02 15:08:43.047269+00	\N
\.


--
-- Data for Name: schema_migrations; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.schema_migrations (number, name, checksum, applied_at) FROM stdin;
1	0001_event_store	f799a29289f1f631142cde86e86a5872f8bb08ee08f53998076bf70d1cf8389f	2026-12-02 15:08:42.631131+00
2	0002_messaging	e7a1100051775d0584bbe81ea6cb833970048b441605e5add7119054cd81e924	2026-12-02 15:08:42.72948+00
3	0003_identity	b1d1eff790a17850238e6f949dbdb9d96bc1d847c0ae5b542600bb5a3bbff203	2026-12-02 15:08:42.755042+00
4	0004_trial_design	b50800b890d5301da1f9b9a35f0054e4c3e619ed14c4c1f6211ff96e864e099a	2026-12-02 15:08:42.778018+00
5	0005_journey	51edbaf7aa554093bbc76536f4845369decb824b3c4f0a9631af07eeba62cab9	2026-12-02 15:08:42.854161+00
\.


--
-- Data for Name: streams; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.streams (stream_id, version, last_hash, created_at) FROM stdin;
protocol-KET-NP-01	1	77c071467e4afc7a302693e671e1fff3f7ab961f2aef32c01e04b5c7897aaf14	2026-12-02 15:08:43.040042+00
participant-KET-NP-01-S02-001	3	bf2059a7fc816ced9b780246e6aaab9156f5aecc587705aef8e311f6936b16ab	2026-12-02 15:08:43.672088+00
participant-KET-NP-01-S02-002	20	3d64e01cecd2ac7fec5ac10b3f8f02b7c652888b715e29092ab313ae90de8183	2026-12-02 15:08:43.773624+00
participant-KET-NP-01-S01-002	38	751832b77cb1579928613af2b0fbdf3f2324f8be19474e79179767f3ea69525c	2026-12-02 15:08:43.768469+00
randomization-KET-NP-01-S02	3	63d49f4fcef64e5971a828d70cd4b66da3f7c0fab9183ef73c00b63b57aee45c	2026-12-02 15:08:43.040042+00
participant-KET-NP-01-S02-003	36	b3a0d3eb145568f2b220ed2fa571fed1a756ab0cf9063d8a2b2cc3faf72e9063	2026-12-02 15:08:44.450412+00
user-alice.admin	1	8adfd57c8a83e72b30a89a36645f4e8382fcb1b14813f915fc74aa87ed059fec	2026-12-02 15:08:53.180848+00
adverse-event-05b4c3b2ed3a426d	1	97fa4a95064140e188badf00e389b6e817b560cdc8b688b7744c0b0f8f16fa62	2026-12-02 15:08:44.961329+00
adverse-event-e4a4ddc0d1434280	1	eb230d9bfdf77e38a13e3e8f6014a2283fcbe3235bf5546408e2ef4dc05c8b31	2026-12-02 15:08:44.987366+00
adverse-event-d7df0da8737f49e0	1	7d5cca2de5f9ff844060e24bcbeb0cfa5a65ea2fbf9b684ea99c9ec6fa54d1c6	2026-12-02 15:08:44.988793+00
adverse-event-9a7ef201cf5d42ac	1	a2b023c843506281899008229903ea5a6f5c941de5ea98386e5390fd5bc6a45f	2026-12-02 15:08:45.00515+00
participant-KET-NP-01-S01-003	38	11825ed38ff3fafad1ee8ce6ec5e78fbb9c5b65446c57097f0074450a240fae2	2026-12-02 15:08:43.871951+00
adverse-event-8eededef75884d3e	4	a01fffebb0dcc1a4ecc13bea1d08c98d2dba56b6a43343ac540ac4089a534ce2	2026-12-02 15:08:44.816456+00
randomization-KET-NP-01-S01	7	ce2470c5651d0dd05c305f7eaf2a744b1962a5fc656548236df09fb3661d10a7	2026-12-02 15:08:43.040042+00
participant-KET-NP-01-S01-001	38	47f7f49ffa0d2af38e799bd711bf30435fc6a9232489fce7ed17625a77a8b72d	2026-12-02 15:08:43.674879+00
adverse-event-25bc9e1e05684142	4	6bf49bb70617de61ff3a0c94c92c75eecfc90761c174e2e2be016fa77e7c9292	2026-12-02 15:10:14.524334+00
participant-KET-NP-01-S01-004	36	0adbc2e78cc4ede9a73e457a5b66e8d80c970dd30eb29271012e570e5a8a6e5d	2026-12-02 15:10:14.060992+00
user-bob.monitor	2	5fb5d2f22b7b06860853cca00b74eeef33592c6fe87db8dee88a806a7ed54422	2026-12-02 15:10:18.424206+00
adverse-event-2a58b6e43f014bc3	1	c18114dc95500e7eff391d586d1077dead47b5bf4c187e71dd157ca08e5e401f	2026-12-02 15:08:44.453798+00
user-carol.stats	1	9d441169f64bcd4469ad38cf8c91387c64a23cb2cd0f9988bdd709848d1c1a18	2026-12-02 15:10:25.331653+00
adverse-event-3d72643c8c7747de	2	6f36e6498592713907505a96d0361c03e65939cfb729bd837770ad693f896fb9	2026-12-02 15:10:14.393348+00
\.


--
-- Data for Name: subject_numbers; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.subject_numbers (protocol_code, subject_number, site_code, running_number, stream_id) FROM stdin;
KET-NP-01	S02-001	S02	1	participant-KET-NP-01-S02-001
KET-NP-01	S01-002	S01	2	participant-KET-NP-01-S01-002
KET-NP-01	S01-001	S01	1	participant-KET-NP-01-S01-001
KET-NP-01	S02-002	S02	2	participant-KET-NP-01-S02-002
KET-NP-01	S01-003	S01	3	participant-KET-NP-01-S01-003
KET-NP-01	S02-003	S02	3	participant-KET-NP-01-S02-003
KET-NP-01	S01-004	S01	4	participant-KET-NP-01-S01-004
\.


--
-- Data for Name: trial_status; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.trial_status (protocol_code, locked, locked_by, locked_at, last_unlocked_by, last_unlocked_at, last_unlock_reason, unblinded, unblinded_by, unblinded_at) FROM stdin;
KET-NP-01	f	\N	\N	\N	\N	\N	f	\N	\N
\.


--
-- Data for Name: user_api_tokens; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.user_api_tokens (token_sha256, token_id, user_name, issued_by, issued_at, revoked_by, revoked_at) FROM stdin;
cc7595cff712a9fecf270d20501d747941fc5f018ffdd9415cc68028c26b17bc	44df1d3b2242	bob.monitor	cli:root	2026-12-02 15:10:19.804303+00	\N	\N
\.


--
-- Data for Name: users; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.users (user_name, display_name, role, sites, active, locked_until, failed_attempts, security_stamp, created_by, created_at, last_sign_in_at, version) FROM stdin;
alice.admin	Alice Admin	Administrator	{}	t	\N	0	0	cli:root	2026-12-02 15:08:53.221081+00	\N	1
bob.monitor	Bob Monitor	Monitor	{S01,S02}	t	\N	0	0	cli:root	2026-12-02 15:10:18.432804+00	\N	1
carol.stats	Carol Statistician	Statistician	{}	t	\N	0	0	cli:root	2026-12-02 15:10:25.338525+00	\N	1
\.


--
-- Name: events_position_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.events_position_seq', 239, true);


--
-- Name: messages_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.messages_id_seq', 21, true);


--
-- Name: adverse_event_cases adverse_event_cases_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.adverse_event_cases
    ADD CONSTRAINT adverse_event_cases_pkey PRIMARY KEY (adverse_event_id);


--
-- Name: data_protection_keys data_protection_keys_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.data_protection_keys
    ADD CONSTRAINT data_protection_keys_pkey PRIMARY KEY (friendly_name);


--
-- Name: emergency_unblindings emergency_unblindings_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.emergency_unblindings
    ADD CONSTRAINT emergency_unblindings_pkey PRIMARY KEY ("position");


--
-- Name: events events_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.events
    ADD CONSTRAINT events_pkey PRIMARY KEY ("position");


--
-- Name: events events_stream_id_version_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.events
    ADD CONSTRAINT events_stream_id_version_key UNIQUE (stream_id, version);


--
-- Name: journey_adverse_events journey_adverse_events_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.journey_adverse_events
    ADD CONSTRAINT journey_adverse_events_pkey PRIMARY KEY (adverse_event_id);


--
-- Name: journey_participants journey_participants_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.journey_participants
    ADD CONSTRAINT journey_participants_pkey PRIMARY KEY (protocol_code, subject_number);


--
-- Name: journey_protocol_plans journey_protocol_plans_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.journey_protocol_plans
    ADD CONSTRAINT journey_protocol_plans_pkey PRIMARY KEY (protocol_code);


--
-- Name: journey_protocol_timepoints journey_protocol_timepoints_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.journey_protocol_timepoints
    ADD CONSTRAINT journey_protocol_timepoints_pkey PRIMARY KEY (protocol_code, assessment_code, timepoint);


--
-- Name: journey_schedule journey_schedule_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.journey_schedule
    ADD CONSTRAINT journey_schedule_pkey PRIMARY KEY (protocol_code, subject_number, period, item_kind, item_code, timepoint);


--
-- Name: ledger ledger_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ledger
    ADD CONSTRAINT ledger_pkey PRIMARY KEY (sequence);


--
-- Name: ledger ledger_position_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ledger
    ADD CONSTRAINT ledger_position_key UNIQUE ("position");


--
-- Name: messages messages_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.messages
    ADD CONSTRAINT messages_pkey PRIMARY KEY (id);


--
-- Name: pharmacy_allocations pharmacy_allocations_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.pharmacy_allocations
    ADD CONSTRAINT pharmacy_allocations_pkey PRIMARY KEY (protocol_code, participant_id, period_number);


--
-- Name: processed_commands processed_commands_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.processed_commands
    ADD CONSTRAINT processed_commands_pkey PRIMARY KEY (command_id);


--
-- Name: projection_checkpoints projection_checkpoints_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.projection_checkpoints
    ADD CONSTRAINT projection_checkpoints_pkey PRIMARY KEY (name);


--
-- Name: protocol_sequences protocol_sequences_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.protocol_sequences
    ADD CONSTRAINT protocol_sequences_pkey PRIMARY KEY (protocol_code, sequence_number, period_number);


--
-- Name: protocol_treatments protocol_treatments_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.protocol_treatments
    ADD CONSTRAINT protocol_treatments_pkey PRIMARY KEY (protocol_code, treatment_code);


--
-- Name: protocols protocols_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.protocols
    ADD CONSTRAINT protocols_pkey PRIMARY KEY (code);


--
-- Name: randomization_status randomization_status_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.randomization_status
    ADD CONSTRAINT randomization_status_pkey PRIMARY KEY (protocol_code, stratum);


--
-- Name: schema_migrations schema_migrations_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.schema_migrations
    ADD CONSTRAINT schema_migrations_pkey PRIMARY KEY (number);


--
-- Name: streams streams_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.streams
    ADD CONSTRAINT streams_pkey PRIMARY KEY (stream_id);


--
-- Name: subject_numbers subject_numbers_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.subject_numbers
    ADD CONSTRAINT subject_numbers_pkey PRIMARY KEY (protocol_code, subject_number);


--
-- Name: subject_numbers subject_numbers_protocol_code_site_code_running_number_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.subject_numbers
    ADD CONSTRAINT subject_numbers_protocol_code_site_code_running_number_key UNIQUE (protocol_code, site_code, running_number);


--
-- Name: subject_numbers subject_numbers_stream_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.subject_numbers
    ADD CONSTRAINT subject_numbers_stream_id_key UNIQUE (stream_id);


--
-- Name: trial_status trial_status_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.trial_status
    ADD CONSTRAINT trial_status_pkey PRIMARY KEY (protocol_code);


--
-- Name: user_api_tokens user_api_tokens_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.user_api_tokens
    ADD CONSTRAINT user_api_tokens_pkey PRIMARY KEY (token_sha256);


--
-- Name: user_api_tokens user_api_tokens_user_name_token_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.user_api_tokens
    ADD CONSTRAINT user_api_tokens_user_name_token_id_key UNIQUE (user_name, token_id);


--
-- Name: users users_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.users
    ADD CONSTRAINT users_pkey PRIMARY KEY (user_name);


--
-- Name: adverse_event_cases_participant; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX adverse_event_cases_participant ON public.adverse_event_cases USING btree (protocol_code, subject_number);


--
-- Name: emergency_unblindings_participant; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX emergency_unblindings_participant ON public.emergency_unblindings USING btree (protocol_code, participant_id);


--
-- Name: events_commit_order; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX events_commit_order ON public.events USING btree (tx_id, "position");


--
-- Name: journey_adverse_events_open_sae; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX journey_adverse_events_open_sae ON public.journey_adverse_events USING btree (sponsor_report_due_at) WHERE (serious AND (reported_to_sponsor_at IS NULL));


--
-- Name: journey_adverse_events_participant; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX journey_adverse_events_participant ON public.journey_adverse_events USING btree (protocol_code, subject_number);


--
-- Name: journey_participants_status; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX journey_participants_status ON public.journey_participants USING btree (protocol_code, status);


--
-- Name: journey_schedule_open; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX journey_schedule_open ON public.journey_schedule USING btree (protocol_code, deadline_at) WHERE ((done_at IS NULL) AND (NOT closed));


--
-- Name: messages_due; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX messages_due ON public.messages USING btree (next_attempt_at, id) WHERE (status = 'pending'::text);


--
-- Name: messages_ordering; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX messages_ordering ON public.messages USING btree (ordering_key, deliver_at, id) WHERE (status = 'pending'::text);


--
-- Name: events events_stream_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.events
    ADD CONSTRAINT events_stream_id_fkey FOREIGN KEY (stream_id) REFERENCES public.streams(stream_id);


--
-- PostgreSQL database dump complete
--


