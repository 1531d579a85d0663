#!/usr/bin/env bash
# Makes obmigrate start faster: unpacks JAR into DIR (Spring Boot's extracted layout: DIR/obmigrate.jar and DIR/lib)
# and records a class-data-sharing archive DIR/obmigrate.jsa with one training start (`status` on an empty job
# repository: the Spring context, JDBC and Batch classes every command loads). Run it with the JDK that will run
# obmigrate; the archive is only valid for that JDK (another one ignores it and starts as before).
#
#   deploy/cds.sh JAR DIR        then: java -XX:SharedArchiveFile=DIR/obmigrate.jsa -jar DIR/obmigrate.jar ...
#   deploy/cds.sh --record DIR   records the archive again for DIR as it is (moved or copied since, another JDK)
#
# Java uses the archive only where it was recorded: in a moved or copied DIR it is ignored without a word (every
# command a second slower), so DIR/obmigrate.jsa.where keeps the place and deploy/launch.sh says when it differs.
#
# Measured on the 2-core machine (JDK 17): `status` 2.8 s from the jar, 2.3 s extracted, 1.6 s with the archive.
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
# a training start that touches no database: an empty job repository in a throw-away home, no data sources
env -u OBMIGRATE_OB_URL -u OBMIGRATE_IDENTITY_URL -u OBMIGRATE_REPORTING_URL OBMIGRATE_HOME="$training" \
  java -XX:ArchiveClassesAtExit="$dir/obmigrate.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off \
  -jar "$dir/obmigrate.jar" status >/dev/null 2>&1 || true
if [ -f "$dir/obmigrate.jsa" ]; then
  echo "$dir" > "$dir/obmigrate.jsa.where"
else
  echo "deploy/cds.sh: no archive recorded; obmigrate starts without it" >&2
fi
