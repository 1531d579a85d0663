#!/usr/bin/env bash
# obmigrate benchmark: the consent job against the database's own limit. Not a test: it measures and reports.
#
#   bench/run.sh [--db mariadb|postgresql|both] [--consents N] [--partitions P] [--chunk-size C] [--heap 512m]
#                [--reuse] [--crash-at FRACTION] [--seed S] [--database NAME] [--limit-only RESULT_DIR] [--no-verify]
#                [--catch-up FRACTION] [--db-settings default|window] [--sizes "100000 1000000 ..."] [--rounds N]
#
# Per database (default: both, on the local servers; see "Connection" below):
#   1. creates obm_bench_<db>_<N> (or --database NAME) and generates N consents with `obmigrate generate` (skipped with --reuse, which
#      keeps the source data of an earlier run and drops only the OB 3.0 tables);
#   2. lets the database settle (PostgreSQL: VACUUM ANALYZE of the source and a checkpoint; MariaDB: until the pages
#      the generator changed are written out; as a production source long written is; see settle), then runs the
#      consent job in its own JVM (-Xmx512m unless --heap), with a full GC every 30 s so the heap left after each one
#      is the live set (flat = no growth), and /usr/bin/time for wall time, CPU time and peak RSS;
#   3. lets the database settle again (the job's writes: a checkpoint, or written out), then measures the in-database
#      limit: the same target rows (same tables, row counts and widths) copied by one set-based INSERT ... SELECT per
#      table into empty tables of the same DDL, in each table's primary-key order, each foreign-key index (and on
#      PostgreSQL each foreign key) built after its table's copy, as the job builds them after its load: what the
#      database needs to store these rows with no transformation, no network, no Java;
#   4. runs `run verify --jobs consent` on the migrated consents (its own JVM, same heap; skipped with --no-verify or
#      --crash-at): every target row recomputed with the consent job's mapping and compared column by column, timed
#      against the job;
#   (with --catch-up 0.01, before step 4: 1% of the source consents change as in the last hours before a cut-over,
#   70% revocations of authorised account consents, 15% payment consents rejected, 15% new funds-confirmation consents,
#   all stamped now; then `run consent --since-last-run` is timed against the full run, and step 4 verifies the result)
#   5. prints a table and writes bench-results/<stamp>/<db>.json (all figures, the machine, the commit, the DB settings).
#   When the database server runs on this machine and its process can be read (pid file, /proc), the report adds the
#   server's CPU seconds during the job and during the limit: with the JVM's, how the machine's cores were shared.
#   Before the job and before the limit it times a fixed piece of work on one core (the CPU probe): where the two
#   differ, the machine itself ran at another speed around the job than around its limit. A point sample: on a host
#   whose speed changes from one minute to the next it is a hint, not a correction.
# --limit-only bench-results/<stamp>/<db> measures (again) only the limit of that run's target tables and rewrites its
# JSON. With --crash-at 0.9 the job is killed with SIGKILL when 90% of the consents are written, then `restart consent`
# finishes it; the report shows, per partition, how many consents the restart found already written (re-processed:
# counted present, or filtered; the run starts on empty target tables, so all of them were read again after the kill):
# at most one chunk each. (Until 2026-12-04 it showed only the filtered ones, and reported 0 for every range since
# obmigrate counts a consent it finds written as present.)
#
# --db-settings sets the database's settings for the run and puts the ones found back afterwards (also on Ctrl-C):
#   default  as installed: MariaDB buffer pool 128 MB, redo log 96 MB, io_capacity 200; PostgreSQL shared_buffers
#            128 MB, max_wal_size 1 GB, checkpoint_timeout 5 min
#   window   migration-window settings: MariaDB buffer pool 12 GB, redo log 2 GB, io_capacity 2000; PostgreSQL
#            shared_buffers 4 GB, max_wal_size 16 GB, checkpoint_timeout 30 min
#   PostgreSQL's shared_buffers needs a restart: the script runs $PG_RESTART (default: pg_ctlcluster of the local
#   cluster) before and after; without one it leaves shared_buffers as it is and says so.
# --sizes runs the whole benchmark once per size (fresh data each) and ends with one table: consents/s of the steps
# and of the whole process (start-up included), the in-database limit and both ratios, the JVM's CPU seconds per
# 1,000 consents, and the database server's CPU seconds during the job and during the limit.
# --rounds N (with --sizes) runs each size N times, the job and then its limit each time, on the same data: the first
# round generates it, the others keep it (--reuse) and start with the JIT choice the round before left in its home
# (launch.jit, as a user's home keeps it from one run to the next); the table then shows every round and their
# median. On a machine whose speed drifts (a shared host, a virtual machine) one round can land in a slow minute and
# its limit in a fast one: the median of the rounds' ratios says more than any one of them.
#
# Connection (environment): MARIADB_HOST (127.0.0.1), MARIADB_PORT (3306), MARIADB_USER (root), MYSQL_PWD;
# PGHOST (127.0.0.1), PGPORT (5432), PGUSER (postgres), PGPASSWORD. The user must be able to create databases.
# Needs: java 17+, the mysql / psql clients, python3, /usr/bin/time, jcmd (from the JDK).
set -euo pipefail
cd "$(dirname "$0")/.."

dbs="both"; consents=1000000; partitions=""; chunk=""; heap="512m"; reuse=0; crash_at=""; seed=1; database=""
limit_only=""; verify=1; catch_up=""; db_settings=""; sizes=""; rounds=1
while [ $# -gt 0 ]; do
  case "$1" in
    --db) dbs="$2"; shift 2 ;;
    --consents) consents="$2"; shift 2 ;;
    --partitions) partitions="$2"; shift 2 ;;
    --chunk-size) chunk="$2"; shift 2 ;;
    --heap) heap="$2"; shift 2 ;;
    --reuse) reuse=1; shift ;;
    --crash-at) crash_at="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --database) database="$2"; shift 2 ;;
    --limit-only) limit_only="$2"; shift 2 ;;
    --no-verify) verify=0; shift ;;
    --catch-up) catch_up="$2"; shift 2 ;;
    --db-settings) db_settings="$2"; shift 2 ;;
    --sizes) sizes="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    -h|--help) awk 'NR > 1 && !/^#/ { exit } NR > 1' "$0"; exit 0 ;;
    *) echo "bench/run.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
  esac
