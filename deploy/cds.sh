#!/usr/bin/env bash
# Makes obmigrate start faster: unpacks JAR into DIR (Spring Boot's extracted layout: DIR/obmigrate.jar and DIR/lib)
# and records a class-data-sharing archive DIR/obmigrate.jsa from one training start (`cds-training`: the embedded
# demo, every job on small sample data; `status` on a file job repository; the JDBC driver and JDK classes that runs
# against MariaDB and PostgreSQL load beyond those, listed in the jar). Each later start maps the classes it finds in
# the archive ready-made instead of reading and verifying them from the jars. Run it with the JDK that will run
# obmigrate; the archive is only valid for that JDK. The training and the writing take about twenty seconds and touch
# no database of yours.
#
#   deploy/cds.sh JAR DIR        then: deploy/launch.sh DIR ...
#   deploy/cds.sh --record DIR   records the archive again for DIR as it is (moved or copied since, another JDK)
#
# Java uses the archive only where it was recorded and with the Java that recorded it; elsewhere it drops it without a
# word, and with it the classes of Java's own archive (every command a second slower). So DIR/obmigrate.jsa.where keeps
# the place and DIR/obmigrate.jsa.java the Java (its directory and version), and deploy/launch.sh, when either
# differs, says so and starts without the archive.
#
# Measured on the 2-core machine (JDK 17): `status` 2.8 s from the jar, 2.3 s extracted, 1.3-1.6 s with an archive of
# what the training loaded as it exited, 1.2-1.3 s with this one, which also holds picocli's classes. A run of 100,000
# consents on MariaDB spent 0.93 s loading classes with an archive trained on `status` alone, 0.4-0.6 s with this
# training (docs/benchmarks.md).
set -euo pipefail
if [ "$1" = --record ]; then
  dir="$2"
  rm -f "$dir/obmigrate.jsa" "$dir/obmigrate.jsa.where" "$dir/obmigrate.jsa.java"
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
# environment's OBMIGRATE_* settings. It lists every class it loads; Java then writes them all, its own included, into
# one archive (a "static" one). An archive of what a start loaded, written as it exits, leaves out every class compiled
# for Java 5 or older: picocli's, which every command loads (about 200), read and verified from their jar at each start.
# The static archive holds them: `status` 0.1-0.3 s sooner, `--help` 0.04-0.12 s (docs/benchmarks.md).
unset_settings=()
for name in $(compgen -e | grep '^OBMIGRATE_' || true); do unset_settings+=(-u "$name"); done
code=0
env "${unset_settings[@]}" OBMIGRATE_HOME="$training" \
  java -XX:DumpLoadedClassList="$training/classes.txt" -jar "$dir/obmigrate.jar" cds-training \
  > "$training/training.txt" 2>&1 || code=$?
if [ "$code" != 0 ]; then
  # the list still holds what the training loaded: starts are faster, if less so
  echo "deploy/cds.sh: the training start ended with exit $code ($(tail -n 1 "$training/training.txt" | cut -c1-200))" \
    >&2
fi
if [ -s "$training/classes.txt" ]; then
  # the classes Java makes at run time (proxies) cannot be read back; it says so for each and goes on
  if ! java -Xshare:dump -XX:SharedClassListFile="$training/classes.txt" -XX:SharedArchiveFile="$dir/obmigrate.jsa" \
    -jar "$dir/obmigrate.jar" > "$training/dump.txt" 2>&1; then
    why="$(grep -m1 -i 'error' "$training/dump.txt" | cut -c1-200 || true)"
    echo "deploy/cds.sh: Java could not write the archive (${why:-see java -Xshare:dump})" >&2
    rm -f "$dir/obmigrate.jsa"
  fi
fi
if [ -f "$dir/obmigrate.jsa" ]; then
  echo "$dir" > "$dir/obmigrate.jsa.where"
  # the Java that wrote it: any other ignores the archive, and with it the classes of its own archive
  sh "$(dirname "$0")/launch.sh" --java-identity > "$dir/obmigrate.jsa.java"
else
  echo "deploy/cds.sh: no archive recorded; obmigrate starts without it" >&2
fi
