#!/usr/bin/env bash
# Restore the Swarm stack's database from a swarm/backup.sh file: the database is dropped and
# made again from the dump, inside the running db task.
#
#   swarm/restore.sh FILE
#
# Writes during the restore are lost: scale web and the worker to 0 first on a live site
# (docker service scale elevate_web=0 elevate_worker=0), back afterwards. Clear the cache
# and purge nginx if pages changed (or wait SHARED_CACHE_SECONDS). ELEVATE_STACK [elevate].
set -euo pipefail
file=${1:?usage: swarm/restore.sh FILE}
stack=${ELEVATE_STACK:-elevate}
container=$(docker ps -q --filter "label=com.docker.swarm.service.name=${stack}_db" | head -n1)
if [ -z "$container" ]; then
    echo "No running ${stack}_db task on this node: run this on the node it is pinned to." >&2
    exit 1
fi
gunzip -c "$file" | docker exec -i "$container" sh -c \
    'MYSQL_PWD=$(cat /run/secrets/db_root_password) exec mariadb -uroot'
echo "restored $file into ${stack}_db"