done
[ "$dbs" = both ] && dbs="mariadb postgresql"
case "$db_settings" in ""|default|window) ;; *) echo "bench/run.sh: --db-settings is default or window" >&2; exit 2 ;; esac
case "$rounds" in ""|*[!0-9]*|0) echo "bench/run.sh: --rounds is a number of rounds, 1 or more" >&2; exit 2 ;; esac
if [ "$rounds" -gt 1 ] && [ -z "$sizes" ]; then
  echo "bench/run.sh: --rounds goes with --sizes (for one size: --sizes $consents --rounds $rounds)" >&2; exit 2
fi
for tool in java python3 /usr/bin/time jcmd; do
  command -v "$tool" >/dev/null || { echo "bench/run.sh: $tool is needed (see --help)" >&2; exit 2; }
done
# the jar of this checkout: built when missing or older than any source (as ./obmigrate does), so that a benchmark
# after a pull or an edit never measures the previous build
if [ ! -f target/obmigrate.jar ] \
    || [ -n "$(find src sql pom.xml -newer target/obmigrate.jar -type f -print -quit 2>/dev/null)" ]; then
  echo "building target/obmigrate.jar from this checkout ..."
  mvn -B -q -Dstyle.color=never package -DskipTests
  touch target/obmigrate.jar # Maven leaves an up-to-date jar alone: mark it as built from these sources
fi
echo "obmigrate $(git rev-parse --short HEAD 2>/dev/null || echo '(not a git checkout)')$(git status --porcelain 2>/dev/null \
  | grep -q . && echo ' with local changes')"
stamp="$(date +%Y%m%dT%H%M%S)"
results="bench-results/$stamp"
mkdir -p "$results"
# obmigrate starts as users start it (the image, ./obmigrate): extracted, with its class-data-sharing archive, through
# deploy/launch.sh; JVM options go in JAVA_OPTS. The runs of a series (--sizes) share the series' copy (BENCH_APP).
app="${BENCH_APP:-$results/app}"
if [ -z "${BENCH_APP:-}" ]; then
  # from a copy of the jar: a rebuild during a long run must not pull classes from under the running JVM
  cp target/obmigrate.jar "$results/obmigrate.jar"
  deploy/cds.sh "$results/obmigrate.jar" "$app"
fi
obm() { deploy/launch.sh "$app" "$@"; }

MARIADB_HOST="${MARIADB_HOST:-127.0.0.1}"; MARIADB_PORT="${MARIADB_PORT:-3306}"; MARIADB_USER="${MARIADB_USER:-root}"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}" PGOPTIONS="${PGOPTIONS:---client-min-messages=warning}"
TABLES="OB_CONSENT OB_CONSENT_AUTH_RESOURCE OB_CONSENT_MAPPING OB_CONSENT_STATUS_AUDIT OB_CONSENT_FILE OB_CONSENT_ATTRIBUTE"

sql() { # sql DB DATABASE STATEMENT: runs one statement, prints rows tab-separated
  if [ "$1" = mariadb ]; then mysql -h"$MARIADB_HOST" -P"$MARIADB_PORT" -u"$MARIADB_USER" -N -B "$2" -e "$3"
  else psql -d "$2" -X -q -A -t -F $'\t' -v ON_ERROR_STOP=1 -c "$3"; fi
}
admin_db() { [ "$1" = mariadb ] && echo mysql || echo postgres; }
now() { date +%s.%N; }
# cpu_probe: seconds one core takes for a fixed piece of work (the median of five tries), taken just before the job
# and just before its limit. On a host whose speed drifts (a shared or virtual machine: this project's ran the same
# work 1.7x slower from one minute to the next) it shows whether the job and its limit began on an equally fast one.
cpu_probe() {
  python3 -c '
import statistics, time
def once():
    t = time.process_time(); sum(i * i for i in range(2_000_000)); return time.process_time() - t
print(round(statistics.median(once() for _ in range(5)), 3))'
}

# settle DB NAME WHAT: lets the database finish what came before, so the job is not timed beside work left by the
# generator. PostgreSQL: before the job a VACUUM ANALYZE of the source, as a production database's long-settled tables
# are (visibility map and hint bits set; on fresh data the job's first reads write them, and autovacuum starts beside
# the job), and a checkpoint before the job and before the limit. MariaDB, before the job and before the limit: waits
# (at most five minutes; InnoDB told meanwhile to keep no changed pages) until InnoDB has written out the pages the
# generator or the job changed, down to 1% of its buffer pool, as on a server whose data was loaded a while ago. Right
# after the generator, 83% of a 128 MB pool is changed pages; a 100k run then took 17.2 s instead of 9.5 s (reads wait
# for changed pages to be written to make room), while the limit took the same 4.8 s either way (2026-12-04; until
# then the benchmark did not wait, and a run started a few seconds after the generator). Prints the seconds it took.
settle() {
  local t0; t0=$(now)
  if [ "$1" = postgresql ]; then
    # a user without the rights to either is timed without it
    if [ "$3" = job ]; then sql postgresql "$2" "VACUUM (ANALYZE)" >/dev/null 2>&1 || true; fi
    sql postgresql "$2" "CHECKPOINT" >/dev/null 2>&1 || true
  else
    # InnoDB writes changed pages out slowly on its own (3,500 of 6,800 in five minutes while polled), so for the wait
    # it is told to keep none (innodb_max_dirty_pages_pct 0); the setting is put back after, also on Ctrl-C (this runs
    # in a subshell, hence its own trap)
    local dirty total pct
    pct=$(sql mariadb mysql "SELECT @@GLOBAL.innodb_max_dirty_pages_pct" 2>/dev/null || true)
    if [ -n "$pct" ] && sql mariadb mysql "SET GLOBAL innodb_max_dirty_pages_pct = 0" >/dev/null 2>&1; then
      trap "sql mariadb mysql 'SET GLOBAL innodb_max_dirty_pages_pct = $pct' >/dev/null 2>&1 || true" EXIT
      for _ in $(seq 1 150); do
        read -r dirty total <<<"$(sql mariadb mysql "SELECT MAX(CASE WHEN VARIABLE_NAME = 'INNODB_BUFFER_POOL_PAGES_DIRTY' THEN VARIABLE_VALUE END), MAX(CASE WHEN VARIABLE_NAME = 'INNODB_BUFFER_POOL_PAGES_TOTAL' THEN VARIABLE_VALUE END) FROM information_schema.GLOBAL_STATUS" 2>/dev/null || true)"
        [[ "$dirty" =~ ^[0-9]+$ && "$total" =~ ^[0-9]+$ ]] || break
        [ "$((dirty * 100))" -le "$total" ] && break
        sleep 2
      done
      sql mariadb mysql "SET GLOBAL innodb_max_dirty_pages_pct = $pct" >/dev/null 2>&1 || true
    fi
    # a user who may not change the setting is timed without waiting
  fi
  python3 -c "print(round($(now) - $t0, 1))"
}

