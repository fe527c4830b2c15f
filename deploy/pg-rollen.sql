-- The two PostgreSQL roles of Wijk (issue 14: row-level security between coöperaties).
-- Run once per server as a superuser:  psql -U postgres -f deploy/pg-rollen.sql
-- (idempotent; change the password, or use another authentication, in production).
--
--   wijk      the login: owns the database and its tables, runs the migrations
--             (DATABASE_URL=postgres://wijk:...@host/wijk)
--   wijk_app  the role the application's queries run as (WIJK_DB_ROL=wijk_app): it owns no
--             table and is no superuser, so the row-level security policies apply to it.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'wijk') THEN
        CREATE ROLE wijk LOGIN CREATEDB PASSWORD 'wijk';
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'wijk_app') THEN
        CREATE ROLE wijk_app NOLOGIN NOSUPERUSER NOBYPASSRLS;
    END IF;
END
$$;
GRANT wijk_app TO wijk;
SELECT 'CREATE DATABASE wijk OWNER wijk'
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'wijk')\gexec
