-- An event a read model could not apply after its retries is parked here and the projection moves
-- on, so one bad event cannot stop every trial's read models. Parked events show in health and in
-- `trialops projections status`; a rebuild (after the fix) applies them again and clears them.
CREATE TABLE projection_parked_events (
    projection  text        NOT NULL,
    position    bigint      NOT NULL,
    stream_id   text        NOT NULL,
    event_type  text        NOT NULL,
    error       text        NOT NULL,
    parked_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (projection, position)
);