# The database server's CPU seconds so far (user + system; on PostgreSQL with its ended backends, which the postmaster
# has reaped), when the server runs on this machine and its process can be read: empty otherwise. Taken before and
# after the job and the limit, it shows how the machine's cores were shared: the JVM's CPU is the job's other half.
server_cpu() { # server_cpu DB
  local pidfile=""
  case "${1}:${MARIADB_HOST}:${PGHOST}" in
    mariadb:127.0.0.1:*|mariadb:localhost:*) pidfile=$(sql mariadb mysql "SELECT @@pid_file" 2>/dev/null || true) ;;
    postgresql:*:127.0.0.1|postgresql:*:localhost|postgresql:*:/*)
      pidfile=$(sql postgresql postgres "SELECT current_setting('data_directory') || '/postmaster.pid'" 2>/dev/null || true) ;;
  esac
  [ -n "$pidfile" ] && [ -r "$pidfile" ] || return 0
  python3 - "$1" "$(head -1 "$pidfile")" <<'PY' 2>/dev/null || true
import os, sys
db, server = sys.argv[1], sys.argv[2]
def times(pid):  # utime, stime, cutime, cstime in clock ticks
    stat = open(f"/proc/{pid}/stat").read()
    fields = stat[stat.rindex(")") + 2:].split()
    return int(fields[1]), sum(int(f) for f in fields[11:15])
total = times(server)[1]
if db == "postgresql":  # the backends and workers still running
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            parent, ticks = times(pid)
        except (OSError, ValueError):
            continue
        if str(parent) == server:
            total += ticks
print(round(total / os.sysconf("SC_CLK_TCK"), 2))
PY
}
# record_server_cpu OUT NAME BEFORE AFTER: the server's CPU between two server_cpu readings as OUT/server-cpu.tsv's
# line NAME (job, limit), replacing an earlier one; nothing when either reading is empty
record_server_cpu() {
  local file="$1/server-cpu.tsv"
  [ -n "$3" ] && [ -n "$4" ] || return 0
  { grep -v "^$2"$'\t' "$file" 2>/dev/null || true
    printf '%s\t%s\n' "$2" "$(python3 -c "print(round($4 - $3, 1))")"; } > "$file.new"
  mv "$file.new" "$file"
}

# The limit's copy of each table, in the table's primary-key order: rows stored one after the other, each page filled
# before the next, the cheapest order a database can be given (the job writes each consent type's rows in key order
# within the type; the types' consents share OB_CONSENT's key range). InnoDB reads a table in that order from the
# table itself, never from a sort.
limit_select() {
  case "$1" in
    OB_CONSENT|OB_CONSENT_FILE) echo "SELECT * FROM $1 ORDER BY CONSENT_ID" ;;
    OB_CONSENT_ATTRIBUTE) echo "SELECT * FROM $1 ORDER BY CONSENT_ID, ATT_KEY" ;;
    OB_CONSENT_AUTH_RESOURCE) echo "SELECT * FROM $1 ORDER BY AUTH_ID" ;;
    OB_CONSENT_MAPPING) echo "SELECT * FROM $1 ORDER BY MAPPING_ID" ;;
    OB_CONSENT_STATUS_AUDIT) echo "SELECT * FROM $1 ORDER BY STATUS_AUDIT_ID" ;;
    *) echo "bench/run.sh: no key order known for $1" >&2; exit 2 ;;
  esac
}

# The last hours before a cut-over, on the source: FRACTION of the consents change, stamped now (UTC, the source zone
# obmigrate reads by default). Writes the number changed to OUT/catchup-changes.txt.
catch_up_changes() {
  local db="$1" name="$2" out="$3"
  local total revoke reject add now prefix
  total=$(python3 -c "print(max(3, int($consents * $catch_up)))")
  revoke=$((total * 70 / 100)); reject=$((total * 15 / 100)); add=$((total - revoke - reject))
  prefix="cu$(date +%H%M%S)-"
  if [ "$db" = mariadb ]; then now="UTC_TIMESTAMP()"; else now="(now() AT TIME ZONE 'utc')"; fi
  sql "$db" "$name" "UPDATE UK_ACCOUNT_INITIATION SET STATUS = 'Revoked', STATUS_UPDATED_TIMESTAMP = $now WHERE ID IN (SELECT ID FROM (SELECT ID FROM UK_ACCOUNT_INITIATION WHERE STATUS = 'Authorised' ORDER BY ID LIMIT $revoke) T)" >/dev/null
  sql "$db" "$name" "UPDATE UK_TRANSACTION_INITIATION SET STATUS = 'Rejected', STATUS_UPDATED_TIMESTAMP = $now WHERE ID IN (SELECT ID FROM (SELECT ID FROM UK_TRANSACTION_INITIATION WHERE STATUS = 'AwaitingAuthorisation' ORDER BY ID LIMIT $reject) T)" >/dev/null
  sql "$db" "$name" "INSERT INTO UK_COF_INITIATION (ID, REQUEST, CREATED_TIMESTAMP, STATUS, CLIENT_ID, STATUS_UPDATED_TIMESTAMP, SPEC_VERSION) SELECT CONCAT('$prefix', ID), REQUEST, $now, STATUS, CLIENT_ID, $now, SPEC_VERSION FROM (SELECT * FROM UK_COF_INITIATION WHERE STATUS = 'AwaitingAuthorisation' ORDER BY ID LIMIT $add) T" >/dev/null
  echo "$total" > "$out/catchup-changes.txt"
  echo "   catch-up: $total source consents changed ($revoke revoked, $reject rejected, $add new)"
}

# ---- database settings (--db-settings): set for the run, put back as found on exit
restore_cmds=()
restore_settings() {
  local k
  for ((k = ${#restore_cmds[@]} - 1; k >= 0; k--)); do eval "${restore_cmds[$k]}" || true; done
  restore_cmds=()
}
trap restore_settings EXIT
pg_restart() {
  local cmd="${PG_RESTART:-}"
  if [ -z "$cmd" ] && command -v pg_ctlcluster >/dev/null && [ -d /etc/postgresql ] && [ "$PGHOST" = 127.0.0.1 ]; then
    cmd="pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql | head -1) main restart"
  fi
  [ -n "$cmd" ] || return 1
  eval "$cmd" && for _ in $(seq 1 60); do psql -d postgres -X -q -c "SELECT 1" >/dev/null 2>&1 && return 0; sleep 0.5; done
  return 1
}
apply_settings() { # apply_settings DB MODE
  local db="$1" mode="$2"
  if [ "$db" = mariadb ]; then
    local server="mysql -h$MARIADB_HOST -P$MARIADB_PORT -u$MARIADB_USER -N -B -e"
    local pool log io
    read -r pool log io <<<"$($server "SELECT @@innodb_buffer_pool_size, @@innodb_log_file_size, @@innodb_io_capacity")"
    restore_cmds+=("$server 'SET GLOBAL innodb_buffer_pool_size = $pool; SET GLOBAL innodb_log_file_size = $log; SET GLOBAL innodb_io_capacity = $io' && echo 'MariaDB settings put back: buffer pool $pool, redo log $log, io_capacity $io'")
    if [ "$mode" = window ]; then
      $server "SET GLOBAL innodb_buffer_pool_size = 12884901888; SET GLOBAL innodb_log_file_size = 2147483648; SET GLOBAL innodb_io_capacity = 2000"
    else
      $server "SET GLOBAL innodb_buffer_pool_size = 134217728; SET GLOBAL innodb_log_file_size = 100663296; SET GLOBAL innodb_io_capacity = 200"
    fi
    sleep 5 # the buffer pool resizes in the background
    echo "   MariaDB ($mode): $($server "SELECT CONCAT('buffer pool ', @@innodb_buffer_pool_size, ', redo log ', @@innodb_log_file_size, ', io_capacity ', @@innodb_io_capacity)")"
    return
  fi
  # PostgreSQL: each setting as postgresql.auto.conf had it (ALTER SYSTEM), or not at all
  local name value file restart=0 first=${#restore_cmds[@]}
  declare -A want=([max_wal_size]=1GB [checkpoint_timeout]=5min [shared_buffers]=128MB)
  [ "$mode" = window ] && want=([max_wal_size]=16GB [checkpoint_timeout]=30min [shared_buffers]=4GB)
  for name in max_wal_size checkpoint_timeout shared_buffers; do
    IFS=$'\t' read -r value file <<<"$(psql -d postgres -X -q -A -t -F $'\t' -c "SELECT current_setting('$name'), coalesce(sourcefile, '') FROM pg_settings WHERE name = '$name'")"
    if [[ "$file" == *postgresql.auto.conf ]]; then
      restore_cmds+=("psql -d postgres -X -q -c \"ALTER SYSTEM SET $name = '$value'\"")
    else
      restore_cmds+=("psql -d postgres -X -q -c 'ALTER SYSTEM RESET $name'")
    fi
    [ "$name" = shared_buffers ] && [ "$value" != "${want[$name]}" ] && restart=1
    psql -d postgres -X -q -c "ALTER SYSTEM SET $name = '${want[$name]}'"
  done
  # put back in reverse order: the settings first, then this reload (so it is inserted before them)
  restore_cmds=("${restore_cmds[@]:0:first}" "psql -d postgres -X -q -c 'SELECT pg_reload_conf()' >/dev/null"
    "${restore_cmds[@]:first}")
  psql -d postgres -X -q -c "SELECT pg_reload_conf()" >/dev/null
  if [ "$restart" = 1 ]; then
    if pg_restart; then
      # ... and the restart last of all (inserted before the reload)
      restore_cmds=("${restore_cmds[@]:0:first}" "pg_restart && echo 'PostgreSQL restarted with its settings as found'"
        "${restore_cmds[@]:first}")
    else
      echo "   PostgreSQL: shared_buffers needs a restart and no PG_RESTART command worked; it stays as it was" >&2
    fi
  fi
  echo "   PostgreSQL ($mode): $(psql -d postgres -X -q -A -t -c "SELECT string_agg(name || ' ' || current_setting(name), ', ') FROM pg_settings WHERE name IN ('shared_buffers','max_wal_size','checkpoint_timeout')")"
}

bench_one() {
  local db="$1" name="${database:-obm_bench_${1}_${consents}}" out="${limit_only:-$results/$1}"
  local dialect; [ "$db" = mariadb ] && dialect=mysql || dialect=postgresql
  mkdir -p "$out"
  echo "== $db: $consents consents in database $name"
  local generate_seconds=0 crashed_at_rows="" settled_job="" settled_limit="" probe_job="" probe_limit=""
  if [ -n "$limit_only" ]; then
    generate_seconds=$(python3 -c "import json; print(json.load(open('$out.json')).get('generateSeconds', 0))" 2>/dev/null || echo 0)
  else
    local drop_targets="DROP TABLE IF EXISTS OB_CONSENT_MAPPING, OB_CONSENT_AUTH_RESOURCE, OB_CONSENT_STATUS_AUDIT, OB_CONSENT_ATTRIBUTE, OB_CONSENT_FILE, OB_CONSENT"
    if [ "$reuse" = 1 ]; then
      sql "$db" "$name" "$drop_targets" >/dev/null
    elif [ "$db" = mariadb ]; then
      sql "$db" mysql "DROP DATABASE IF EXISTS $name; CREATE DATABASE $name CHARACTER SET utf8mb4"
    else
      sql "$db" postgres "DROP DATABASE IF EXISTS $name WITH (FORCE)"; sql "$db" postgres "CREATE DATABASE $name"
    fi
    if [ "$db" = mariadb ]; then
      export OBMIGRATE_OB_URL="jdbc:mysql://$MARIADB_HOST:$MARIADB_PORT/$name" OBMIGRATE_OB_USERNAME="$MARIADB_USER"
      export OBMIGRATE_OB_PASSWORD="${MYSQL_PWD:-}"
      sql "$db" mysql "SELECT VERSION(); SHOW VARIABLES WHERE Variable_name IN ('innodb_buffer_pool_size','innodb_log_file_size','innodb_io_capacity','innodb_flush_log_at_trx_commit')" > "$out/db-settings.txt"
    else
      export OBMIGRATE_OB_URL="jdbc:postgresql://$PGHOST:$PGPORT/$name" OBMIGRATE_OB_USERNAME="$PGUSER"
      export OBMIGRATE_OB_PASSWORD="${PGPASSWORD:-}"
      sql "$db" postgres "SELECT 'version', version() UNION ALL SELECT name, current_setting(name) FROM pg_settings WHERE name IN ('shared_buffers','max_wal_size','checkpoint_timeout','synchronous_commit')" > "$out/db-settings.txt"
    fi
    export OBMIGRATE_HOME="$out/home"
    if [ -n "${BENCH_LAUNCH_JIT:-}" ]; then
      # a later round of a series: the JIT choice its previous round's run recorded (deploy/launch.sh reads it)
      mkdir -p "$OBMIGRATE_HOME"; printf '%s\n' "$BENCH_LAUNCH_JIT" > "$OBMIGRATE_HOME/launch.jit"
    fi
    local jvm=(-Xmx"$heap")
    [ -n "$partitions" ] && jvm+=("-Dobmigrate.consent.partitions=$partitions")
    [ -n "$chunk" ] && jvm+=("-Dobmigrate.consent.chunk-size=$chunk")

    if [ "$reuse" != 1 ]; then
      echo "   generating ..."
      local t0; t0=$(now)
      JAVA_OPTS=-Xmx512m obm generate --consents "$consents" --seed "$seed" > "$out/generate.txt" 2>&1
      generate_seconds=$(python3 -c "print(round($(now) - $t0, 1))")
    fi

    settled_job=$(settle "$db" "$name" job)
    probe_job=$(cpu_probe)
    echo "   the database settled in $settled_job s; running the consent job (-Xmx$heap) ..."
    local server_before; server_before=$(server_cpu "$db")
    /usr/bin/time -f "%e %U %S %M" -o "$out/time.txt" \
      env JAVA_OPTS="${jvm[*]} -Xlog:gc:file=$out/gc.log -Dbench.home=$out" deploy/launch.sh "$app" run consent --create-schema \
      > "$out/run.txt" 2>&1 &
    local timer=$! pid=""
    for _ in $(seq 1 50); do
      pid=$(pgrep -f "bench.home=$out" | grep -v "^$timer\$" | head -1 || true)
      [ -n "$pid" ] && break; sleep 0.2
    done
    ( sleep 20; while kill -0 "$timer" 2>/dev/null; do jcmd "$pid" GC.run >/dev/null 2>&1 || true; sleep 30; done ) &
    local sampler=$!
    if [ -n "$crash_at" ]; then
      local threshold; threshold=$(python3 -c "print(int($consents * $crash_at))")
      while kill -0 "$timer" 2>/dev/null; do
        sleep 0.2 # at 15,000 consents/s a poll once a second killed at 96-99% of 200,000
        local rows; rows=$(sql "$db" "$name" "SELECT COUNT(*) FROM OB_CONSENT" 2>/dev/null || echo 0)
        if [ "${rows:-0}" -ge "$threshold" ]; then
          if ! kill -9 "$pid" 2>/dev/null; then
            echo "   the job ended before it could be killed at $crash_at; use more consents" >&2; break
          fi
          crashed_at_rows=$(sql "$db" "$name" "SELECT COUNT(*) FROM OB_CONSENT")
          echo "   killed (SIGKILL) with $crashed_at_rows consents written; restarting ..."
          if obm status --json --limit 1 2>/dev/null | grep -m1 '"status"' | grep -q '"COMPLETED"'; then
            echo "   the job had completed before the kill: nothing to restart; use more consents" >&2
          fi
          break
        fi
      done
    fi
    wait "$timer" || true
    kill "$sampler" 2>/dev/null || true
    local server_after; server_after=$(server_cpu "$db")
    : > "$out/server-cpu.tsv"
    [ -n "$crashed_at_rows" ] || record_server_cpu "$out" job "$server_before" "$server_after"
    if [ -n "$crashed_at_rows" ]; then
      /usr/bin/time -f "%e %U %S %M" -o "$out/time-restart.txt" \
        env JAVA_OPTS="${jvm[*]} -Xlog:gc:file=$out/gc-restart.log" deploy/launch.sh "$app" restart consent \
        > "$out/restart.txt" 2>&1 || true
    fi
    obm status --json --limit 1 > "$out/status.json"
    if [ -n "$catch_up" ] && [ -z "$crashed_at_rows" ]; then
      catch_up_changes "$db" "$name" "$out"
      echo "   catch-up: run consent --since-last-run (-Xmx$heap) ..."
      /usr/bin/time -f "%e %U %S %M" -o "$out/time-catchup.txt" \
        env JAVA_OPTS="${jvm[*]}" deploy/launch.sh "$app" run consent --since-last-run > "$out/catchup.txt" 2>&1 || true
      # every execution the command ran: a chunk failed on a transient fault (a deadlock) is resumed by a new execution
      obm status --json --limit 10 > "$out/status-catchup.json"
    fi
    if [ "$verify" = 1 ] && [ -z "$crashed_at_rows" ]; then
      echo "   verifying the migrated consents (-Xmx$heap) ..."
      /usr/bin/time -f "%e %U %S %M" -o "$out/time-verify.txt" \
        env JAVA_OPTS="${jvm[*]}" deploy/launch.sh "$app" run verify --jobs consent > "$out/verify.txt" 2>&1 || true
      obm status --json --limit 1 > "$out/status-verify.json"
    fi
  fi

  local limit_file="$out/limit.tsv"; : > "$limit_file"
  if [ -z "$crash_at" ]; then
    settled_limit=$(settle "$db" "$name" limit)
    probe_limit=$(cpu_probe)
    echo "   the database settled in $settled_limit s; measuring the in-database limit ..."
    # the job's own order of work: tables without their foreign-key indexes (and on PostgreSQL without their foreign
    # keys), each built after its table is loaded (obmigrate builds them when the run completes)
    local ddl indexes; ddl=$(sed 's/OB_CONSENT/LIMIT_OB_CONSENT/g' "sql/$dialect/ob3-consent.sql" | grep -v '^CREATE INDEX')
    indexes=$(sed 's/OB_CONSENT/LIMIT_OB_CONSENT/g' "sql/$dialect/ob3-consent.sql" | grep '^CREATE INDEX' || true)
    local drop_limit="DROP TABLE IF EXISTS LIMIT_OB_CONSENT_MAPPING, LIMIT_OB_CONSENT_AUTH_RESOURCE, LIMIT_OB_CONSENT_STATUS_AUDIT, LIMIT_OB_CONSENT_ATTRIBUTE, LIMIT_OB_CONSENT_FILE, LIMIT_OB_CONSENT"
    sql "$db" "$name" "$drop_limit" >/dev/null
    local keys=""
    if [ "$db" = mariadb ]; then
      mysql -h"$MARIADB_HOST" -P"$MARIADB_PORT" -u"$MARIADB_USER" "$name" <<< "$ddl"
    else
      psql -d "$name" -X -q -v ON_ERROR_STOP=1 <<< "$ddl" >/dev/null
      # as the job does on PostgreSQL: the foreign keys are added after each table's load (one checking pass), not
      # checked row by row during it
      keys=$(psql -d "$name" -X -q -A -t -F $'\t' -c "SELECT upper(conrelid::regclass::text), conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE contype = 'f' AND conrelid::regclass::text LIKE 'limit_ob_consent%'")
      while IFS=$'\t' read -r ktable kname _; do
        [ -z "$kname" ] || sql "$db" "$name" "ALTER TABLE $ktable DROP CONSTRAINT $kname" >/dev/null
      done <<< "$keys"
    fi
    local limit_server_before; limit_server_before=$(server_cpu "$db")
    for table in $TABLES; do
      local t0 rows; t0=$(now)
      # MariaDB: READ COMMITTED, so the copy reads without locking what it reads (under REPEATABLE READ it locks every
      # row read, and at 10 M on a 128 MB buffer pool the locks no longer fit: "The total number of locks exceeds the
      # lock table size"); the job's own reads take no locks either
      local isolation=""; [ "$db" != mariadb ] || isolation="SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED; "
      sql "$db" "$name" "${isolation}INSERT INTO LIMIT_$table $(limit_select "$table" "$db")" >/dev/null
      while IFS=$'\t' read -r ktable kname kdef; do
        [ "$ktable" != "LIMIT_$table" ] || sql "$db" "$name" "ALTER TABLE $ktable ADD CONSTRAINT $kname $kdef" >/dev/null
      done <<< "$keys"
      local index; index=$(grep " ON LIMIT_$table " <<< "$indexes" || true)
      [ -z "$index" ] || sql "$db" "$name" "$index" >/dev/null
      rows=$(sql "$db" "$name" "SELECT COUNT(*) FROM LIMIT_$table")
      printf '%s\t%s\t%s\n' "$table" "$rows" "$(python3 -c "print(round($(now) - $t0, 2))")" >> "$limit_file"
      # Each copy is dropped once nothing references it, so the disk holds at most two copied tables at a time.
      case "$table" in
        OB_CONSENT|OB_CONSENT_AUTH_RESOURCE) ;;
        OB_CONSENT_MAPPING) sql "$db" "$name" "DROP TABLE LIMIT_OB_CONSENT_MAPPING, LIMIT_OB_CONSENT_AUTH_RESOURCE" >/dev/null ;;
        *) sql "$db" "$name" "DROP TABLE LIMIT_$table" >/dev/null ;;
      esac
    done
    record_server_cpu "$out" limit "$limit_server_before" "$(server_cpu "$db")"
    sql "$db" "$name" "$drop_limit" >/dev/null
  fi

  # without --chunk-size the run's chunk is obmigrate's default, as the generated settings page gives it
  local run_chunk="${chunk:-$(sed -n 's/^| `obmigrate.consent.chunk-size` | `\([0-9]*\)`.*/\1/p' docs/configuration.md)}"
  python3 - "$out" "$db" "$consents" "$generate_seconds" "${crashed_at_rows:-}" "${run_chunk:-0}" "$settled_job" \
    "$settled_limit" "$probe_job" "$probe_limit" <<'PY'
