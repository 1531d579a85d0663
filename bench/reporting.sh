#!/usr/bin/env bash
# obmigrate benchmark: the reporting job in both copy modes against a set-based in-place rewrite, on the local
# MariaDB. Not a test: it measures and reports.
#
#   bench/reporting.sh [--requests N] [--chunk-size C] [--heap 512m] [--modes "chunk in-database auto"] [--reuse]
#                      [--no-in-place] [--database NAME] [--seed S]
#   bench/reporting.sh --sizes "100000 300000 1000000 5000000" [--db-settings default|window] [--modes auto]
#   bench/reporting.sh --db postgresql --sizes "..."   the job on the local PostgreSQL (no in-place script there: WSO2
#                                                       ships none for PostgreSQL); PGHOST/PGPORT/PGUSER, default settings
#
#   With --sizes it runs itself once per size (fresh data each time) and prints one line per size: obmigrate's process
#   wall time against the in-place script's, the ratio, and where the job's time went. --db-settings sets the MariaDB
#   server for the whole series and puts the previous values back at the end: default (128 MB buffer pool, 96 MB
#   redo log, as installed) or window (4 GB buffer pool, 2 GB redo log, io_capacity 2000: a migration window).
#
#   1. creates obm_bench_rep_<N> (or --database NAME) and generates N API requests with `obmigrate generate
#      --reporting-rows N`: N API_INVOCATION_RAW_DATA rows less the ones planted without an invocation, about N/2 accounts, 0.15 N funds
#      confirmations, 0.35 N payments, N/3 authentications and authorisations, N side rows (skipped with --reuse);
#   2. per mode (default: chunk, in-database, then auto), drops the OB 3.0 tables and runs `run reporting` in its own
#      JVM with obmigrate.reporting-job.mode set, under /usr/bin/time (wall, CPU, peak RSS); per step the rows read and
#      rows/s come from `status --json`;
#   3. runs bench/wso2-in-place-mysql.sql (the vendor's in-place script, set-based, timed per table) on the same
#      tables; this CONSUMES the OB 2.0 tables, so it runs last (skip it with --no-in-place, e.g. to --reuse later);
#   4. prints one table (rows/s per table and mode, and the in-place seconds) and writes
#      bench-results/<stamp>/reporting.json.
#
# Connection (environment): MARIADB_HOST (127.0.0.1), MARIADB_PORT (3306), MARIADB_USER (root), MYSQL_PWD.
# Needs: java 17+, the mysql client, python3, /usr/bin/time.
set -euo pipefail
cd "$(dirname "$0")/.."

requests=5000000; chunk=""; heap="512m"; modes="chunk in-database auto"; reuse=0; in_place=1; database=""; seed=1
sizes=""; settings=""; forward=(); dbkind=mariadb
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) sizes="$2"; shift 2 ;;
    --db) dbkind="$2"; shift 2 ;;
    --db-settings) settings="$2"; shift 2 ;;
    --requests) requests="$2"; shift 2 ;;
    --chunk-size) chunk="$2"; shift 2 ;;
    --heap) heap="$2"; shift 2 ;;
    --modes) modes="$2"; shift 2 ;;
    --reuse) reuse=1; shift ;;
    --no-in-place) in_place=0; shift ;;
    --database) database="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    -h|--help) sed -n '2,31p' "$0"; exit 0 ;;
    *) echo "bench/reporting.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
  esac
done
[ "$dbkind" = postgresql ] && in_place=0
for tool in java python3 /usr/bin/time mysql; do
  command -v "$tool" >/dev/null || { echo "bench/reporting.sh: $tool is needed (see --help)" >&2; exit 2; }
done
[ -f target/obmigrate.jar ] || mvn -B -q package -DskipTests

