#!/usr/bin/env bash
# Consent-job benchmark against the local MariaDB or PostgreSQL (not a test: it reports figures).
#   bench/consent-bench.sh mariadb|postgresql [CONSENTS] [SEED]
# Creates a fresh database obm_bench_<db>, generates CONSENTS consents (default 1,000,000), runs the consent job with
# -Xmx512m and GC logging, then prints consents/s, target rows/s, the live heap after each GC (first, middle, last
# third: flat means no growth) and peak RSS. Results go to bench-results/.
# REUSE=1 keeps the generated source data of an earlier run and only drops the OB 3.0 tables.
set -euo pipefail
cd "$(dirname "$0")/.."
db="${1:?mariadb or postgresql}"; consents="${2:-1000000}"; seed="${3:-1}"
name="obm_bench_${db}"
out="bench-results/consent-${db}-${consents}-$(date +%Y%m%dT%H%M%S)"
mkdir -p "$out"
[ -f target/obmigrate.jar ] || mvn -B -q package -DskipTests
case "$db" in
  mariadb)
    if [ "${REUSE:-0}" = 1 ]; then
      mysql -h127.0.0.1 -uroot -e "DROP TABLE IF EXISTS $name.OB_CONSENT_MAPPING, $name.OB_CONSENT_AUTH_RESOURCE, $name.OB_CONSENT_STATUS_AUDIT, $name.OB_CONSENT_ATTRIBUTE, $name.OB_CONSENT_FILE, $name.OB_CONSENT"
    else
      mysql -h127.0.0.1 -uroot -e "DROP DATABASE IF EXISTS $name; CREATE DATABASE $name CHARACTER SET utf8mb4"
    fi
    export OBMIGRATE_OB_URL="jdbc:mysql://127.0.0.1:3306/$name" OBMIGRATE_OB_USERNAME=root OBMIGRATE_OB_PASSWORD=
    mysql -h127.0.0.1 -uroot -e "SHOW VARIABLES WHERE Variable_name IN ('innodb_buffer_pool_size','innodb_log_file_size')" > "$out/db-settings.txt" ;;
  postgresql)
    if [ "${REUSE:-0}" = 1 ]; then
      psql -h127.0.0.1 -Upostgres -d "$name" -qc "DROP TABLE IF EXISTS OB_CONSENT_MAPPING, OB_CONSENT_AUTH_RESOURCE, OB_CONSENT_STATUS_AUDIT, OB_CONSENT_ATTRIBUTE, OB_CONSENT_FILE, OB_CONSENT"
    else
      psql -h127.0.0.1 -Upostgres -d postgres -qc "DROP DATABASE IF EXISTS $name WITH (FORCE)" -c "CREATE DATABASE $name"
    fi
    export OBMIGRATE_OB_URL="jdbc:postgresql://127.0.0.1:5432/$name" OBMIGRATE_OB_USERNAME=postgres OBMIGRATE_OB_PASSWORD=
    psql -h127.0.0.1 -Upostgres -d postgres -Atc "SELECT name || '=' || setting FROM pg_settings WHERE name IN ('shared_buffers','max_wal_size','checkpoint_timeout','synchronous_commit')" > "$out/db-settings.txt" ;;
  *) echo "unknown database $db" >&2; exit 2 ;;
esac
export OBMIGRATE_HOME="$out/home"
if [ "${REUSE:-0}" != 1 ]; then
  echo "generating $consents consents in $OBMIGRATE_OB_URL ..."
  /usr/bin/time -f "generate: %e s" java -Xmx512m -jar target/obmigrate.jar generate --consents "$consents" --seed "$seed" > "$out/generate.txt" 2>&1
fi
echo "running the consent job ..."
/usr/bin/time -f "run: %e s wall, %U s user, %S s sys, max RSS %M KiB" \
  java -Xmx512m "-Xlog:gc:file=$out/gc.log" -jar target/obmigrate.jar run consent --create-schema > "$out/run.txt" 2> "$out/time.txt" &
timer=$!
# Every 30 s a full GC (jcmd GC.run): the heap it leaves is the live set; flat across the run means no growth.
( sleep 20; while kill -0 $timer 2>/dev/null; do
    pid=$(pgrep -f '^java .*obmigrate.jar run consent' | head -1 || true)
    [ -n "$pid" ] && jcmd "$pid" GC.run >/dev/null 2>&1 || true
    sleep 30
  done ) &
sampler=$!
wait $timer || true
kill $sampler 2>/dev/null || true
cat "$out/time.txt"
grep -E '^ consent\.|^ total|accounted|^ OB_CONSENT' "$out/run.txt"
python3 - "$out" <<'PY'
import re, sys, json
out = sys.argv[1]
run = open(f"{out}/run.txt").read()
total = re.search(r"^ total\s+([\d,]+)\s+([\d,]+)\s+([\d,]+)\s+([\d,]+)\s+(\S+)", run, re.M)
steps = re.findall(r"^ (consent\.\w+)\s+([\d,]+)\s+([\d,]+)\s+([\d,]+)\s+([\d,]+)\s+(\S+)", run, re.M)
def secs(t):
    m = re.match(r"(?:(\d+)h)?(?:(\d+)m)?(?:([\d.]+)s)?$", t)
    return int(m.group(1) or 0) * 3600 + int(m.group(2) or 0) * 60 + float(m.group(3) or 0)
step_seconds = sum(secs(s[5]) for s in steps)
read = int(total.group(1).replace(",", ""))
targets = sum(int(n.replace(",", "")) for n in re.findall(r"^ OB_CONSENT\w*\s+([\d,]+)", run, re.M))
gc = open(f"{out}/gc.log").read()
live = [int(m) for m in re.findall(r"Pause Full \([^)]*\) \d+M->(\d+)M\(", gc)]
heap = {"youngGcs": len(re.findall(r"Pause Young", gc)), "liveHeapMiBAfterEachFullGc": live}
rss = re.search(r"max RSS (\d+)", open(f"{out}/time.txt").read())
result = {"consents": read, "stepSeconds": round(step_seconds, 1), "consentsPerSecond": round(read / step_seconds),
          "targetRows": targets, "targetRowsPerSecond": round(targets / step_seconds), "heap": heap,
          "peakRssMiB": int(rss.group(1)) // 1024 if rss else None}
json.dump(result, open(f"{out}/result.json", "w"), indent=2)
print(json.dumps(result, indent=2))
PY
echo "results in $out"
