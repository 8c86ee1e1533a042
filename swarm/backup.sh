#!/usr/bin/env bash
# Back up the Swarm stack's database: mariadb-dump inside the running db task (a consistent
# snapshot of InnoDB tables, --single-transaction: the site keeps running), gzipped.
#
#   swarm/backup.sh [FILE]     # default var/backups/<stack>-<UTC time>.sql.gz; prints FILE
#
# Run it on the node the database is pinned to (node.role == manager). ELEVATE_STACK
# [elevate] names the stack. The root password is read from the task's secret inside the
# container: it is on no command line and in no environment outside it.
set -euo pipefail
stack=${ELEVATE_STACK:-elevate}
container=$(docker ps -q --filter "label=com.docker.swarm.service.name=${stack}_db" | head -n1)
if [ -z "$container" ]; then
    echo "No running ${stack}_db task on this node: run this on the node it is pinned to." >&2
    exit 1
fi
file=${1:-var/backups/${stack}-$(date -u +%Y%m%dT%H%M%SZ).sql.gz}
mkdir -p "$(dirname "$file")"
umask 077
docker exec "$container" sh -c 'MYSQL_PWD=$(cat /run/secrets/db_root_password) exec \
    mariadb-dump -uroot --single-transaction --routines --triggers --events \
    --add-drop-database --databases elevate' | gzip > "$file.part"
mv "$file.part" "$file"
echo "$file"