MARIADB_HOST="${MARIADB_HOST:-127.0.0.1}"; MARIADB_PORT="${MARIADB_PORT:-3306}"; MARIADB_USER="${MARIADB_USER:-root}"
if [ -n "$settings" ]; then
  server() { mysql -h"$MARIADB_HOST" -P"$MARIADB_PORT" -u"$MARIADB_USER" -N -B -e "$1"; }
  read -r was_pool was_log was_io <<<"$(server "SELECT @@innodb_buffer_pool_size, @@innodb_log_file_size, @@innodb_io_capacity")"
  restore() {
    server "SET GLOBAL innodb_buffer_pool_size = $was_pool; SET GLOBAL innodb_log_file_size = $was_log; SET GLOBAL innodb_io_capacity = $was_io" || true
    echo "MariaDB settings put back: buffer pool $was_pool, redo log $was_log, io_capacity $was_io"
  }
  trap restore EXIT
  case "$settings" in
    default) server "SET GLOBAL innodb_buffer_pool_size = 134217728; SET GLOBAL innodb_log_file_size = 100663296; SET GLOBAL innodb_io_capacity = 200" ;;
    window) server "SET GLOBAL innodb_buffer_pool_size = 4294967296; SET GLOBAL innodb_log_file_size = 2147483648; SET GLOBAL innodb_io_capacity = 2000" ;;
    *) echo "bench/reporting.sh: --db-settings is default or window" >&2; exit 2 ;;
  esac
  sleep 5 # the buffer pool resizes in the background
  echo "MariaDB: $(server "SELECT CONCAT('buffer pool ', @@innodb_buffer_pool_size, ', redo log ', @@innodb_log_file_size, ', io_capacity ', @@innodb_io_capacity)")"
fi
if [ -n "$sizes" ]; then
  series="bench-results/series-$(date +%Y%m%dT%H%M%S)-${settings:-as-found}"
  mkdir -p "$series"
  for n in $sizes; do
    echo "== $n requests"
    "$0" --db "$dbkind" --requests "$n" --modes "${modes/chunk in-database auto/auto}" --heap "$heap" --seed "$seed" \
      ${chunk:+--chunk-size "$chunk"} | tee "$series/$n.txt"
    dir="$(grep -o 'bench-results/[0-9T]*' "$series/$n.txt" | tail -1)"
    echo "$n $dir" >> "$series/runs.txt"
    if [ "$dbkind" = postgresql ]; then psql -q -d postgres -c "DROP DATABASE IF EXISTS obm_bench_rep_$n"
    else mysql -h"$MARIADB_HOST" -P"$MARIADB_PORT" -u"$MARIADB_USER" -e "DROP DATABASE IF EXISTS obm_bench_rep_$n"; fi
  done
  python3 - "$series" "${settings:-as found}" <<'PY'
import json, sys
series, settings = sys.argv[1], sys.argv[2]
print(f"\nreporting job against the in-place script, database settings: {settings}  ({series})\n")
print(f" {'requests':>10} {'raw rows':>11} {'obmigrate s':>12} {'in-place s':>11} {'ratio':>6} {'JVM CPU s':>10}  where the job's time went (s, summed over steps)")
for line in open(f'{series}/runs.txt'):
    n, run = line.split()
    r = json.load(open(f'{run}/reporting.json'))
    mode = next(iter(r['modes'].values()))
    in_place = sum(r['inPlaceSeconds'].values()) or float('nan')
    status = json.load(open(f'{run}/auto/status.json')) if 'auto' in r['modes'] else None
    phases = {}
    if status:
        for step in status['executions'][0]['steps']:
            for part in step.get('details', {}).get('time', '').split(' (')[0].split(', '):
                if ' ' in part:
                    name, value = part.rsplit(' ', 2)[0], part.rsplit(' ', 2)[1]
                    phases[name] = phases.get(name, 0) + float(value)
        steps = sum(s.get('seconds', 0) for s in status['executions'][0]['steps'])
        phases['other'] = steps - sum(phases.values())
    where = ', '.join(f"{k} {v:.1f}" for k, v in phases.items())
    print(f" {int(n):>10,} {mode['read']:>11,} {mode['wall']:>12.1f} {in_place:>11.1f} {mode['wall'] / in_place:>6.2f} {mode['cpu']:>10.0f}  {where}")
