#!/usr/bin/env bash
# Benchmarks of the whole system on this machine (real Kafka, PostgreSQL and the three services, all local):
#   ./bench.sh national [--las 150] ...   the national-scale year: ingest, counting, freshness, releases, API
#   ./bench.sh soak [--seconds 600] ...   the soak: steady events + dashboard polling, checked for loss and leaks
# Results: Markdown on stdout and in deploy/bench/target/{national,soak}.md. See README › Performance.
set -euo pipefail
cd "$(dirname "$0")"
if ! command -v wrk >/dev/null; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get install -y -qq wrk >/dev/null 2>&1 || echo "wrk could not be installed: the API figures will be skipped" >&2
fi
if [ "${SKIP_BUILD:-}" != "1" ]; then
  ./mvnw -B -q install -DskipTests
fi
exec java -Xmx6g -XX:+UseG1GC -cp "deploy/bench/target/classes:deploy/bench/target/lib/*" org.cscstats.bench.BenchMain "$@"
