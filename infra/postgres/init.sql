-- Gaara's database, role and per-service schemas. Idempotent: tools/stack runs it on every start
-- (psql, as the postgres superuser, connected to the "postgres" database).

-- Role: the application's login, owner of the database and every schema.
SELECT 'CREATE ROLE gaara LOGIN'
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'gaara')
\gexec
ALTER ROLE gaara WITH LOGIN PASSWORD 'gaara';

-- Database: CREATE DATABASE cannot run inside a DO block, hence \gexec.
SELECT 'CREATE DATABASE gaara OWNER gaara ENCODING ''UTF8'' TEMPLATE template0'
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'gaara')
\gexec
ALTER DATABASE gaara OWNER TO gaara;

\connect gaara

-- One schema per service that owns data; each service migrates only its own schema.
CREATE SCHEMA IF NOT EXISTS catalog AUTHORIZATION gaara;
CREATE SCHEMA IF NOT EXISTS invoice AUTHORIZATION gaara;
CREATE SCHEMA IF NOT EXISTS payment AUTHORIZATION gaara;
CREATE SCHEMA IF NOT EXISTS notification AUTHORIZATION gaara;
ALTER SCHEMA public OWNER TO gaara;