PY
  exit 0
fi
stamp="$(date +%Y%m%dT%H%M%S)"
results="bench-results/$stamp"
mkdir -p "$results"
jar="$results/obmigrate.jar"
cp target/obmigrate.jar "$jar"
# started as ./obmigrate and the image start it: the extracted jar with its class-data-sharing archive (deploy/cds.sh),
# through deploy/launch.sh (its JIT mode and heap; --heap is handed over as JAVA_OPTS)
deploy/cds.sh "$jar" "$results/app"
obmigrate() { deploy/launch.sh "$results/app" "$@"; }

db="${database:-obm_bench_rep_$requests}"
if [ "$dbkind" = postgresql ]; then
  export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
  # sql -e "STATEMENTS" as the mysql client takes it; DROP/CREATE DATABASE go to the postgres database
  sql() {
    local statements="$2"
    if [[ "$statements" == DROP\ DATABASE* ]]; then
      psql -q -d postgres -c "DROP DATABASE IF EXISTS $db"; psql -q -d postgres -c "CREATE DATABASE $db"
    elif [[ "$statements" == SELECT\ @@version* ]]; then
      psql -At -d "$db" -c "SELECT version(), current_setting('shared_buffers'), current_setting('max_wal_size')"
    else
      psql -q -d "$db" -c "${statements//$db./}"
    fi
  }
  export OBMIGRATE_REPORTING_URL="jdbc:postgresql://$PGHOST:$PGPORT/$db"
  export OBMIGRATE_REPORTING_USERNAME="$PGUSER" OBMIGRATE_REPORTING_PASSWORD="${PGPASSWORD:-}"
else
  sql() { mysql -h"$MARIADB_HOST" -P"$MARIADB_PORT" -u"$MARIADB_USER" -N -B "$@"; }
  export OBMIGRATE_REPORTING_URL="jdbc:mysql://$MARIADB_HOST:$MARIADB_PORT/$db"
  export OBMIGRATE_REPORTING_USERNAME="$MARIADB_USER" OBMIGRATE_REPORTING_PASSWORD="${MYSQL_PWD:-}"
fi
[ -n "$chunk" ] && export OBMIGRATE_REPORTINGJOB_CHUNKSIZE="$chunk"
TABLES="ACCOUNTS_RAW_DATA FUNDS_CONFIRMATION_RAW_DATA PAYMENTS_RAW_DATA API_LATENCY_RAW_DATA API_INVOCATION_RAW_DATA AUTHENTICATION_RAW_DATA AUTHORISATION_RAW_DATA"

if [ "$reuse" = 0 ]; then
  sql -e "DROP DATABASE IF EXISTS $db; CREATE DATABASE $db CHARACTER SET utf8mb4"
  echo "generating $requests requests into $db ..."
  start=$(date +%s.%N)
  OBMIGRATE_HOME="$results/generate" obmigrate generate --reporting-rows "$requests" --seed "$seed" \
    > "$results/generate.log"
  echo "generated in $(python3 -c "print(round($(date +%s.%N) - $start, 1))") s"
fi
sql -e "SELECT @@version, @@innodb_buffer_pool_size, @@innodb_log_file_size" > "$results/server.txt"

for mode in $modes; do
  for t in $TABLES; do sql -e "DROP TABLE IF EXISTS $db.${t}__OB3"; done
  echo "run reporting, mode $mode ..."
  home="$results/$mode"; mkdir -p "$home"
  OBMIGRATE_HOME="$home" OBMIGRATE_REPORTINGJOB_MODE="$mode" /usr/bin/time -f "%e %U %S %M" -o "$home/time.txt" \
    env JAVA_OPTS="-Xmx$heap" deploy/launch.sh "$results/app" run reporting > "$home/run.log" 2>&1 || { tail -20 "$home/run.log"; exit 1; }
  OBMIGRATE_HOME="$home" obmigrate status --json > "$home/status.json"
