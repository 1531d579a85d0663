#!/usr/bin/env bash
# obmigrate crash trials: a job killed at random moments after it began writing, then restarted, must end with exactly
# the rows of an uninterrupted run. Not a benchmark: it counts trials that held.
#
#   bench/crash-trials.sh --job consent|dcr|reporting|upgrade --db mariadb|postgresql --trials N
#                         [--size N] [--seed S] [--keep]
#
#   1. the source data once: `obmigrate generate` (seed S) into a fresh database (for dcr also `check --fix`);
#   2. a reference: a copy of it, one uninterrupted run of the job, and a snapshot of every row the job writes (all
#      columns, sorted; for dcr the Identity Server tables it changes);
#   3. per trial: another copy of the same data, the job started in its own JVM (its own job repository), and,
#      once it has written its first rows, after a random 0-2 s, SIGKILL (odd trials) or SIGTERM (even trials); then
#      `obmigrate restart <job>` until it completes (at most three times) and the same snapshot, compared with the
#      reference; a trial holds when they are equal and the restart accounted for every row;
#   4. prints one line per trial (signal, what the signal found, restarts, held or not) and
#      "trials passed P / trials run N"; exits 0 only when every trial held.
#
#   --size: consents (default 20000), DCR registrations (2000) or API requests (20000). --keep leaves the databases.
#   upgrade: a plan of a SQL script (one row per statement, unique keys: a statement run twice fails), a stand-in
#   Carbon server migrating for a few seconds, a command and a TOML edit, killed the same way; restarted until it
#   completes, answering a statement left in doubt by looking at the database as a DBA would (`confirm --statement N
#   --applied|--not-applied`); it holds when every statement's row is there exactly once, every step is done and no
#   process of the server is left. --size: statements (default 300).
#
# Connection (environment): MARIADB_HOST (127.0.0.1), MARIADB_PORT (3306), MARIADB_USER (root), MYSQL_PWD;
# PGHOST (127.0.0.1), PGPORT (5432), PGUSER (postgres), PGPASSWORD. The user must be able to create databases.
# Needs: java 17+, the mysql or psql client.
set -euo pipefail
cd "$(dirname "$0")/.."

job=""; db=""; trials=""; size=""; seed=7; keep=0
while [ $# -gt 0 ]; do
  case "$1" in
    --job) job="$2"; shift 2 ;;
    --db) db="$2"; shift 2 ;;
    --trials) trials="$2"; shift 2 ;;
    --size) size="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --keep) keep=1; shift ;;
    -h|--help) sed -n "2,23p" "$0"; exit 0 ;;
    *) echo "bench/crash-trials.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
  esac
done
usage() { echo "bench/crash-trials.sh: $1 (try --help)" >&2; exit 2; }
case "$job" in consent|dcr|reporting|upgrade) ;; *) usage "--job is consent, dcr, reporting or upgrade" ;; esac
case "$db" in mariadb|postgresql) ;; *) usage "--db is mariadb or postgresql" ;; esac
[[ "$trials" =~ ^[0-9]+$ ]] && [ "$trials" -gt 0 ] || usage "--trials N (1 or more)"
if [ -z "$size" ]; then case "$job" in dcr) size=2000 ;; upgrade) size=300 ;; *) size=20000 ;; esac; fi
[ -f target/obmigrate.jar ] || mvn -B -q package -DskipTests

MARIADB_HOST="${MARIADB_HOST:-127.0.0.1}"; MARIADB_PORT="${MARIADB_PORT:-3306}"; MARIADB_USER="${MARIADB_USER:-root}"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}" PGOPTIONS="--client-min-messages=warning"
sql() { # sql DATABASE STATEMENT: tab-separated rows, no header
  if [ "$db" = mariadb ]; then mysql -h"$MARIADB_HOST" -P"$MARIADB_PORT" -u"$MARIADB_USER" -N -B ${1:+"$1"} -e "$2"
  else psql -X -q -A -t -F $'\t' -d "${1:-postgres}" -v ON_ERROR_STOP=1 -c "$2"; fi
}
fresh() {
  if [ "$db" = mariadb ]; then sql "" "DROP DATABASE IF EXISTS $1; CREATE DATABASE $1 CHARACTER SET utf8mb4"
  else sql "" "DROP DATABASE IF EXISTS $1" >/dev/null; sql "" "CREATE DATABASE $1" >/dev/null; fi
}
drop() { [ "$keep" = 1 ] || sql "" "DROP DATABASE IF EXISTS $1" >/dev/null; }
use() { # the obmigrate environment of database $1, home $2
  local url
  if [ "$db" = mariadb ]; then url="jdbc:mysql://$MARIADB_HOST:$MARIADB_PORT/$1"; user="$MARIADB_USER"; pass="${MYSQL_PWD:-}"
  else url="jdbc:postgresql://$PGHOST:$PGPORT/$1"; user="$PGUSER"; pass="${PGPASSWORD:-}"; fi
  for area in OB IDENTITY REPORTING; do
    export "OBMIGRATE_${area}_URL=$url" "OBMIGRATE_${area}_USERNAME=$user" "OBMIGRATE_${area}_PASSWORD=$pass"
  done
  export OBMIGRATE_HOME="$2" OBMIGRATE_CONSENT_CHUNKSIZE=200 OBMIGRATE_DCR_CHUNKSIZE=20 OBMIGRATE_REPORTINGJOB_CHUNKSIZE=2000
  mkdir -p "$2"
}
obm() { java -Xmx512m -jar target/obmigrate.jar "$@"; }

