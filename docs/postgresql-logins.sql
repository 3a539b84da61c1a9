-- healthcheck on your own PostgreSQL: one database and one login per service, so that no service can read
-- or write another's tables. What the tests' ServiceDatabases (system-tests) does on the local PostgreSQL.
-- Run it once per service, and again to change a password, as a role with CREATEROLE and CREATEDB (on a
-- managed PostgreSQL, its administrator login), against the database "postgres":
--
--   for s in schedule reservation delivery mypage; do
--     psql "host=$PGHOST dbname=postgres user=$PGADMIN sslmode=require" -v login=$s -v database=$s \
--          -v password="$(read -rsp "$s's password: " p; echo "$p")" -f docs/postgresql-logins.sql
--   done
--
-- login and database are the chart's database.postgresql.users.<service> and .databases.<service> (both
-- default to the service's name); the password is that service's DB_PASSWORD in its Secret.
\set ON_ERROR_STOP on

-- the login: makes no database and no other login (CREATE ROLE makes no superuser; only a superuser may
-- say NOSUPERUSER or NOREPLICATION, so they are left out)
SELECT format('CREATE ROLE %I', :'login') WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'login') \gexec
ALTER ROLE :"login" WITH LOGIN NOCREATEDB NOCREATEROLE PASSWORD :'password';

-- a non-superuser administrator may give a database only to a role it is a member of
SELECT format('GRANT %I TO CURRENT_USER', :'login')
 WHERE NOT (SELECT rolsuper FROM pg_roles WHERE rolname = CURRENT_USER) AND NOT pg_has_role(:'login', 'MEMBER') \gexec

-- the database, owned by the login (on PostgreSQL 15 its public schema belongs to the database's owner)
SELECT format('CREATE DATABASE %I OWNER %I ENCODING %L', :'database', :'login', 'UTF8')
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'database') \gexec
-- a database that already existed must belong to the login: stop otherwise
SELECT format('DO $$BEGIN RAISE EXCEPTION %L; END$$', format(
         'database %s belongs to %s, not to %s: export its data, drop it and run this again',
         datname, pg_get_userbyid(datdba), :'login'))
  FROM pg_database WHERE datname = :'database' AND pg_get_userbyid(datdba) <> :'login' \gexec

-- nobody else connects: PUBLIC's default CONNECT and TEMPORARY taken away
REVOKE ALL ON DATABASE :"database" FROM PUBLIC;
