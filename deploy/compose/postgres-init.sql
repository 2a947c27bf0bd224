-- Runs once, when the PostgreSQL volume is first initialized: one database per owning service (docs/architecture.md).
-- Each service migrates its own schema with Flyway at start.
CREATE DATABASE auth;
CREATE DATABASE chat;
CREATE DATABASE history;