if [ "$job" = upgrade ]; then
  work="$(mktemp -d /tmp/obm-trials.XXXXXX)"; trial_db="obm_trial_upgrade"
  echo "crash trials: upgrade on $db, $trials trial(s), $size statements (work $work)"
  { echo "CREATE TABLE TRIAL_ROWS (ID INT NOT NULL PRIMARY KEY);"
    for n in $(seq 1 $((size - 1))); do echo "INSERT INTO TRIAL_ROWS (ID) VALUES ($n);"; done; } > "$work/trial.sql"
  cat > "$work/plan.yaml" <<'PLAN'
plan: crash-trial
steps:
  - id: script
    kind: sql-script
    datasource: ob
    file: trial.sql
  - id: server
    kind: server-run
    home: ${TRIAL_HOME}/carbon
    start: sh bin/wso2server.sh -Dmigrate -Dcomponent=identity
    log: repository/logs/wso2carbon.log
    env: {STANDIN_DELAY: "0.5"}
    success: ["Execution was done through all the requested version list", "WSO2 Carbon started in"]
    failure: ["ERROR \\{org\\.wso2\\.carbon\\.is\\.migration"]
    stop-grace: 5s
  - id: command
    kind: command
    dir: ${TRIAL_HOME}
    run: sh -c 'sleep 1; echo merged > command.out'
    outputs: ["${TRIAL_HOME}/command.out"]
  - id: toml
    kind: file
    action: toml-set
    path: ${TRIAL_HOME}/carbon/deployment.toml
    table: oauth
    key: allowed_scopes
    value: ["consent.*", "OB_.*"]
