#!/usr/bin/env bash
# Remakes src/main/resources/META-INF/obmigrate/cds-classes.txt: the classes that runs against MariaDB and PostgreSQL
# load from the JDBC drivers and the JDK, which the class-data-sharing training (deploy/cds.sh, `cds-training`) loads
# beside its embedded demo, so that a real run finds them in the archive too. Run it after changing a driver's version
# or the JDK, then rebuild; CdsTrainingTest says when a listed class is gone from the build.
#
#   bench/cds-classes.sh [--jar target/obmigrate.jar]
#
# Uses the servers bench/run.sh uses (MARIADB_HOST/PORT/USER, MYSQL_PWD; PGHOST/PGPORT/PGUSER, PGPASSWORD) and a
# throw-away database on each (obm_cds_classes), dropped afterwards. Per server: generate the sample data of every job,
# then check --fix, the consent, dcr, reporting and verify jobs and status, each with Java's class-loading log.
set -euo pipefail
cd "$(dirname "$0")/.."
jar=target/obmigrate.jar
[ "${1:-}" = --jar ] && jar="$2"
[ -f "$jar" ] || { echo "bench/cds-classes.sh: no $jar; build it first (mvn -B -q package -DskipTests)" >&2; exit 2; }
: "${MARIADB_HOST:=127.0.0.1}" "${MARIADB_PORT:=3306}" "${MARIADB_USER:=root}"
: "${PGHOST:=127.0.0.1}" "${PGPORT:=5432}" "${PGUSER:=postgres}"
export PGHOST PGPORT PGUSER
name=obm_cds_classes
logs="$(mktemp -d)"
trap 'rm -rf "$logs"' EXIT
out=src/main/resources/META-INF/obmigrate/cds-classes.txt
mkdir -p "$(dirname "$out")"

runs() {
  local db="$1" url="$2" user="$3" password="$4" n=0
  export OBMIGRATE_HOME="$logs/home-$db"
  for key in OB IDENTITY REPORTING; do
    export "OBMIGRATE_${key}_URL=$url" "OBMIGRATE_${key}_USERNAME=$user" "OBMIGRATE_${key}_PASSWORD=$password"
  done
  while read -r -a command; do
    n=$((n + 1))
    java -Xlog:class+load=info:file="$logs/$db-$n.log" -jar "$jar" "${command[@]}" > "$logs/$db-$n.out" 2>&1 || true
    echo "   $db: ${command[*]}: $(tail -n 1 "$logs/$db-$n.out" | cut -c1-100)"
  done <<'COMMANDS'
generate --consents 2000 --dcr-registrations 200 --malformed-rate 0.02
generate --reporting-rows 3000 --malformed-rate 0.05
check --fix
run consent
run dcr
run reporting
run verify
status
COMMANDS
}

mysql_cmd=(mysql -h "$MARIADB_HOST" -P "$MARIADB_PORT" -u "$MARIADB_USER")
"${mysql_cmd[@]}" -e "DROP DATABASE IF EXISTS $name; CREATE DATABASE $name CHARACTER SET utf8mb4"
runs mariadb "jdbc:mysql://$MARIADB_HOST:$MARIADB_PORT/$name" "$MARIADB_USER" "${MYSQL_PWD:-}"
"${mysql_cmd[@]}" -e "DROP DATABASE $name"
psql -d postgres -X -q -c "DROP DATABASE IF EXISTS $name WITH (FORCE)" -c "CREATE DATABASE $name"
runs postgresql "jdbc:postgresql://$PGHOST:$PGPORT/$name" "$PGUSER" "${PGPASSWORD:-}"
psql -d postgres -X -q -c "DROP DATABASE $name WITH (FORCE)"

{
  echo "# Classes that runs against MariaDB and PostgreSQL load from the JDBC drivers and the JDK (made by"
  echo "# bench/cds-classes.sh with $(java -version 2>&1 | head -n 1 | tr -d '"')); the class-data-sharing training loads them."
  # a class's line in the log: [time][info][class,load] NAME source: WHERE; hidden classes (lambdas) have a '/'
  cat "$logs"/*.log | sed -n 's/.*\[class,load\] \([^ ]*\) source: \(.*\)$/\1 \2/p' \
    | grep -E ' (jrt:/|.*/(mysql-connector-j|postgresql|mssql-jdbc|ojdbc11)-[^/]*\.jar)' \
    | cut -d' ' -f1 | grep -v '/' | sort -u
} > "$out"
echo "$(grep -vc '^#' "$out") classes in $out"
