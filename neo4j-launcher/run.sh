#!/usr/bin/env bash
# Start an in-process Neo4j Community 5.26 for tests; prints "NEO4J_READY bolt://127.0.0.1:PORT".
# Usage: run.sh [--port N] [--data DIR] [--wait-stdin]      (JAVA_OPTS replaces the JVM flags below)
#        run.sh --build-only                                  (build the jar and exit; used by .ci/run)
set -euo pipefail
cd "$(dirname "$0")"
JAR=target/neo4j-launcher.jar

# Build when missing or out of date; Maven output goes to stderr so stdout stays protocol-only.
if [[ ! -f $JAR ]] || [[ -n $(find pom.xml src -newer "$JAR" -print -quit) ]]; then
  mvn -q -B package -DskipTests >&2
fi
[[ ${1:-} == --build-only ]] && exit 0

# Serial GC: fewer threads on a 2-core box. JVM warnings go to stderr (the JVM default is stdout).
read -r -a JVM <<<"${JAVA_OPTS:--Xms256m -Xmx1g -XX:+UseSerialGC -Xlog:disable -Xlog:all=warning:stderr}"
exec java "${JVM[@]}" -jar "$JAR" "$@"
