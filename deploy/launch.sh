#!/bin/sh
# Starts obmigrate from an extracted jar (deploy/cds.sh DIR): DIR/obmigrate.jar with its class-data-sharing archive
# DIR/obmigrate.jsa when there is one. ./obmigrate and the container image both start it this way.
#
#   deploy/launch.sh DIR [obmigrate arguments...]
#
# The commands that run no job (status, stop, abandon, plan, report, rehearsals, confirm, help, --help, --version)
# end within a second or two, and a catch-up (run ... --since-last-run) within seconds: for them the JIT's optimising
# compiler only competes with the command and the database for the CPU, so they run with the quick compiler alone
# (-XX:TieredStopAtLevel=1; measured on the 2-core machine: `status` 1.9 s -> 1.3 s, a 1% catch-up of 1 M consents
# on PostgreSQL 10.6 s -> 7.0 s). Full runs keep the full JIT (add the option to JAVA_OPTS on a small machine that also
# hosts the database: docs/benchmarks.md). JAVA_OPTS replaces the default -Xmx512m.
set -eu
dir="${1:?usage: deploy/launch.sh DIR [arguments]: DIR is the extracted obmigrate (deploy/cds.sh)}"
shift
command=""
skip=0
for arg in "$@"; do
  if [ "$skip" = 1 ]; then skip=0; continue; fi
  case "$arg" in
    --config) skip=1 ;;
    -*) ;;
    *) command="$arg"; break ;;
  esac
done
quick=""
case "$command" in
  ""|help|status|stop|abandon|plan|report|rehearsals|confirm) quick="-XX:TieredStopAtLevel=1" ;;
  run) case " $* " in *" --since-last-run "*) quick="-XX:TieredStopAtLevel=1" ;; esac ;;
esac
if [ -f "$dir/obmigrate.jsa" ]; then
  # shellcheck disable=SC2086 # JAVA_OPTS is a list of options
  exec java ${JAVA_OPTS:--Xmx512m} $quick -XX:SharedArchiveFile="$dir/obmigrate.jsa" -Xshare:auto -Xlog:cds=off \
    -Xlog:cds+dynamic=off -jar "$dir/obmigrate.jar" "$@"
fi
# shellcheck disable=SC2086
exec java ${JAVA_OPTS:--Xmx512m} $quick -jar "$dir/obmigrate.jar" "$@"