import json, os, platform, re, subprocess, sys
out, db, consents, generate_seconds, crashed_rows, chunk, settled_job, settled_limit, probe_job, probe_limit = sys.argv[1:11]
status = json.load(open(f"{out}/status.json"))["executions"][0]
wall, user, system, rss = open(f"{out}/time.txt").read().split()[-4:]
steps = status["steps"]
from datetime import datetime
def run_seconds(execution):
    # the execution's own duration (its summary's "COMPLETED in"): the consent types' steps run at the same time,
    # so their durations overlap and do not add up
    try:
        start, end = (datetime.fromisoformat(execution[k][:26]) for k in ("start", "end"))
        return (end - start).total_seconds()
    except (KeyError, TypeError, ValueError):
        return sum(s["seconds"] for s in execution["steps"])
step_seconds = run_seconds(status)
read = status["totals"]["read"]
target_rows = sum(status["targetTables"].values())
gc = open(f"{out}/gc.log").read() if os.path.exists(f"{out}/gc.log") else ""
live = [int(m) for m in re.findall(r"Pause Full \([^)]*\) \d+M->(\d+)M\(", gc)]
third = max(1, len(live) // 3)
result = {
    "database": db,
    "databaseSettings": open(f"{out}/db-settings.txt").read().strip().splitlines(),
    "machine": {"cores": os.cpu_count(), "memoryGiB": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
                "os": platform.platform(), "java": subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]},
    "commit": subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip() or None,
    "consents": int(consents), "generateSeconds": float(generate_seconds),
    # seconds the database took to finish writing what came before the job and before the limit (see settle)
    "settledSeconds": {k: float(v) for k, v in (("beforeJob", settled_job), ("beforeLimit", settled_limit)) if v},
    # one core's seconds for a fixed piece of work just before the job and before the limit (see cpu_probe)
    "cpuProbeSeconds": {k: float(v) for k, v in (("beforeJob", probe_job), ("beforeLimit", probe_limit)) if v},
    "job": {"status": status["status"], "stepSeconds": round(step_seconds, 1), "wallSeconds": float(wall),
            "cpuUserSeconds": float(user), "cpuSystemSeconds": float(system), "peakRssMiB": int(rss) // 1024,
            "consentsRead": read, "consentsPerSecond": round(read / step_seconds) if step_seconds else None,
            "targetRows": target_rows, "targetRowsPerSecond": round(target_rows / step_seconds) if step_seconds else None,
            "liveHeapMiBAfterEachFullGc": live,
            "liveHeapFlat": (max(live[-third:]) <= max(live[:third]) * 1.25 + 8) if len(live) >= 3 else None,
            "steps": {s["name"]: {"read": s["read"], "seconds": s["seconds"], "rowsPerSecond": s["rowsPerSecond"]} for s in steps},
            "targetTables": status["targetTables"]},
}
limit = [l.split("\t") for l in open(f"{out}/limit.tsv").read().splitlines() if l]
if limit:
    limit_seconds = sum(float(l[2]) for l in limit)
    result["limit"] = {"method": "INSERT ... SELECT of the same target rows into empty tables of the same DDL, in primary-key order, one statement per table",
                       "seconds": round(limit_seconds, 1),
                       "tables": {l[0]: {"rows": int(l[1]), "seconds": float(l[2])} for l in limit}}
    result["ratio"] = round(step_seconds / limit_seconds, 2) if limit_seconds else None
