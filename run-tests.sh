#!/usr/bin/env bash
# Runs every test of every module, the destructive fault tests included, after preparing what they need:
# the local PostgreSQL on 127.0.0.1:5432 (started only when it is down) and Debian's headless Chromium
# with its driver (installed only when missing). The fault tests stop and start that PostgreSQL cluster,
# so never run this against a server other people are using. Extra arguments go to Maven.
set -euo pipefail
cd "$(dirname "$0")"

say() { echo "run-tests: $*"; }

if ! pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
  say "PostgreSQL is down; starting it"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -n 1)" main start
  for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -p 5432 -q && break; sleep 1; done
fi
pg_isready -h 127.0.0.1 -p 5432
if ! psql -h 127.0.0.1 -U postgres -d postgres -tAc "select 1 from pg_database where datname = 'opsruns_test'" | grep -q 1; then
  say "creating the opsruns_test database"
  psql -h 127.0.0.1 -U postgres -d postgres -qc "create database opsruns_test"
fi

if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
  say "installing chromium and chromium-driver from Debian's packages"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver
fi

# CI=true turns a missing PostgreSQL or browser into a failure instead of a skip.
export CI="${CI:-true}"
mvn -B verify -Dopsruns.faults=true "$@"