PLAN
  passed=0
  for i in $(seq 1 "$trials"); do
    home="$work/t$i"; mkdir -p "$home/carbon/bin"
    cp src/test/resources/upgrade/carbon-home/bin/wso2server.sh "$home/carbon/bin/"
    printf '[oauth]\ntoken_renewal = true\n' > "$home/carbon/deployment.toml"
    printf 'TRIAL_HOME: %s\n' "$home" > "$home/vars.yaml"
    fresh "$trial_db"; use "$trial_db" "$home/obm"
    signal=KILL; [ $((i % 2)) = 0 ] && signal=TERM
    ( exec java -Xmx512m -jar target/obmigrate.jar run upgrade --plan "$work/plan.yaml" --vars "$home/vars.yaml" \
        > "$home/run.log" 2>&1 ) &
    pid=$!
    for _ in $(seq 1 600); do
      n="$(sql "$trial_db" "SELECT COUNT(*) FROM TRIAL_ROWS" 2>/dev/null || echo 0)"
      if [ "${n:-0}" -gt 0 ] 2>/dev/null; then break; fi
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    sleep "$(awk -v r="$RANDOM" 'BEGIN { printf "%.2f", (r % 400) / 100 }')"
    if kill -0 "$pid" 2>/dev/null; then kill -"$signal" "$pid"; found="running"; else found="finished"; fi
    code=0; { wait "$pid"; } 2>/dev/null || code=$?
    where="$(grep -o 'upgrade \[[0-9]/4\] [a-z]*' "$home/run.log" | tail -1 | sed 's/upgrade //' || true)"
    restarts=0; status="$code"; doubts=0
    while [ "$status" != 0 ] && [ "$restarts" -lt 5 ]; do
      restarts=$((restarts + 1))
      status=0; obm restart upgrade > "$home/restart$restarts.log" 2>&1 || status=$?
      doubt="$(grep -o 'statement [0-9]* (line [0-9]*: .*) was running when' "$home/restart$restarts.log" | head -1 \
        | sed 's/^statement \([0-9]*\).*/\1/' || true)"
      if [ -n "$doubt" ]; then # what a DBA does: look whether that statement's row (or table) is there
        doubts=$((doubts + 1))
        if [ "$doubt" = 1 ]; then seen="$(sql "$trial_db" "SELECT COUNT(*) FROM TRIAL_ROWS" >/dev/null 2>&1 && echo 1 || echo 0)"
        else seen="$(sql "$trial_db" "SELECT COUNT(*) FROM TRIAL_ROWS WHERE ID = $((doubt - 1))")"; fi
        answer=--not-applied; [ "$seen" = 1 ] && answer=--applied
        obm confirm script --statement "$doubt" "$answer" --by crash-trials > "$home/confirm$restarts.log" 2>&1
      fi
    done
    rows="$(sql "$trial_db" "SELECT COUNT(*), COUNT(DISTINCT ID), MIN(ID), MAX(ID) FROM TRIAL_ROWS" | tr '\t' ' ')"
    left=""
    if [ -f "$home/carbon/wso2carbon.pid" ] && kill -0 "$(cat "$home/carbon/wso2carbon.pid")" 2>/dev/null \
        && ! grep -q '^State:.*Z' "/proc/$(cat "$home/carbon/wso2carbon.pid")/status" 2>/dev/null; then left=1; fi
    if pgrep -f "$home/carbon" >/dev/null 2>&1; then left=1; fi
    done_steps="$(obm plan --plan "$work/plan.yaml" --vars "$home/vars.yaml" --json 2>/dev/null | grep -c '"state" : "done"' || true)"
    expected="$((size - 1)) $((size - 1)) 1 $((size - 1))"
    if [ "$status" = 0 ] && [ "$rows" = "$expected" ] && [ -z "$left" ] && [ "$done_steps" = 4 ] \
        && grep -q 'allowed_scopes = \["consent' "$home/carbon/deployment.toml"; then
      passed=$((passed + 1)); verdict="held"
    else
      verdict="FAILED (exit $status; rows $rows, expected $expected; steps done $done_steps; left ${left:-none}; see $home)"
    fi
    printf 'trial %2d: SIG%-4s during %-14s %s (exit %s), %d restart(s), %d in doubt: %s\n' "$i" "$signal" \
      "${where:-start}" "$found" "$code" "$restarts" "$doubts" "$verdict"
  done
  drop "$trial_db"
  echo "trials passed $passed / trials run $trials"
  [ "$passed" = "$trials" ]
  exit
fi

# what the job writes, and how far it got
case "$job" in
  consent) tables="OB_CONSENT OB_CONSENT_AUTH_RESOURCE OB_CONSENT_MAPPING OB_CONSENT_STATUS_AUDIT OB_CONSENT_ATTRIBUTE OB_CONSENT_FILE"
           progress="SELECT COUNT(*) FROM OB_CONSENT"; gen=(--consents "$size"); run=(run consent --create-schema) ;;
  dcr) tables="SP_APP IDN_OAUTH_CONSUMER_APPS SP_INBOUND_AUTH SP_AUTH_SCRIPT"
       progress="SELECT COUNT(*) FROM OBMIGRATE_SP_JOURNAL"; gen=(--dcr-registrations "$size"); run=(run dcr) ;;
  reporting) tables="ACCOUNTS_RAW_DATA__OB3 FUNDS_CONFIRMATION_RAW_DATA__OB3 PAYMENTS_RAW_DATA__OB3 API_INVOCATION_RAW_DATA__OB3 API_LATENCY_RAW_DATA__OB3 AUTHENTICATION_RAW_DATA__OB3 AUTHORISATION_RAW_DATA__OB3"
             progress="SELECT (SELECT COUNT(*) FROM ACCOUNTS_RAW_DATA__OB3) + (SELECT COUNT(*) FROM API_INVOCATION_RAW_DATA__OB3)"
             gen=(--reporting-rows "$size"); run=(run reporting) ;;