server = dict(l.split("\t") for l in open(f"{out}/server-cpu.tsv").read().splitlines() if l) \
    if os.path.exists(f"{out}/server-cpu.tsv") else {}
if server:
    result["serverCpuSeconds"] = {k: float(v) for k, v in server.items()}
if os.path.exists(f"{out}/status-verify.json") and os.path.exists(f"{out}/time-verify.txt"):
    verify = json.load(open(f"{out}/status-verify.json"))["executions"][0]
    vwall, vuser, vsystem, vrss = open(f"{out}/time-verify.txt").read().split()[-4:]
    vseconds = run_seconds(verify)
    result["verify"] = {"status": verify["status"], "exitCode": verify.get("exitCode"), "stepSeconds": round(vseconds, 1),
                        "wallSeconds": float(vwall), "cpuUserSeconds": float(vuser), "cpuSystemSeconds": float(vsystem),
                        "peakRssMiB": int(vrss) // 1024,
                        "ratioToJobSteps": round(vseconds / step_seconds, 2) if step_seconds else None,
                        "ratioToJobWall": round(float(vwall) / float(wall), 2)}
# the catch-up's executions, newest first: the last one's counts cover the whole run, the times add up (none: it was
# refused before starting, see catchup.txt)
catches = [e for e in json.load(open(f"{out}/status-catchup.json"))["executions"]
           if e["job"] == "consent" and e["executionId"] > status["executionId"]] \
    if os.path.exists(f"{out}/status-catchup.json") else []
