#!/bin/sh
# Starts obmigrate from an extracted jar (deploy/cds.sh DIR): DIR/obmigrate.jar with its class-data-sharing archive
# DIR/obmigrate.jsa when there is one. ./obmigrate and the container image both start it this way.
#
#   deploy/launch.sh DIR [obmigrate arguments...]
#
# Which JIT compiler work the JVM does depends on the command. Commands that answer and exit (status, stop, abandon,
# plan, --help, ...) run with the quick JIT alone (-XX:TieredStopAtLevel=1): the optimising compiler's work would cost
# more than it saves before they end (`status` 1.3 s instead of 1.9 s on the 2-core machine), and with the serial
# collector (-XX:+UseSerialGC). Commands that move data (run, restart, rehearse, generate) keep the optimising compiler
# for the code that stays hot, and only for that: it compiles a method once it has run 50,000 times (Java's default:
# 5,000) and inlines small callees only, so it compiles the per-row code and little else, and they use the throughput
# collector (-XX:+UseParallelGC). On the 2-core machine that also hosts the database, a run of 1 M consents took 34 s
# of JVM CPU this way, against 44 s with the quick JIT alone (docs/benchmarks.md). A source obmigrate last counted
# under 250,000 consents gets the quick JIT for these commands too (launch.jit in its home, below).
# Options in JAVA_OPTS come after these and win (-XX:TieredStopAtLevel=1 gives the quick JIT to every command);
# JAVA_OPTS replaces the default -Xmx512m.
set -eu
# The Java that `java` runs, into $java_identity: its directory and version (deploy/cds.sh keeps it beside the archive
# it writes)
find_java_identity() {
  # found on the PATH by the shell itself (it runs before every command, and each process started costs a few ms)
  java_home=java
  saved_ifs="$IFS"; IFS=:
  for path_dir in $PATH; do
    if [ -x "${path_dir:-.}/java" ] && [ ! -d "${path_dir:-.}/java" ]; then java_home="${path_dir:-.}/java"; break; fi
  done
  IFS="$saved_ifs"
  java_home="$(readlink -f "$java_home" || true)"
  java_home="${java_home%/bin/java}"
  java_version=""
  if [ -r "$java_home/release" ]; then
    while IFS= read -r line; do
      case "$line" in JAVA_VERSION=*) java_version=" $line"; break ;; esac
    done < "$java_home/release"
  fi
  java_identity="$java_home$java_version"
}
if [ "${1:-}" = --java-identity ]; then find_java_identity; echo "$java_identity"; exit 0; fi
dir="${1:?usage: deploy/launch.sh DIR [arguments]: DIR is the extracted obmigrate (deploy/cds.sh)}"
shift
jit="-XX:TieredStopAtLevel=1"
command=""
expect_value=""
for arg in "$@"; do
  if [ -n "$expect_value" ]; then expect_value=""; continue; fi
  case "$arg" in
    --config) expect_value=1 ;;
    -*) ;;
    *) command="$arg"; break ;;
  esac
done
case "$command" in
  run|restart|rehearse|generate)
    jit="-XX:Tier4InvocationThreshold=50000 -XX:Tier4MinInvocationThreshold=20000 -XX:Tier4CompileThreshold=50000"
    jit="$jit -XX:Tier4BackEdgeThreshold=200000 -XX:FreqInlineSize=60 -XX:InlineSmallCode=600 -XX:MaxInlineLevel=4"
    # ... unless obmigrate last counted fewer than 250,000 consents in the source (check, a full run, generate): it
    # then wrote "quick" to launch.jit in its home, and the quick JIT alone finishes such a run sooner (the optimising
    # compiler's work is not paid back before it ends). A home set only in a --config file is not seen here.
    if [ "$(cat "${OBMIGRATE_HOME:-.obmigrate}/launch.jit" 2>/dev/null || true)" = quick ]; then
      jit="-XX:TieredStopAtLevel=1"
    fi
    # the throughput collector: its write barriers cost the optimised code less than G1's
    gc="-XX:+UseParallelGC"
    # half the heap for new objects (Java's default: a third): a chunk's garbage dies before it is copied, so each
    # young collection copies the same few live chunks, half as often
    jit="$jit -XX:NewRatio=1"
    # an object that outlived one young collection is moved out of it at the next: a chunk's objects are gone by then,
    # what is left lives for the run (the settings, the caches). Java's default copies such objects to and fro up to 15
    # times, the full survivor space then moves chunks' objects among them to the old generation, where they die: at
    # 100k consents the heap left after each collection grew 24 -> 74 MB and the pauses took 0.36-0.49 s; with this it
    # stayed at 28-34 MB and they took 0.21 s
    jit="$jit -XX:InitialTenuringThreshold=1 -XX:MaxTenuringThreshold=1"
    # room for the classes a run loads (23 MB of class metadata at 100k consents) before the first collection:
    # Java's default (21 MB) stopped every run early for a full collection that freed nothing
    jit="$jit -XX:MetaspaceSize=64m" ;;
  *)
    # the serial collector: a command that answers and exits allocates little, and G1's start-up, threads and barriers
    # cost it more than they save (`status` 4% sooner on an idle 2-core machine, 13% sooner beside a running job)
    gc="-XX:+UseSerialGC" ;;
