#!/bin/sh
# Runs once, when the postgres container initialises its data directory (docker-entrypoint-initdb.d), as the
# superuser: creates the owner role (runs migrations, owns the tables), the least-privilege app role (server and
# worker) and the database owned by the owner. Grants follow the migrations (`crucible_grant_app_privileges`).
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v owner_password="$CRUCIBLE_OWNER_PASSWORD" -v app_password="$CRUCIBLE_APP_PASSWORD" <<'SQL'
create role crucible_owner login nosuperuser nocreatedb nocreaterole inherit noreplication nobypassrls password :'owner_password';
create role crucible_app login nosuperuser nocreatedb nocreaterole inherit noreplication nobypassrls password :'app_password';
create database crucible owner crucible_owner;
SQL
