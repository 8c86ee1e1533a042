"""Read the demo courses from Markdown files into the data that ``seed_demo`` loads.

Plain functions, no Django: ``load_courses()`` reads ``COURSES_DIR``. How to write those files
is explained in ``demo/README.md``.

A course is a dict with ``title``, ``slug``, ``summary``, ``level``, ``tags``,
``estimated_hours`` (a decimal as a string), ``members_only``, ``objectives``, ``intro`` (a
list of blocks) and ``lessons``. A lesson is a dict with ``title``, ``slug``, ``minutes`` and
``body`` (a list of blocks). A block is a ``(block_type, value)`` pair for
``learning.blocks.ContentBlock``:

* ``("paragraph", html)``: Wagtail rich text (``<p> <b> <i> <a> <ol> <ul> <li> <code> <hr/>``)
  made from the paragraphs, lists and rules that follow each other.
* ``("heading", {"text", "level"})``: ``## Text`` gives h2 and ``### Text`` gives h3.
* ``("code", {"language", "code"})``: a fenced code block that names its language.
* ``("callout", {"kind", "title", "text"})``: ``> [!TIP] Title`` (or NOTE, WARNING).
* ``("quote", {"quote", "attribution"})``: a block quote whose last line is ``— Attribution``.
* ``("image", {"label", "caption"})``: ``![Label](generated "Caption")`` on its own line;
  ``seed_demo`` draws a picture showing the label.
* ``("document", {"title", "filename", "content"})``: ``[Title](file.txt)`` on its own line,
  the file beside the Markdown.

Any problem in a file raises ``DemoContentError``, whose message names the file.
"""

import re
from html import escape
from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml
from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode

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

# Mirrors of learning.models.Level and learning.blocks.CodeBlock; a test keeps them in step.
LEVELS = ("beginner", "intermediate", "advanced")
CODE_LANGUAGES = ("python", "javascript", "html", "css", "sql", "bash", "text")
CALLOUT_KINDS = {"TIP": "tip", "NOTE": "note", "WARNING": "warning"}
IMAGE_SOURCE = "generated"

FRONT_MATTER = re.compile(r"---[ \t]*\n(.*?)^---[ \t]*$\n?", re.DOTALL | re.MULTILINE)
ALERT = re.compile(r"\[!(\w+)\]\s*(.*)")
ATTRIBUTION = re.compile(r"—\s*(.+)")

# CommonMark with raw HTML switched off: rich text only ever holds the tags written here.
_markdown = MarkdownIt("commonmark", {"html": False})


class DemoContentError(ValueError):
    """A demo content file that cannot be loaded; the message names the file and the problem."""

    def __init__(self, path, problem, line=None):
        super().__init__(f"{path}{f', line {line}' if line else ''}: {problem}")


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


def markdown_to_blocks(text, source, first_line=1):
    """The blocks of a Markdown body.

    ``source`` is the file the text comes from: errors name it, and documents are read from its
    folder. ``first_line`` is the line of the file on which the body starts.
    """
    reader = _BlockReader(Path(source), first_line)
    for node in SyntaxTreeNode(_markdown.parse(text)).children:
        reader.read(node)
    reader.flush()
    return reader.blocks


