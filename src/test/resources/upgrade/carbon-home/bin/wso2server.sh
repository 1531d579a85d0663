#!/bin/sh
# A stand-in for a Carbon server pack's bin/wso2server.sh, for the upgrade tests. It writes its PID file and logs the
# phrases the Identity Server migration client and the Carbon kernel log, to repository/logs/wso2carbon.log and to its
# output, then runs until SIGTERM, as the real server does. What it does is chosen by the file standin-mode in its home
# (or STANDIN_MODE):
#   ok           the migration phrases, "WSO2 Carbon started", then run until SIGTERM
#   lying        the same, with an ERROR from the migration client before its "without having unexpected issues" line
#   hang         a first line, then silence
#   early-exit   an error and exit 1 before the client's phrases
#   ignore-term  like ok, but SIGTERM is ignored (only SIGKILL ends it)
#   child        like ok, with a background child that ignores SIGTERM
# STANDIN_DELAY (seconds) pauses between the lines, so that a migration takes a while.
cd "$(dirname "$0")/.." || exit 9
mode=${STANDIN_MODE:-ok}
[ -f standin-mode ] && mode=$(cat standin-mode)
mkdir -p repository/logs
log=repository/logs/wso2carbon.log
say() {
  line="[$(date '+%Y-%m-%d %H:%M:%S'),000]  $1"
  echo "$line" >> "$log"
  echo "$line"
  [ -n "${STANDIN_DELAY:-}" ] && sleep "$STANDIN_DELAY"
  return 0
}
echo $$ > wso2carbon.pid
trap 'say "INFO {org.wso2.carbon.core.init.CarbonServerManager} - Shutdown hook triggered...."; rm -f wso2carbon.pid; exit 0' TERM
[ "$mode" = ignore-term ] && trap 'say "INFO {org.wso2.carbon.core.init.CarbonServerManager} - SIGTERM ignored"' TERM
say "INFO {org.wso2.carbon.core.internal.CarbonCoreActivator} - Starting WSO2 Carbon... ($*)"
case "$mode" in
  early-exit)
    say "ERROR {org.wso2.carbon.apimgt.migration.APIMMigrationService} - Cross tenant subscriptions exist. Please contact WSO2 team"
    rm -f wso2carbon.pid
    exit 1 ;;
  hang)
    while :; do sleep 1; done ;;
esac
say "INFO {org.wso2.carbon.identity.core.internal.IdentityCoreServiceComponent} - Executing Migration client : org.wso2.carbon.is.migration.MigrationClientImpl"
say "INFO {org.wso2.carbon.is.migration.MigrationClientImpl} -  WSO2 Product Migration Service Task : Start Version : 5.10.0 to 5.11.0"
if [ "$mode" = lying ]; then
  say "ERROR {org.wso2.carbon.is.migration.service.SchemaMigrator} - Error occurred while executing SQL script for migrating database"
fi
say "INFO {org.wso2.carbon.is.migration.MigrationClientImpl} -  WSO2 Product Migration Service Task : Execution was done through all the requested version list without having unexpected issues."
if [ "$mode" = child ]; then
  (trap '' TERM; while :; do sleep 1; done) &
  echo $! > standin-child.pid
fi
say "INFO {org.wso2.carbon.core.internal.StartupFinalizerServiceComponent} - WSO2 Carbon started in 3 sec"
while :; do sleep 1; done