esac
# a collector chosen in JAVA_OPTS is left alone: the JVM refuses two
case "${JAVA_OPTS:-}" in *-XX:+Use*GC*) ;; *) jit="$jit $gc" ;; esac
archive=""
if [ -f "$dir/obmigrate.jsa" ]; then
  archive="$dir/obmigrate.jsa"
  recorded=""
  if [ -r "$dir/obmigrate.jsa.where" ]; then IFS= read -r recorded < "$dir/obmigrate.jsa.where" || true; fi
  if [ -n "$recorded" ] && [ "$recorded" != "$(cd "$dir" && pwd -P)" ]; then
    # Java would ignore the archive without a word, and with it the classes of its own archive: every command would
    # start about a second later. Without it, Java's own archive still serves.
    echo "obmigrate: the class-data-sharing archive in $dir was recorded in $recorded; Java cannot use it here, so" \
      "every command starts about a second later. Record it again: deploy/cds.sh --record $dir" >&2
    archive=""
  fi
  recorded=""
  if [ -n "$archive" ] && [ -r "$dir/obmigrate.jsa.java" ]; then
    IFS= read -r recorded < "$dir/obmigrate.jsa.java" || true
    find_java_identity
  fi
  if [ -n "$recorded" ] && [ "$recorded" != "$java_identity" ]; then
    if [ -n "${CDS_RECORD_SCRIPT:-}" ]; then
      # ./obmigrate names deploy/cds.sh here: the archive is recorded again, once, with this Java
      echo "obmigrate: recording the class-data-sharing archive again for the Java in $java_identity (about twenty" \
        "seconds) ..." >&2
      "$CDS_RECORD_SCRIPT" --record "$dir" || true
      [ -f "$archive" ] || archive=""
    else
      echo "obmigrate: the class-data-sharing archive in $dir was recorded with the Java in $recorded, not with" \
        "$java_identity; Java cannot use it, so every command starts about a second later. Record it again with" \
        "this Java: deploy/cds.sh --record $dir" >&2
      archive=""
    fi
  fi
fi
unset CDS_RECORD_SCRIPT
if [ -n "$archive" ]; then
  # The archive is mapped at the address it was written for: Java 17.0.15 (like Java 20 and later) maps it at a random
  # one by default and then rewrites every pointer in it, touching each of its 50-70 MB: 0.15-0.19 s of every start
  # (`java -version` with the archive 0.277 s, mapped where written 0.086 s; `--help` 0.55 -> 0.43 s). Where that
  # address is taken Java still moves it. The price: the archive's classes sit at a known address (the rest of the
  # process keeps its random layout); -XX:ArchiveRelocationMode=1 in JAVA_OPTS restores Java's default.
  # shellcheck disable=SC2086 # JAVA_OPTS is a list of options
  exec java $jit -XX:+UnlockDiagnosticVMOptions -XX:ArchiveRelocationMode=0 ${JAVA_OPTS:--Xmx512m} \
    -XX:SharedArchiveFile="$archive" -Xshare:auto -Xlog:cds=off -Xlog:cds+dynamic=off \
    -jar "$dir/obmigrate.jar" "$@"
fi
# shellcheck disable=SC2086
exec java $jit ${JAVA_OPTS:--Xmx512m} -jar "$dir/obmigrate.jar" "$@"
