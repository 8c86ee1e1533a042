#!/bin/sh
# Runs the exporter given as the command. mysqld-exporter reads its credentials from a
# my.cnf; with MYSQLD_EXPORTER_PASSWORD_FILE (a Docker secret) one is written here, for
# MYSQLD_EXPORTER_USER [root] at MYSQLD_EXPORTER_HOST [db]:MYSQLD_EXPORTER_PORT [3306], so
# the password is never in the environment.
set -e
if [ "$1" = prometheus-mysqld-exporter ] && [ -n "${MYSQLD_EXPORTER_PASSWORD_FILE:-}" ]; then
    shift
    cnf=$(mktemp)
    printf '[client]\nuser=%s\npassword=%s\nhost=%s\nport=%s\n' \
        "${MYSQLD_EXPORTER_USER:-root}" "$(cat "$MYSQLD_EXPORTER_PASSWORD_FILE")" \
        "${MYSQLD_EXPORTER_HOST:-db}" "${MYSQLD_EXPORTER_PORT:-3306}" > "$cnf"
    set -- prometheus-mysqld-exporter --config.my-cnf="$cnf" "$@"
fi
exec "$@"
