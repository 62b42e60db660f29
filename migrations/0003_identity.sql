-- Identity read model (projection `users`): accounts for listing, sign-in claims and cookie
-- re-validation, and personal API tokens by SHA-256. Written inline (in the command's
-- transaction, so a revocation or deactivation takes effect at commit) and by the async daemon
-- (so it can be rebuilt); `version` makes the second application of an event a no-op.
-- Password hashes are not here: only the sign-in decision reads them, from the user stream.

CREATE TABLE users (
    user_name        text PRIMARY KEY,
    display_name     text NOT NULL,
    role             text NOT NULL,
    sites            text[] NOT NULL,
    active           boolean NOT NULL,
    locked_until     timestamptz,
    failed_attempts  integer NOT NULL DEFAULT 0,
    -- Moves when the password changes or the account is deactivated: older sessions end.
    security_stamp   integer NOT NULL DEFAULT 0,
    created_by       text NOT NULL,
    created_at       timestamptz NOT NULL,
    last_sign_in_at  timestamptz,
    version          integer NOT NULL
);

CREATE TABLE user_api_tokens (
    token_sha256  text PRIMARY KEY,
    token_id      text NOT NULL,
    user_name     text NOT NULL,
    issued_by     text NOT NULL,
    issued_at     timestamptz NOT NULL,
    revoked_by    text,
    revoked_at    timestamptz,
    UNIQUE (user_name, token_id)
);

-- ASP.NET Core data protection keys (session cookies, antiforgery tokens), shared by every web
-- node so that any node can serve any request and sessions survive a restart.
CREATE TABLE data_protection_keys (
    friendly_name  text PRIMARY KEY,
    xml            text NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now()
);
