#!/bin/sh
# Starts obmigrate from an extracted jar (deploy/cds.sh DIR): DIR/obmigrate.jar with its class-data-sharing archive
# DIR/obmigrate.jsa when there is one. ./obmigrate and the container image both start it this way.
#
#   deploy/launch.sh DIR [obmigrate arguments...]
#
# The JVM runs with the quick JIT compiler alone (-XX:TieredStopAtLevel=1). obmigrate's JVM is never the limit of a
# run (the database is), and the optimising compiler's own work costs more CPU than it saves: on the 2-core machine,
# which also hosts the database, `status` takes 1.3 s instead of 1.9 s, a 1% catch-up of 1 M consents 7.0 s of steps
# instead of 10.6 s, a full run of 200,000 consents 19-21 s of JVM CPU instead of 33-40 s; at 1 M consents the two
# come out even (docs/benchmarks.md). Options in JAVA_OPTS come after it and win (-XX:TieredStopAtLevel=4 restores the
# optimising compiler); JAVA_OPTS replaces the default -Xmx512m.
set -eu
dir="${1:?usage: deploy/launch.sh DIR [arguments]: DIR is the extracted obmigrate (deploy/cds.sh)}"
shift
quick="-XX:TieredStopAtLevel=1"
if [ -f "$dir/obmigrate.jsa" ]; then
  # shellcheck disable=SC2086 # JAVA_OPTS is a list of options
  exec java $quick ${JAVA_OPTS:--Xmx512m} -XX:SharedArchiveFile="$dir/obmigrate.jsa" -Xshare:auto -Xlog:cds=off \
    -Xlog:cds+dynamic=off -jar "$dir/obmigrate.jar" "$@"
fi
# shellcheck disable=SC2086
exec java $quick ${JAVA_OPTS:--Xmx512m} -jar "$dir/obmigrate.jar" "$@"