if catches and os.path.exists(f"{out}/time-catchup.txt"):
    catch = catches[0]
    cwall, cuser, csystem, crss = open(f"{out}/time-catchup.txt").read().split()[-4:]
    cseconds = sum(run_seconds(e) for e in catches)
    result["catchUp"] = {"changedConsents": int(open(f"{out}/catchup-changes.txt").read()), "status": catch["status"],
                         "executions": len(catches),
                         "consentsRead": sum(s["read"] for s in catch["steps"]), "stepSeconds": round(cseconds, 1),
                         "wallSeconds": float(cwall), "cpuUserSeconds": float(cuser), "cpuSystemSeconds": float(csystem),
                         "ratioToJobSteps": round(cseconds / step_seconds, 3) if step_seconds else None,
                         "ratioToJobWall": round(float(cwall) / float(wall), 3)}
if crashed_rows:
    restart = json.load(open(f"{out}/status.json"))["executions"][0]
    partitions = [p for s in restart["steps"] for p in s.get("partitions", [])]
    result["restart"] = {"killedWithConsentsWritten": int(crashed_rows), "chunkSize": int(chunk),
                         "status": restart["status"],
                         "partitions": {p["name"]: {"readInRestart": p["readInThisExecution"], "reprocessed": p["present"] + p["filtered"]} for p in partitions},
                         "maxReprocessedPerPartition": max((p["present"] + p["filtered"] for p in partitions), default=0)}
    result["restart"]["atMostOneChunkPerPartition"] = result["restart"]["maxReprocessedPerPartition"] <= int(chunk)
