"""What MariaDB does with each query of a page: its plan (EXPLAIN), its time run alone,
and a verdict: "index", or the big table it reads whole. Used by ``course_report.py``
once Django is set up."""

import re
import statistics
import time

from django.db import connection

# Tables this big or bigger must never be read whole by a report query.
BIG_TABLE_ROWS = 1_000
DATA_TABLES = (
    "learning_enrollment",
    "learning_lessoncompletion",
    "learning_certificate",
    "community_comment",
)


def explain(sql):
    """What MariaDB plans for ``sql``, how long it takes alone, and a verdict: "index",
    or the big table it reads whole."""
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + sql)  # noqa: S608 - SQL Django just ran, no input
        columns = [column[0] for column in cursor.description]
        plan = [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
        times = []
        for _ in range(5):
            started = time.perf_counter()
            cursor.execute(sql)
            cursor.fetchall()
            times.append((time.perf_counter() - started) * 1000)
    # Django names tables in subqueries by alias (`learning_lessoncompletion` U0).
    found = re.findall(r"(?:FROM|JOIN) `(\w+)`(?: (?:AS )?`?([A-Z]\d+)`?)?", sql)
    tables = list(dict.fromkeys(table for table, _ in found))
    aliases = {}
    for table, alias in found:
        if alias:
            aliases.setdefault(alias, set()).add(table)
    access, problems = [], []
    for row in plan:
        table = resolve(row, aliases)
        if not table or table.startswith("<"):  # no table, or a derived one
            continue
        rows = table_rows(table)
        extra = f" {row['Extra']}" if row["Extra"] else ""
        access.append(
            f"{table}: {row['type']} on {row['key'] or '-'} "
            f"(~{int(row['rows'] or 0):,} of {rows:,} rows){extra}"
        )
        if rows >= BIG_TABLE_ROWS and row["type"] == "ALL":
            problems.append(f"FULL SCAN of {table}")
        elif rows >= BIG_TABLE_ROWS and row["type"] == "index":
            problems.append(f"full index scan of {table}")
    report = any(t in DATA_TABLES or t.startswith("learning_") for t in tables)
    return {
        "label": describe(sql, tables),
        "report": report,
        "ms": round(statistics.median(times), 1),
        "access": access,
        "verdict": "; ".join(problems) or "index",
        "sql": sql if report else None,
    }


def resolve(row, aliases):
    """The table of an EXPLAIN row. Subqueries may each call their table U0: the index
    used (or usable) tells which one it is."""
    name = row["table"] or ""
    candidates = aliases.get(name)
    if not candidates:
        return name
    if len(candidates) == 1:
        return next(iter(candidates))
    keys = {row["key"], *(row["possible_keys"] or "").split(",")} - {None, ""}
    for table in sorted(candidates):
        if keys & indexes(table):
            return table
    return f"{name} (one of {', '.join(sorted(candidates))})"


_indexes = {}


def indexes(table):
    if table not in _indexes:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT DISTINCT INDEX_NAME FROM information_schema.STATISTICS "
                "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = %s",
                [table],
            )
            _indexes[table] = {name for (name,) in cursor.fetchall()}
    return _indexes[table]


_row_counts = {}


def table_rows(table):
    if table not in _row_counts:
        if table not in connection.introspection.table_names():
            return 0
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) FROM `{table}`")  # noqa: S608 - a table name from EXPLAIN
            _row_counts[table] = cursor.fetchone()[0]
    return _row_counts[table]


def describe(sql, tables):
    """A short name for a query: its tables, and how it aggregates and pages."""
    what = tables[0] if tables else "?"
    if len(tables) > 1:
        what += " + " + ", ".join(tables[1:])
    notes = [word for word in ("COUNT", "GROUP BY", "ORDER BY") if word in sql]
    if limit := re.search(r"LIMIT (\d+)(?: OFFSET (\d+))?", sql):
        notes.append(f"LIMIT {limit[1]}" + (f" OFFSET {limit[2]}" if limit[2] else ""))
    return what + (f" [{', '.join(notes)}]" if notes else "")
