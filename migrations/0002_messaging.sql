-- Durable messages: outbox and scheduled messages, written in the command's transaction.

CREATE TABLE messages (
    id              bigserial PRIMARY KEY,
    type            text NOT NULL,
    payload         json NOT NULL,
    ordering_key    text,
    deliver_at      timestamptz NOT NULL,
    -- Retries move next_attempt_at only, so deliver_at keeps the per-key order.
    next_attempt_at timestamptz NOT NULL,
    status          text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'dead')),
    attempts        integer NOT NULL DEFAULT 0,
    max_attempts    integer NOT NULL DEFAULT 5,
    lease_owner     text,
    lease_until     timestamptz,
    last_error      text,
    correlation_id  uuid,
    causation_id    uuid,
    created_at      timestamptz NOT NULL DEFAULT now(),
    handled_at      timestamptz
);

CREATE INDEX messages_due ON messages (next_attempt_at, id) WHERE status = 'pending';
CREATE INDEX messages_ordering ON messages (ordering_key, deliver_at, id) WHERE status = 'pending';