json.dump(result, open(f"{out}.json", "w"), indent=2)
j = result["job"]
print(f"   {'consents':<34}{consents:>14}")
print(f"   {'job status':<34}{j['status']:>14}")
if not crashed_rows:  # after a crash the figures would mix the killed run and the restart
    print(f"   {'job time (steps), s':<34}{j['stepSeconds']:>14}")
    print(f"   {'consents/s':<34}{j['consentsPerSecond']:>14,}")
    print(f"   {'target rows / rows/s':<34}{j['targetRows']:>14,} / {j['targetRowsPerSecond']:,}")
    print(f"   {'whole process, s; consents/s':<34}{j['wallSeconds']:>14} ; {round(read / j['wallSeconds']):,}")
cpu = j['cpuUserSeconds'] + j['cpuSystemSeconds']
print(f"   {'CPU user + system, s':<34}{cpu:>14.1f}  ({cpu / read * 1000:.3f} s per 1,000 consents)")
if "serverCpuSeconds" in result:
    sc = result["serverCpuSeconds"]
    print(f"   {'database server CPU: job / limit':<34}{sc.get('job', '-'):>14} / {sc.get('limit', '-')} s")
print(f"   {'peak RSS, MiB':<34}{j['peakRssMiB']:>14}")
print(f"   {'live heap after full GCs, MiB':<34}{str(live[:3] + (['...'] if len(live) > 6 else []) + live[-3:] if len(live) > 6 else live):>14}  flat: {j['liveHeapFlat']}")
if result["cpuProbeSeconds"]:
    probe = result["cpuProbeSeconds"]
    print(f"   {'CPU probe before job / limit, s':<34}{probe.get('beforeJob', '-'):>14} / {probe.get('beforeLimit', '-')}"
          "  (the same work: a larger figure, a slower machine)")
if "limit" in result:
    print(f"   {'in-database limit, s':<34}{result['limit']['seconds']:>14}")
    print(f"   {'ratio job / limit':<34}{result['ratio']:>14}  (whole process / limit {round(j['wallSeconds'] / result['limit']['seconds'], 2)})")
