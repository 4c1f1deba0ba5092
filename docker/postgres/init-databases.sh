#!/usr/bin/env bash
# Runs once, when the postgres container starts on an empty data volume: one database and one
# user per service (database-per-service), each user owning only its own database. The passwords
# come from the environment (docker-compose.yml passes ORDERS_DB_PASSWORD and the others).
set -euo pipefail

for name in orders inventory payments notifications; do
  variable="${name^^}_DB_PASSWORD"
  password="${!variable:?$variable is not set}"
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
    -v name="$name" -v password="$password" <<'SQL'
CREATE USER :"name" PASSWORD :'password';
CREATE DATABASE :"name" OWNER :"name";
SQL
done
