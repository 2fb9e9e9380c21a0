#!/usr/bin/env bash
# Builds what is needed, then starts Kafka, PostgreSQL and the three services on this machine, loads the demo
# data through the ingest API (first run only), makes a release and prints where to look. A service that exits
# is started again; Ctrl-C (or SIGTERM) stops it all. Data lives in .local-data/ between runs; --fresh starts
# from nothing; --data DIR keeps it elsewhere (a second, separate instance).
set -euo pipefail
cd "$(dirname "$0")"
data=.local-data
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
  if [ "${args[$i]}" = "--data" ] && [ $((i + 1)) -lt ${#args[@]} ]; then data="${args[$((i + 1))]}"; fi
done
# One run per data directory, refused before the build: the lock is held by this shell and then by the java
# process it becomes (exec), and released by the kernel however that process ends.
mkdir -p "$data"
if command -v flock >/dev/null; then
  exec 9>>"$data/run.lock"
  if ! flock -n 9; then
    holder=$(cat "$data/run.lock" 2>/dev/null || true)
    echo "Another ./run-local.sh is already running with data in $data (pid ${holder:-unknown}): use that one," \
      "stop it first (Ctrl-C in its terminal, or kill ${holder:-its pid}), or give this one its own --data DIR." >&2
    exit 1
  fi
  echo $$ >"$data/run.lock"
fi
echo "Building (./mvnw install -DskipTests) ..."
./mvnw -B -q install -DskipTests
exec java -Xmx1g -cp "deploy/local/target/classes:deploy/local/target/lib/*" org.cscstats.local.LocalRun "$@"
