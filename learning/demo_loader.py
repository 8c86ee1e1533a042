"""Read the demo courses from Markdown files into the data that ``seed_demo`` loads.

Plain functions, no Django: ``load_courses()`` reads ``COURSES_DIR``. How to write those files
is explained in ``demo/README.md``.

A course is a dict with ``title``, ``slug``, ``summary``, ``level``, ``tags``,
``estimated_hours`` (a decimal as a string), ``members_only``, ``objectives``, ``intro`` (a
list of blocks) and ``lessons``. A lesson is a dict with ``title``, ``slug``, ``minutes`` and
``body`` (a list of blocks, from ``learning.markdown_blocks``).

Any problem in a file raises ``DemoContentError``, whose message names the file.
"""

import re
from pathlib import Path

import yaml

from learning.markdown_blocks import DemoContentError, markdown_to_blocks

COURSES_DIR = Path(__file__).resolve().parent.parent / "demo" / "courses"
CATALOGUE_FILE = "catalogue.yml"  # lists the course folders in catalogue order
COURSE_FILE = "course.md"
LESSON_FILE = re.compile(r"(\d\d)-(.+)\.md")

# What each front matter field holds.
COURSE_FIELDS = {
    "title": "text",
    "slug": "text",
    "summary": "text",
    "level": "level",
    "tags": "list",
    "estimated_hours": "number",
    "members_only": "flag",
    "objectives": "list",
}
LESSON_FIELDS = {"title": "text", "slug": "text", "minutes": "whole number"}

# Mirrors learning.models.Level; a test keeps them in step.
LEVELS = ("beginner", "intermediate", "advanced")

FRONT_MATTER = re.compile(r"---[ \t]*\n(.*?)^---[ \t]*$\n?", re.DOTALL | re.MULTILINE)


def load_courses(folder=None):
    """Every course that ``catalogue.yml`` in ``folder`` (``COURSES_DIR``) lists, in order."""
    folder = Path(folder or COURSES_DIR)
    catalogue = folder / CATALOGUE_FILE
    try:
        data = yaml.safe_load(catalogue.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise DemoContentError(catalogue, f"cannot read the catalogue: {error}") from error
    slugs = data.get("courses") if isinstance(data, dict) else None
    if not _valid("list", slugs) or len(set(slugs)) < len(slugs):
        raise DemoContentError(catalogue, "expected `courses:` and a list of course folders")
    unlisted = sorted(p.name for p in folder.iterdir() if p.is_dir() and p.name not in slugs)
    if unlisted:
        raise DemoContentError(catalogue, f"course folders not listed: {', '.join(unlisted)}")
    return [load_course(folder / slug) for slug in slugs]


def load_course(folder):
    """One course: ``course.md`` (details and intro) and its lessons in file-name order."""
    folder = Path(folder)
    path = folder / COURSE_FILE
    if not path.is_file():
        raise DemoContentError(folder, f"a course folder needs a {COURSE_FILE}")
    meta, intro = read_page(path, COURSE_FIELDS)
    if meta["slug"] != folder.name:
        raise DemoContentError(path, f"slug {meta['slug']!r} differs from the folder name")
    lesson_files = sorted(p for p in folder.glob("*.md") if p.name != COURSE_FILE)
    if not lesson_files:
        raise DemoContentError(folder, "a course needs at least one lesson (01-<slug>.md)")
    lessons = [load_lesson(p) for p in lesson_files]
    if len({p.name[:2] for p in lesson_files}) < len(lesson_files):
        raise DemoContentError(folder, "two lesson files have the same number")
    return {
        **meta,
        "estimated_hours": str(meta["estimated_hours"]),
        "intro": intro,
        "lessons": lessons,
    }


def load_lesson(path):
    """One lesson from ``NN-<slug>.md``: front matter (title, slug, minutes) and its body."""
    path = Path(path)
    if not LESSON_FILE.fullmatch(path.name):
        raise DemoContentError(path, "lesson files are named NN-<slug>.md, e.g. 01-welcome.md")
    meta, body = read_page(path, LESSON_FIELDS)
    if path.name != f"{path.name[:2]}-{meta['slug']}.md":
        raise DemoContentError(path, f"the file name should be {path.name[:2]}-{meta['slug']}.md")
    return {**meta, "body": body}


def read_page(path, fields):
    """The front matter of a Markdown file, checked against ``fields``, and its body's blocks."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise DemoContentError(path, f"cannot read the file: {error}") from error
    match = FRONT_MATTER.match(text)
    if not match:
        raise DemoContentError(path, "the file must start with front matter between '---' lines")
    try:
        meta = yaml.safe_load(match[1])
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem = f"front matter is not valid YAML: {getattr(error, 'problem', None) or error}"
        raise DemoContentError(path, problem, mark and mark.line + 2) from error
    if not isinstance(meta, dict):
        raise DemoContentError(path, "front matter holds `field: value` lines")
    if problem := _field_problem(meta, fields):
        raise DemoContentError(path, problem)
    first_line = text.count("\n", 0, match.end()) + 1
    return meta, markdown_to_blocks(text[match.end() :], path, first_line)


# Each kind of front matter value: how an error describes it, and the check.
_FIELD_KINDS = {
    "text": ("some text", lambda value: isinstance(value, str) and value.strip() != ""),
    "level": (f"one of {', '.join(LEVELS)}", lambda value: value in LEVELS),
    "number": ("a number", lambda value: type(value) in (int, float)),
    "whole number": ("a whole number", lambda value: type(value) is int),
    "flag": ("true or false", lambda value: isinstance(value, bool)),
    "list": (
        "a list of text",
        lambda value: isinstance(value, list) and all(isinstance(item, str) for item in value),
    ),
}


def _valid(kind, value):
    return _FIELD_KINDS[kind][1](value)


def _field_problem(meta, fields):
    """What is wrong with the front matter ``meta`` for these ``fields``, or None."""
    if missing := [name for name in fields if name not in meta]:
        return f"front matter is missing {', '.join(missing)}"
    if unknown := sorted(set(meta) - set(fields)):
        return f"unknown front matter field(s): {', '.join(unknown)}"
    for name, kind in fields.items():
        if not _valid(kind, meta[name]):
            return f"{name} should be {_FIELD_KINDS[kind][0]}"
    return None
