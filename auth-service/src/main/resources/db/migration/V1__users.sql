-- Accounts. Usernames are unique ignoring case; the hash holds the algorithm and its parameters.
CREATE TABLE users (
    id            uuid PRIMARY KEY,
    username      varchar(32)  NOT NULL,
    display_name  varchar(64)  NOT NULL,
    password_hash text         NOT NULL,
    created_at    timestamptz  NOT NULL DEFAULT now(),
    updated_at    timestamptz  NOT NULL DEFAULT now()
);

CREATE UNIQUE INDEX users_username_ci ON users (lower(username));
