#!/usr/bin/env bash
# Start an in-process Neo4j (Community 5.26) for tests; prints "NEO4J_READY bolt://127.0.0.1:PORT".
# Usage: run.sh [--port N] [--data DIR] [--wait-stdin]    (JAVA_OPTS overrides the JVM flags below)
set -euo pipefail
cd "$(dirname "$0")"
JAR=target/neo4j-launcher.jar
JSA=target/neo4j-launcher.jsa

# Build (stdout -> stderr so our stdout stays protocol-only) when missing or out of date.
if [[ ! -f $JAR ]] || [[ -n $(find pom.xml src -newer "$JAR" -print -quit) ]]; then
  mvn -q -B package -DskipTests >&2
  rm -f "$JSA"
fi

# Small-machine defaults (Serial GC: fewer threads on 2 cores); JVM warnings to stderr (default is stdout).
JVM=(-Xms256m -Xmx1g -XX:+UseSerialGC -Xlog:disable -Xlog:all=warning:stderr)
read -r -a JVM <<<"${JAVA_OPTS:-${JVM[*]}}"

# One-off AppCDS archive (class-data sharing) halves start-up again; made by one start/stop cycle.
if [[ ! -f $JSA ]]; then
  java "${JVM[@]}" -XX:ArchiveClassesAtExit="$JSA.tmp" -jar "$JAR" --wait-stdin </dev/null >/dev/null 2>&1 \
    && mv -f "$JSA.tmp" "$JSA" || rm -f "$JSA.tmp"
fi
[[ -f $JSA ]] && JVM+=(-XX:SharedArchiveFile="$JSA")

exec java "${JVM[@]}" -jar "$JAR" "$@"
