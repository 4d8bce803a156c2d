#!/usr/bin/env bash
# Measures the embedded database candidates side by side (README's durability table): for each, KILLS
# SIGKILLs of the app in a child JVM under six HTTP writers, then a check of every acknowledged run.
# Takes several minutes; run it on a quiet machine. Usage: example-app/measure-embedded.sh [KILLS, default 8]
set -euo pipefail
cd "$(dirname "$0")"
mvn -B -q -f ../pom.xml -pl example-app -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/measure-classpath.txt -Dmdep.includeScope=test
exec java -cp "$PWD/target/test-classes:$PWD/target/classes:$(cat target/measure-classpath.txt)" \
  dev.opsruns.example.durability.EmbeddedCandidates "${1:-8}"