if "verify" in result:
    v = result["verify"]
    print(f"   {'verify status / exit':<34}{v['status'] + ' / ' + str(v['exitCode']):>14}")
    print(f"   {'verify time (steps), s':<34}{v['stepSeconds']:>14}  ratio to the job {v['ratioToJobSteps']}")
    print(f"   {'verify wall, s':<34}{v['wallSeconds']:>14}  ratio to the job {v['ratioToJobWall']}")
if "catchUp" in result:
    c = result["catchUp"]
    resumed = f", resumed {c['executions'] - 1}x after a transient fault" if c["executions"] > 1 else ""
    print(f"   {'catch-up: changed / read':<34}{c['changedConsents']:>7,} / {c['consentsRead']:,}  ({c['status']}{resumed})")
    print(f"   {'catch-up time (steps), s':<34}{c['stepSeconds']:>14}  ratio to the full run {c['ratioToJobSteps']}")
    print(f"   {'catch-up wall, s':<34}{c['wallSeconds']:>14}  ratio to the full run {c['ratioToJobWall']}")
if "restart" in result:
    r = result["restart"]
    print(f"   {'killed at consents written':<34}{r['killedWithConsentsWritten']:>14,}")
    for name, p in r["partitions"].items():
        print(f"     {name:<32} re-processed {p['reprocessed']:>6,}  (read in restart {p['readInRestart']:,})")
    print(f"   {'at most one chunk per partition':<34}{str(r['atMostOneChunkPerPartition']):>14}  (chunk {r['chunkSize']})")
print(f"   JSON: {out}.json")
PY
}

if [ -n "$sizes" ]; then
  # one run of this script per size and round (each size with fresh data, kept for its further rounds; settings
  # applied once around the series), then the table
  for db in $dbs; do
    [ -n "$db_settings" ] && apply_settings "$db" "$db_settings"
    for n in $sizes; do
      jit=""
      for round in $(seq 1 "$rounds"); do
        echo "== $db, $n consents$([ "$rounds" = 1 ] || echo ", round $round of $rounds")"
        keep=""; [ "$round" = 1 ] || keep=--reuse
        BENCH_APP="$app" BENCH_LAUNCH_JIT="$jit" "$0" --db "$db" --consents "$n" --heap "$heap" --seed "$seed" \
          --no-verify $keep ${partitions:+--partitions "$partitions"} ${chunk:+--chunk-size "$chunk"} \
          | tee "$results/$db-$n-$round.txt"
        dir="$(grep -o 'bench-results/[0-9T]*' "$results/$db-$n-$round.txt" | tail -1)"
        echo "$db $n $dir $round" >> "$results/series.txt"
        # until 2026-12-04 each later round started in a home without it, so with the optimising JIT at every size
        jit="$(cat "$dir/$db/home/launch.jit" 2>/dev/null || true)"
      done
      if [ "$db" = mariadb ]; then sql mariadb mysql "DROP DATABASE IF EXISTS obm_bench_mariadb_$n"
      else sql postgresql postgres "DROP DATABASE IF EXISTS obm_bench_postgresql_$n WITH (FORCE)"; fi
    done
    restore_settings
  done
  rm -rf "$results/obmigrate.jar" "$app"
  python3 - "$results" "${db_settings:-as found}" <<'PY'
import json, statistics, sys
results, settings = sys.argv[1], sys.argv[2]
print(f"\nconsent job, database settings: {settings}  ({results})\n")
print(f" {'database':<11}{'consents':>10} {'round':>6} {'steps s':>8} {'/s':>7} {'process s':>10} {'/s':>7} "
      f"{'limit s':>8} {'steps/limit':>12} {'process/limit':>14} {'JVM CPU s':>10} {'CPU s/1000':>11} "
      f"{'DB CPU s: job':>14} {'limit':>6} {'probe: job':>11} {'limit':>6}")
def row(db, n, label, steps, per_s, wall, wall_per_s, limit, ratio, wall_ratio, cpu, cpu_per_1000, db_job, db_limit,
        probe_job, probe_limit):
    fmt = lambda v, spec="": "-" if v is None else format(v, spec)
    print(f" {db:<11}{n:>10,} {label:>6} {fmt(steps):>8} {fmt(per_s, ','):>7} {fmt(wall):>10} "
          f"{fmt(wall_per_s, ','):>7} {fmt(limit):>8} {fmt(ratio):>12} {fmt(wall_ratio):>14} {fmt(cpu, '.1f'):>10} "
          f"{fmt(cpu_per_1000, '.3f'):>11} {fmt(db_job):>14} {fmt(db_limit):>6} {fmt(probe_job):>11} "
          f"{fmt(probe_limit):>6}")
series = {}
for line in open(f"{results}/series.txt"):
    db, n, run, label = line.split()
    r = json.load(open(f"{run}/{db}.json"))
    j = r["job"]
    cpu = j["cpuUserSeconds"] + j["cpuSystemSeconds"]
    limit = r.get("limit", {}).get("seconds")
    series.setdefault((db, int(n)), []).append((label, (
        j["stepSeconds"], j["consentsPerSecond"], j["wallSeconds"], round(j["consentsRead"] / j["wallSeconds"]), limit,
        r.get("ratio"), round(j["wallSeconds"] / limit, 2) if limit else None, cpu, cpu / j["consentsRead"] * 1000,
        r.get("serverCpuSeconds", {}).get("job"), r.get("serverCpuSeconds", {}).get("limit"),
        r.get("cpuProbeSeconds", {}).get("beforeJob"), r.get("cpuProbeSeconds", {}).get("beforeLimit"))))
for (db, n), rounds in series.items():
    for label, values in rounds:
        row(db, n, label, *values)
    if len(rounds) > 1:
        # each column's own median: the median round by one figure need not be the median round by another
        medians = []
        for column in zip(*(values for _, values in rounds)):
            present = [v for v in column if v is not None]
            median = statistics.median(present) if present else None
            # a column of whole numbers (consents/s) keeps whole numbers
            medians.append(None if median is None
                           else round(median) if all(isinstance(v, int) for v in present) else round(median, 3))
        row(db, n, "median", *medians)
PY
  exit 0
fi

for db in $dbs; do
  [ -n "$db_settings" ] && apply_settings "$db" "$db_settings"
  bench_one "$db"
  restore_settings
done
echo "results in $results"