class _BlockReader:
    """Turns top-level Markdown nodes into blocks, gathering runs of rich text."""

    def __init__(self, source, first_line):
        self.source, self.first_line = source, first_line
        self.blocks, self.rich_text = [], []

    def error(self, problem, node):
        line = self.first_line + node.map[0] if node.map else None
        return DemoContentError(self.source, problem, line)

    def read(self, node):
        if node.type == "paragraph" and (block := self.standalone(node)):
            self.add(block)
        elif node.type in ("paragraph", "bullet_list", "ordered_list", "hr"):
            self.rich_text.append(self.html(node))
        elif node.type == "heading" and node.tag in ("h2", "h3"):
            self.add(("heading", {"text": _plain(node.children[0].children), "level": node.tag}))
        elif node.type == "heading":
            raise self.error("use ## or ### (the page title is in the front matter)", node)
        elif node.type == "fence":
            language = node.info.strip().split(" ")[0]
            if language not in CODE_LANGUAGES:
                languages = ", ".join(CODE_LANGUAGES)
                raise self.error(f"a code block needs a language: one of {languages}", node)
            self.add(("code", {"language": language, "code": node.content.removesuffix("\n")}))
        elif node.type == "blockquote":
            self.add(self.blockquote(node))
        else:  # an indented code block, since raw HTML is off
            raise self.error(f"use a fenced code block with its language ({node.type})", node)

    def add(self, block):
        self.flush()
        self.blocks.append(block)

    def flush(self):
        if self.rich_text:
            self.blocks.append(("paragraph", "".join(self.rich_text)))
            self.rich_text = []

    def standalone(self, paragraph):
        """An image or a document: a paragraph that is one image, or one link to a file."""
        children = paragraph.children[0].children
        only = children[0] if len(children) == 1 else None
        if only and only.type == "image":
            if only.attrs["src"] != IMAGE_SOURCE:
                problem = f'pictures are drawn: write ![Label]({IMAGE_SOURCE} "Caption")'
                raise self.error(problem, paragraph)
            return (
                "image",
                {"label": _plain(only.children), "caption": only.attrs.get("title", "")},
            )
        if only and only.type == "link" and _is_local(only.attrs["href"]):
            return ("document", self.document(only, paragraph))
        return None

    def document(self, link, paragraph):
        filename = unquote(link.attrs["href"])
        if "/" in filename:
            raise self.error(
                f"put {filename!r} beside the Markdown and link to its name", paragraph
            )
        try:
            content = (self.source.parent / filename).read_text(encoding="utf-8")
        except FileNotFoundError as error:
            problem = f"document file {filename!r} not found beside this file"
            raise self.error(problem, paragraph) from error
        except (OSError, UnicodeDecodeError) as error:
            raise self.error(f"cannot read {filename!r}: {error}", paragraph) from error
        return {"title": _plain(link.children), "filename": filename, "content": content}

    def blockquote(self, quote):
        """A callout (``> [!KIND] Title``) or a quotation (last line ``— Attribution``)."""
        paragraphs = quote.children
        if not paragraphs or any(child.type != "paragraph" for child in paragraphs):
            raise self.error("block quotes and callouts hold paragraphs of text only", quote)
        first = paragraphs[0].children[0].children
        end = next((i for i, node in enumerate(first) if node.type == "softbreak"), len(first))
        alert = ALERT.fullmatch(_plain(first[:end]))
        if alert:
            kind = CALLOUT_KINDS.get(alert[1].upper())
            if kind is None:
                kinds = ", ".join(f"[!{name}]" for name in CALLOUT_KINDS)
                raise self.error(f"unknown alert kind [!{alert[1]}]: use {kinds}", quote)
            text = [f"<p>{self.inline(first[end + 1 :], quote)}</p>"] if first[end + 1 :] else []
            text += [self.html(paragraph) for paragraph in paragraphs[1:]]
            if not text:
                raise self.error("the callout has no text", quote)
            return ("callout", {"kind": kind, "title": alert[2], "text": "".join(text)})
        texts = [_plain(paragraph.children[0].children, "\n") for paragraph in paragraphs]
        *lines, last = texts[-1].split("\n")
        attribution = ATTRIBUTION.fullmatch(last)
        if attribution:
            texts[-1] = "\n".join(lines)
        quote_text = "\n\n".join(text for text in texts if text)
        if not quote_text:
            raise self.error("the quote has an attribution but no text", quote)
        return (
            "quote",
            {"quote": quote_text, "attribution": attribution[1] if attribution else ""},
        )

    def html(self, node):
        """Wagtail rich-text HTML for a paragraph, a list or a rule."""
        if node.type == "paragraph":
            return f"<p>{self.inline(node.children[0].children, node)}</p>"
        if node.type == "hr":
            return "<hr/>"
        tag = "ul" if node.type == "bullet_list" else "ol"
        return f"<{tag}>{''.join(self.list_item(item) for item in node.children)}</{tag}>"

    def list_item(self, item):
        # Wagtail keeps a list item as bare text, so it holds one paragraph (and sub-lists).
        if [child.type for child in item.children].count("paragraph") > 1:
            raise self.error("a list item can hold only one paragraph", item)
        parts = []
        for child in item.children:
            if child.type == "paragraph":
                parts.append(self.inline(child.children[0].children, child))
            elif child.type in ("bullet_list", "ordered_list"):
                parts.append(self.html(child))
            else:
                raise self.error(f"a list item holds text and lists, not {child.type}", item)
        return f"<li>{''.join(parts)}</li>"

    def inline(self, nodes, where):
        """Rich-text HTML for inline Markdown: Wagtail stores <b> and <i>, not strong and em."""
        html = []
        for node in nodes:
            if node.type == "text":
                html.append(escape(node.content, quote=False))
            elif node.type == "code_inline":
                html.append(f"<code>{escape(node.content, quote=False)}</code>")
            elif node.type in ("strong", "em"):
                tag = "b" if node.type == "strong" else "i"
                html.append(f"<{tag}>{self.inline(node.children, where)}</{tag}>")
            elif node.type == "link" and not _is_local(node.attrs["href"]):
                href = escape(node.attrs["href"])
                html.append(f'<a href="{href}">{self.inline(node.children, where)}</a>')
            elif node.type in ("softbreak", "hardbreak"):
                html.append(" " if node.type == "softbreak" else "<br/>")
            elif node.type in ("link", "image"):
                what = "a link to a file" if node.type == "link" else "an image"
                raise self.error(f"{what} must stand alone on its own line", where)
            else:
                raise self.error(f"unsupported Markdown: {node.type}", where)
        return "".join(html)


def _plain(nodes, newline=" "):
    """The text of inline Markdown without its formatting (headings, titles, quotes)."""
    parts = []
    for node in nodes:
        if node.type in ("text", "code_inline"):
            parts.append(node.content)
        elif node.type in ("softbreak", "hardbreak"):
            parts.append(newline)
        else:
            parts.append(_plain(node.children, newline))
    return "".join(parts)


def _is_local(href):
    """Whether a link points at a file beside the Markdown (no scheme, host or leading /)."""
    parts = urlsplit(href)
    return not (parts.scheme or parts.netloc or href.startswith(("/", "#")))


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
