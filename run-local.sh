#!/usr/bin/env bash
# Builds what is needed, then starts Kafka, PostgreSQL and the three services on this machine, loads the demo
# data through the ingest API (first run only), makes a release and prints where to look. Ctrl-C stops it all.
# Data lives in .local-data/ between runs; --fresh starts from nothing.
set -euo pipefail
cd "$(dirname "$0")"
echo "Building (./mvnw install -DskipTests) ..."
./mvnw -B -q install -DskipTests
exec java -Xmx1g -cp "deploy/local/target/classes:deploy/local/target/lib/*" org.cscstats.local.LocalRun "$@"
