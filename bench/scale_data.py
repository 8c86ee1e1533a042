"""`make bench`'s data at scale in the bench stack: ``seed_scale`` in the stack's own
database, InnoDB left to write it back before measuring, and a new database for the next
run's demo rounds."""

import shutil
import time

# Marks a stack directory whose database holds seed_scale's data: the next run starts from a
# new database, so its demo rounds run on the demo data again.
SCALE_MARKER = "seed-scale-data"


def seed_scale(stack):
    """seed_scale's data in the stack's database, as the replicas see it; the seconds."""
    started = time.monotonic()
    (stack.dir / SCALE_MARKER).write_text("seed_scale ran on this stack's database\n")
    stack.manage("seed_scale")
    return time.monotonic() - started


# Run in the stack's Django after seeding: wait (at most a minute) until InnoDB has written
# the million new rows' dirty pages, whose flushing would otherwise stall the first
# scenarios' writes (a 57 ms p99 on the paced mark-complete, 10 ms everywhere else).
SETTLE = """
import time
from django.db import connection
with connection.cursor() as cursor:
    cursor.execute("SELECT @@innodb_max_dirty_pages_pct")
    (kept,) = cursor.fetchone()
    cursor.execute("SET GLOBAL innodb_max_dirty_pages_pct = 0")  # flush now, not when idle
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        cursor.execute("SHOW GLOBAL STATUS LIKE 'Innodb_buffer_pool_pages_dirty'")
        dirty = int(cursor.fetchone()[1])
        if dirty < 100:
            break
        time.sleep(1)
    cursor.execute("SET GLOBAL innodb_max_dirty_pages_pct = %s", [kept])
print(dirty)
"""


def settle(stack):
    """Wait for MariaDB to write back what seeding left in memory; the dirty pages left."""
    output = stack.manage("shell", "--no-imports", "-c", SETTLE, capture=True).stdout
    return int(output.strip().splitlines()[-1])


def fresh_database(stack):
    """After a run with seed_scale's data, start again from a new database: the demo rounds
    measure the demo data. (Only the bench stack's own private MariaDB, never a given one.)
    True when the last run had left seed_scale's data."""
    marker = stack.dir / SCALE_MARKER
    if not marker.exists():
        return False
    shutil.rmtree(stack.dir / "mariadb" / "data", ignore_errors=True)
    marker.unlink()
    return True
