#!/usr/bin/env bash
# Installs PostgreSQL from Debian's packages if missing, starts a cluster on localhost and
# creates the role and database the tests use. Prints the connection URL as its last line.
set -euo pipefail

if ! command -v pg_lsclusters >/dev/null 2>&1 || [ -z "$(ls /usr/lib/postgresql 2>/dev/null)" ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
fi

version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
if ! pg_lsclusters -h | awk '{print $1"/"$2}' | grep -q "^${version}/main$"; then
  pg_createcluster "$version" main >&2
fi
if ! pg_lsclusters -h | awk '$1=="'"$version"'" && $2=="main" {print $4}' | grep -q online; then
  pg_ctlcluster "$version" main start >&2
fi

for _ in $(seq 1 30); do
  if su postgres -c "psql -qAtc 'select 1'" >/dev/null 2>&1; then break; fi
  sleep 1
done

port=$(pg_lsclusters -h | awk '$1=="'"$version"'" && $2=="main" {print $3}')
su postgres -c "psql -qAtc \"select 1 from pg_roles where rolname='atlas'\"" | grep -q 1 ||
  su postgres -c "psql -qc \"create role atlas login password 'atlas'\"" >&2
su postgres -c "psql -qAtc \"select 1 from pg_database where datname='atlas_test'\"" | grep -q 1 ||
  su postgres -c "createdb -O atlas atlas_test" >&2

echo "postgres://atlas:atlas@localhost:${port}/atlas_test"
