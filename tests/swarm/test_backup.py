"""Backup and restore of the stack's database (swarm/backup.sh, swarm/restore.sh)."""

import subprocess
from pathlib import Path

import pytest

from tests.swarm.client import containers, docker

pytestmark = pytest.mark.swarm

ROOT = Path(__file__).resolve().parents[2]


def sql(swarm, query):
    """Run SQL as root in the db task (password from its secret, inside the container)."""
    container = containers(swarm, "db")[0]
    script = "MYSQL_PWD=$(cat /run/secrets/db_root_password) exec mariadb -uroot -N -B elevate"
    return docker("exec", "-i", container, "sh", "-c", script, input=query)


def fingerprint(swarm):
    """{table: (rows, checksum)} of every table of the site's database."""
    tables = sql(swarm, "SHOW TABLES").split()
    # Table names as MariaDB listed them, not input.
    counts = sql(swarm, " UNION ALL ".join(f"SELECT '{t}', COUNT(*) FROM `{t}`" for t in tables))  # noqa: S608
    checksums = sql(swarm, "CHECKSUM TABLE " + ", ".join(f"`{t}`" for t in tables))
    rows = dict(line.split("\t") for line in counts.splitlines())
    sums = {
        line.split("\t")[0].split(".", 1)[1]: line.split("\t")[1] for line in checksums.splitlines()
    }
    return {table: (rows[table], sums[table]) for table in tables}


def test_backup_then_change_then_restore_gives_back_the_same_rows(swarm, tmp_path):
    env = {"ELEVATE_STACK": swarm.name, "PATH": "/usr/local/bin:/usr/bin:/bin"}
    # Nothing writes while the fingerprints are taken: the worker would (task results).
    docker("service", "scale", "--detach", swarm.service("worker") + "=0")
    try:
        before = fingerprint(swarm)
        backup = tmp_path / "backup.sql.gz"
        subprocess.run([ROOT / "swarm" / "backup.sh", backup], env=env, check=True, cwd=ROOT)
        sql(
            swarm,
            "DELETE FROM learning_lessoncompletion;"
            "UPDATE accounts_user SET display_name = 'changed'",
        )
        changed = fingerprint(swarm)
        assert changed["learning_lessoncompletion"][0] == "0"
        assert changed["accounts_user"] != before["accounts_user"]

        subprocess.run([ROOT / "swarm" / "restore.sh", backup], env=env, check=True, cwd=ROOT)
        after = fingerprint(swarm)
    finally:
        docker("service", "scale", "--detach", swarm.service("worker") + "=1")
    assert int(before["learning_lessoncompletion"][0]) > 0
    assert after == before
