#!/bin/sh
# The official image's healthcheck.sh, for the tests this project uses:
#   healthcheck.sh --connect --innodb_initialized
# Connects as the healthcheck user the entrypoint created (/var/lib/mysql/.my-healthcheck.cnf).
set -e
query="SELECT 1"
for test in "$@"; do
    case "$test" in
        --connect) ;;
        --innodb_initialized)
            query="SELECT 1 FROM information_schema.ENGINES WHERE engine = 'InnoDB'
                   AND support IN ('YES', 'DEFAULT', 'ENABLED')" ;;
        *) echo "healthcheck.sh: unknown test $test" >&2; exit 2 ;;
    esac
done
answer=$(mariadb --defaults-extra-file=/var/lib/mysql/.my-healthcheck.cnf \
    --protocol=tcp --host=127.0.0.1 -N -B -e "$query")
[ "$answer" = 1 ]
