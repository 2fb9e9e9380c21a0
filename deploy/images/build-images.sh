#!/usr/bin/env bash
# Builds the container images of the three services as tarballs, without a Docker daemon or a registry:
#
#   deploy/images/target/ingest-service.tar, stats-service.tar, suppression-service.tar
#   (docker save format, tagged cscstats/<service>:<version>; load them with `docker load`, `podman load`,
#    `kind load image-archive`, `ctr -n k8s.io images import`, or push them with `skopeo copy
#    docker-archive:<tar> docker://<registry>/...` or `crane push <tar> <registry>/...`)
#
# Each image: the base from build-base.sh (a jlink JRE, no shell), then the service's Quarkus fast-jar layout
# (target/quarkus-app) in /app as two layers (dependencies, application), entrypoint `java -jar
# /app/quarkus-run.jar`, user 10001:10001, JAVA_TOOL_OPTIONS=-XX:MaxRAMPercentage=75 (heap from the memory limit).
# Jib (jib-maven-plugin jib:buildTar, profile "images" of deploy/k8s-check) assembles them.
#
# Usage: deploy/images/build-images.sh [--check] [--skip-build] [--tag TAG]
#   --check       also start each image's entrypoint on its unpacked layers against a real Kafka and PostgreSQL
#                 (ImageEntrypointIT; as root it runs chrooted into the image, read-only, as user 10001)
#   --skip-build  use the services' existing target/quarkus-app (e.g. in CI after `./mvnw verify`)
#   --tag TAG     image tag (default: the project version, which overlays/dev expects)
set -euo pipefail
cd "$(dirname "$0")/../.."
check=false
build=true
tag=
while [ $# -gt 0 ]; do
  case "$1" in
    --check) check=true ;;
    --skip-build) build=false ;;
    --tag) tag=$2; shift ;;
    *) echo "usage: $0 [--check] [--skip-build] [--tag TAG]" >&2; exit 2 ;;
  esac
  shift
done
start=$(date +%s)
stamp() { echo "[$(( $(date +%s) - start )) s] $*"; }

if $build; then
  stamp "packaging the services"
  ./mvnw -B -q -pl ingest-service,stats-service,suppression-service -am install -DskipTests
fi
if $check; then
  # the check runs a real Kafka and PostgreSQL from deploy/infra (installed, since deploy/k8s-check is built alone)
  # and the broker's jars (deploy/kafka-node/target/lib)
  stamp "installing deploy/infra and deploy/kafka-node for the check"
  ./mvnw -B -q -pl deploy/infra,deploy/kafka-node -am install -DskipTests
fi
for s in ingest-service stats-service suppression-service; do
  if [ ! -f "$s/target/quarkus-app/quarkus-run.jar" ]; then
    echo "$s/target/quarkus-app is missing: run without --skip-build" >&2
    exit 1
  fi
done

stamp "base image"
deploy/images/build-base.sh

goal=package
$check && goal=verify
stamp "images (jib:buildTar)$($check && echo ', then starting each one')"
./mvnw -B -q -pl deploy/k8s-check -Pimages "$goal" ${tag:+-Dimages.tag="$tag"} $($check || echo -DskipTests)

for s in ingest-service stats-service suppression-service; do
  echo "  deploy/images/target/$s.tar  $(du -h "deploy/images/target/$s.tar" | cut -f1)"
done
stamp "done"
