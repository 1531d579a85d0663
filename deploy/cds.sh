#!/usr/bin/env bash
# Makes obmigrate start faster: unpacks JAR into DIR (Spring Boot's extracted layout: DIR/obmigrate.jar and DIR/lib)
# and records a class-data-sharing archive DIR/obmigrate.jsa with one training start (`cds-training`: the embedded
# demo, every job on small sample data; `status` on a file job repository; the JDBC driver and JDK classes that runs
# against MariaDB and PostgreSQL load beyond those, listed in the jar). Each later start maps the classes it finds in the
# archive ready-made instead of reading and verifying them from the jars. Run it with the JDK that will run obmigrate;
# the archive is only valid for that JDK (another one ignores it and starts as before). The training takes about ten
# seconds and touches no database of yours.
#
#   deploy/cds.sh JAR DIR        then: java -XX:SharedArchiveFile=DIR/obmigrate.jsa -jar DIR/obmigrate.jar ...
#   deploy/cds.sh --record DIR   records the archive again for DIR as it is (moved or copied since, another JDK)
#
# Java uses the archive only where it was recorded: in a moved or copied DIR it is ignored without a word (every
# command a second slower), so DIR/obmigrate.jsa.where keeps the place and deploy/launch.sh says when it differs.
#
# Measured on the 2-core machine (JDK 17): `status` 2.8 s from the jar, 2.3 s extracted, 1.6 s with the archive. A run
# of 100,000 consents on MariaDB spent 0.93 s loading classes with an archive trained on `status` alone, 0.4-0.6 s with
# this training (docs/benchmarks.md).
set -euo pipefail
if [ "$1" = --record ]; then
  dir="$2"
  rm -f "$dir/obmigrate.jsa" "$dir/obmigrate.jsa.where"
else
  jar="$1"; dir="$2"
  rm -rf "$dir"
  java -Djarmode=tools -jar "$jar" extract --destination "$dir" >/dev/null
fi
# the archive records the class path as Java was given it: an absolute one, so that it serves from any directory
dir="$(cd "$dir" && pwd -P)"
training="$(mktemp -d)"
trap 'rm -rf "$training"' EXIT
# a training start that touches no database of the user's: embedded H2 only, in a throw-away home, none of the
# environment's OBMIGRATE_* settings
unset_settings=()
for name in $(compgen -e | grep '^OBMIGRATE_' || true); do unset_settings+=(-u "$name"); done
code=0
env "${unset_settings[@]}" OBMIGRATE_HOME="$training" \
  java -XX:ArchiveClassesAtExit="$dir/obmigrate.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off \
  -jar "$dir/obmigrate.jar" cds-training > "$training/training.txt" 2>&1 || code=$?
if [ "$code" != 0 ]; then
  # the archive still holds what the training loaded: starts are faster, if less so
  echo "deploy/cds.sh: the training start ended with exit $code ($(tail -n 1 "$training/training.txt" | cut -c1-200))" >&2
fi
if [ -f "$dir/obmigrate.jsa" ]; then
  echo "$dir" > "$dir/obmigrate.jsa.where"
else
  echo "deploy/cds.sh: no archive recorded; obmigrate starts without it" >&2
fi