done

if [ "$in_place" = 1 ]; then
  echo "in-place rewrite (consumes the OB 2.0 tables) ..."
  python3 - "$db" "$results/in-place.json" bench/wso2-in-place-mysql.sql <<'PY'
import json, os, re, subprocess, sys, time
db, out, script = sys.argv[1], sys.argv[2], sys.argv[3]
sections, current = {}, None
for line in open(script):
    m = re.match(r'-- table: (\S+)', line)
    if m:
        current = m.group(1); sections[current] = ''
    elif current and not line.startswith('--'):
        sections[current] += line
base = ['mysql', '-h' + os.environ.get('MARIADB_HOST', '127.0.0.1'), '-P' + os.environ.get('MARIADB_PORT', '3306'),
        '-u' + os.environ.get('MARIADB_USER', 'root'), db]
seconds = {}
for table, body in sections.items():
    start = time.time()
    subprocess.run(base, input=body, text=True, check=True)
    seconds[table] = round(time.time() - start, 1)
    print(f"  {table:32} {seconds[table]:8.1f} s", flush=True)
json.dump(seconds, open(out, 'w'), indent=1)
PY
fi

python3 - "$results" "$modes" "$requests" "$db" <<'PY'
import json, os, subprocess, sys
results, modes, requests, db = sys.argv[1], sys.argv[2].split(), int(sys.argv[3]), sys.argv[4]
report = {'requests': requests, 'database': db, 'modes': {}, 'server': open(f'{results}/server.txt').read().split(),
          'commit': subprocess.run(['git', 'rev-parse', '--short', 'HEAD'], capture_output=True, text=True).stdout.strip()}
for mode in modes:
    status = json.load(open(f'{results}/{mode}/status.json'))['executions'][0]
    wall, user, system, rss = open(f'{results}/{mode}/time.txt').read().split()[-4:]
    report['modes'][mode] = {'wall': float(wall), 'cpu': float(user) + float(system), 'peakRssMiB': int(rss) // 1024,
        'steps': {s['name']: {'read': s['read'], 'written': s['written'], 'quarantined': s['quarantined'],
                              'seconds': s.get('seconds', 0), 'rowsPerSecond': s.get('rowsPerSecond', 0),
                              'mode': s.get('details', {}).get('mode', '')} for s in status['steps']},
        'read': status['totals']['read'], 'written': status['totals']['written']}
in_place = json.load(open(f'{results}/in-place.json')) if os.path.exists(f'{results}/in-place.json') else {}
report['inPlaceSeconds'] = in_place
json.dump(report, open(f'{results}/reporting.json', 'w'), indent=1)
print(f"\nreporting benchmark, {requests:,} requests, {' '.join(report['server'][:2])}  ({results})\n")
head = f" {'step':28}" + ''.join(f" {m + ' rows/s':>22}" for m in modes) + f" {'in-place s':>11}"
print(head); print(' ' + '-' * (len(head) - 1))
steps = list(report['modes'][modes[0]]['steps']) if modes else []
for step in steps:
    table = step.split('.', 1)[1].upper() + '_RAW_DATA'
    row = f" {step:28}"
    for m in modes:
        s = report['modes'][m]['steps'].get(step, {})
        row += f" {s.get('rowsPerSecond', 0):>12,} ({s.get('seconds', 0):6.1f}s)"
    row += f" {in_place.get(table, 0):>11}"
    print(row)
print(' ' + '-' * (len(head) - 1))
total = f" {'total wall (rows written)':28}"
for m in modes:
    r = report['modes'][m]
    total += f" {r['wall']:>9.1f}s ({r['written']:>10,})"
total += f" {sum(in_place.values()):>11.1f}"
print(total)
for m in modes:
    r = report['modes'][m]
    print(f" {m}: CPU {r['cpu']:.0f} s, peak RSS {r['peakRssMiB']} MiB")
    for step, s in r['steps'].items():
        if m == 'auto':
            print(f"   {step}: {s['mode']}")
PY
