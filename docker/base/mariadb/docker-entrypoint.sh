#!/bin/bash
# A small version of the official mariadb image's entrypoint. On the first start (empty
# /var/lib/mysql) it creates the system tables, sets the root password, creates
# MARIADB_DATABASE and MARIADB_USER with MARIADB_PASSWORD, a healthcheck user for
# healthcheck.sh, and runs /docker-entrypoint-initdb.d/*.sql|*.sql.gz|*.sh. Each password
# may come from a file instead (VAR_FILE: Docker secrets). MYSQL_* names work too.
set -euo pipefail

# VAR or VAR_FILE (or the MYSQL_ spelling of either) into VAR.
file_env() {
    local name=$1 mysql=MYSQL_${1#MARIADB_} default=${2:-} value=
    local file=${name}_FILE mysql_file=${mysql}_FILE
    if [ -n "${!name:-}" ] && [ -n "${!file:-}" ]; then
        echo >&2 "error: both $name and $file are set"; exit 1
    fi
    if [ -n "${!name:-}" ]; then value=${!name}
    elif [ -n "${!file:-}" ]; then value=$(< "${!file}")
    elif [ -n "${!mysql:-}" ]; then value=${!mysql}
    elif [ -n "${!mysql_file:-}" ]; then value=$(< "${!mysql_file}")
    else value=$default
    fi
    export "$name"="$value"
    unset "$file" "$mysql" "$mysql_file"
}

sql_escape() { printf '%s' "$1" | sed -e "s/\\\\/\\\\\\\\/g" -e "s/'/\\\\'/g"; }

initialise() {
    for var in MARIADB_ROOT_PASSWORD MARIADB_DATABASE MARIADB_USER MARIADB_PASSWORD \
               MARIADB_ALLOW_EMPTY_ROOT_PASSWORD MARIADB_RANDOM_ROOT_PASSWORD; do
        file_env "$var"
    done
    if [ -z "$MARIADB_ROOT_PASSWORD" ] && [ -z "$MARIADB_ALLOW_EMPTY_ROOT_PASSWORD" ] \
            && [ -z "$MARIADB_RANDOM_ROOT_PASSWORD" ]; then
        echo >&2 "error: database is uninitialized and the root password option is not specified"
        echo >&2 "  set one of MARIADB_ROOT_PASSWORD(_FILE), MARIADB_ALLOW_EMPTY_ROOT_PASSWORD,"
        echo >&2 "  MARIADB_RANDOM_ROOT_PASSWORD"
        exit 1
    fi
    if [ -n "$MARIADB_RANDOM_ROOT_PASSWORD" ]; then
        MARIADB_ROOT_PASSWORD=$(head -c 24 /dev/urandom | base64)
        echo "GENERATED ROOT PASSWORD: $MARIADB_ROOT_PASSWORD"
    fi
    echo "Initialising the database in /var/lib/mysql"
    mariadb-install-db --user=mysql --datadir=/var/lib/mysql --skip-test-db \
        --auth-root-authentication-method=normal --skip-name-resolve > /dev/null
    local socket=/run/mysqld/init.sock
    mariadbd --user=mysql --skip-networking --socket="$socket" "${@:2}" &
    local pid=$!
    for _ in $(seq 60); do
        mariadb --socket="$socket" -uroot -e "SELECT 1" > /dev/null 2>&1 && break
        sleep 1
    done
    local root_pw health_pw sql
    root_pw=$(sql_escape "$MARIADB_ROOT_PASSWORD")
    health_pw=$(head -c 24 /dev/urandom | base64 | tr -d '/+=')
    sql="DELETE FROM mysql.global_priv WHERE user = '' OR host NOT IN ('localhost');
        DELETE FROM mysql.proxies_priv WHERE host NOT IN ('localhost');
        FLUSH PRIVILEGES;
        ALTER USER 'root'@'localhost' IDENTIFIED BY '$root_pw';
        CREATE USER 'root'@'%' IDENTIFIED BY '$root_pw';
        GRANT ALL ON *.* TO 'root'@'%' WITH GRANT OPTION;
        CREATE USER 'healthcheck'@'127.0.0.1' IDENTIFIED BY '$health_pw';
        CREATE USER 'healthcheck'@'localhost' IDENTIFIED BY '$health_pw';
        GRANT USAGE ON *.* TO 'healthcheck'@'127.0.0.1', 'healthcheck'@'localhost';"
    if [ -n "$MARIADB_DATABASE" ]; then
        sql+="CREATE DATABASE IF NOT EXISTS \`$MARIADB_DATABASE\`;"
    fi
    if [ -n "$MARIADB_USER" ] && [ -n "$MARIADB_PASSWORD" ]; then
        sql+="CREATE USER '$MARIADB_USER'@'%' IDENTIFIED BY '$(sql_escape "$MARIADB_PASSWORD")';"
        [ -n "$MARIADB_DATABASE" ] && sql+="GRANT ALL ON \`$MARIADB_DATABASE\`.* TO '$MARIADB_USER'@'%';"
    fi
    mariadb --socket="$socket" -uroot -e "$sql FLUSH PRIVILEGES;"
    printf '[mariadb-client]\nuser=healthcheck\npassword=%s\n' "$health_pw" \
        > /var/lib/mysql/.my-healthcheck.cnf
    chown mysql:mysql /var/lib/mysql/.my-healthcheck.cnf
    chmod 600 /var/lib/mysql/.my-healthcheck.cnf
    # The root password in a file of the init server's, not on a command line.
    (umask 077; printf '[client]\nuser=root\npassword=%s\n' "$MARIADB_ROOT_PASSWORD" \
        > /run/mysqld/init.cnf)
    local client=(mariadb --defaults-extra-file=/run/mysqld/init.cnf --socket="$socket")
    [ -n "$MARIADB_DATABASE" ] && client+=("$MARIADB_DATABASE")
    for f in /docker-entrypoint-initdb.d/*; do
        case "$f" in
            *.sh) echo "running $f"; . "$f" ;;
            *.sql) echo "running $f"; "${client[@]}" < "$f" ;;
            *.sql.gz) echo "running $f"; gunzip -c "$f" | "${client[@]}" ;;
        esac
    done
    rm -f /run/mysqld/init.cnf
    kill "$pid"
    wait "$pid"
    echo "Database initialised"
}

# Options alone mean "mariadbd OPTIONS", as in the official image.
if [ "${1:0:1}" = - ]; then
    set -- mariadbd "$@"
fi
if [ "$1" = mariadbd ] || [ "$1" = mysqld ]; then
    mkdir -p /run/mysqld
    chown mysql:mysql /run/mysqld /var/lib/mysql
    if [ ! -d /var/lib/mysql/mysql ]; then
        initialise "$@"
    fi
    exec "$@" --user=mysql
fi
exec "$@"