esac
snapshot() { # every row of every table the job writes, sorted; SP_METADATA without its generated row IDs
  local t
  for t in $tables; do echo "== $t"; sql "$1" "SELECT * FROM $t" | LC_ALL=C sort; done
  if [ "$job" = dcr ]; then
    local value='VALUE'; [ "$db" = mariadb ] && value='`VALUE`'
    echo "== SP_METADATA"; sql "$1" "SELECT SP_ID, NAME, $value, DISPLAY_NAME, TENANT_ID FROM SP_METADATA" | LC_ALL=C sort
  fi
}
prepare_source() { # the generated OB 2.0 data every run starts from, once (for dcr with the column the upgrade requires)
  fresh "$1"; use "$1" "$2"
  obm generate "${gen[@]}" --seed "$seed" --malformed-rate 0.01 > "$2/generate.log" 2>&1 || { tail "$2/generate.log"; exit 1; }
  if [ "$job" = dcr ]; then obm check --fix > "$2/fix.log" 2>&1 || true; fi
}
copy() { # copy SOURCE DATABASE HOME: a fresh database holding exactly the source's tables and rows
  if [ "$db" = mariadb ]; then
    fresh "$2"
    local t
    for t in $(sql "" "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = '$1'"); do
      sql "" "CREATE TABLE \`$2\`.\`$t\` LIKE \`$1\`.\`$t\`; INSERT INTO \`$2\`.\`$t\` SELECT * FROM \`$1\`.\`$t\`"
    done
  else
    sql "" "DROP DATABASE IF EXISTS $2" >/dev/null; sql "" "CREATE DATABASE $2 TEMPLATE $1" >/dev/null
  fi
  use "$2" "$3"
}
if [ "$job" = dcr ]; then
  printf 'var onLoginRequest = function(context) { executeStep(1); };\n' > /tmp/obm-trials-script.js
  export OBMIGRATE_DCR_ADAPTIVESCRIPTFILE=/tmp/obm-trials-script.js
fi

work="$(mktemp -d /tmp/obm-trials.XXXXXX)"
src="obm_trial_src_${job}"; ref="obm_trial_ref_${job}"; trial_db="obm_trial_${job}"
echo "crash trials: $job on $db, $trials trial(s), size $size, seed $seed (work $work)"
prepare_source "$src" "$work/src"
copy "$src" "$ref" "$work/ref"
obm "${run[@]}" > "$work/ref/run.log" 2>&1 || { echo "the reference run failed:"; tail -20 "$work/ref/run.log"; exit 1; }
snapshot "$ref" > "$work/ref.snapshot"
echo "reference: $(grep -c '' "$work/ref.snapshot") lines of target rows"

passed=0
for i in $(seq 1 "$trials"); do
  home="$work/t$i"
  copy "$src" "$trial_db" "$home"
  signal=KILL; [ $((i % 2)) = 0 ] && signal=TERM
  ( exec java -Xmx512m -jar target/obmigrate.jar "${run[@]}" > "$home/run.log" 2>&1 ) &
  pid=$!  # the JVM itself: the signal goes to obmigrate, not to a shell
  began=""
  for _ in $(seq 1 600); do
    n="$(sql "$trial_db" "$progress" 2>/dev/null || echo 0)"
    if [ "${n:-0}" -gt 0 ] 2>/dev/null; then began=1; break; fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  sleep "$(awk -v r="$RANDOM" 'BEGIN { printf "%.2f", (r % 200) / 100 }')"
  if kill -0 "$pid" 2>/dev/null; then
    kill -"$signal" "$pid"; found="running"
  else
    found="finished"
  fi
  code=0; { wait "$pid"; } 2>/dev/null || code=$?
  restarts=0; status="$code"
  while [ "$status" != 0 ] && [ "$restarts" -lt 3 ]; do
    restarts=$((restarts + 1))
    status=0; obm restart "$job" > "$home/restart$restarts.log" 2>&1 || status=$?
  done
  snapshot "$trial_db" > "$home/snapshot"
  accounted=1
  if [ "$restarts" -gt 0 ]; then grep -q "every row accounted for" "$home/restart$restarts.log" || accounted=0; fi
  if [ "$status" = 0 ] && [ "$accounted" = 1 ] && cmp -s "$work/ref.snapshot" "$home/snapshot"; then
    passed=$((passed + 1)); verdict="held"
  else
    verdict="FAILED (exit $status; diff: $(diff "$work/ref.snapshot" "$home/snapshot" | grep -c '^[<>]' || true) lines; see $home)"
  fi
  printf 'trial %2d: SIG%-4s %s %s (exit %s), %d restart(s): %s\n' "$i" "$signal" "${began:+after writing began,}" \
    "$found" "$code" "$restarts" "$verdict"
done
drop "$src"; drop "$ref"; drop "$trial_db"
echo "trials passed $passed / trials run $trials"
[ "$passed" = "$trials" ]
