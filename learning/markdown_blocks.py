"""Markdown to StreamField blocks: how the demo lessons' text becomes ``ContentBlock`` data.

A block is a ``(block_type, value)`` pair for ``learning.blocks.ContentBlock``:

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

Plain functions, no Django. Any problem raises ``DemoContentError``, naming file and line.
"""

import re
from html import escape
from pathlib import Path
from urllib.parse import unquote, urlsplit

from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode

# Mirrors of learning.blocks.CodeBlock's languages; a test keeps them in step.
CODE_LANGUAGES = ("python", "javascript", "html", "css", "sql", "bash", "text")
CALLOUT_KINDS = {"TIP": "tip", "NOTE": "note", "WARNING": "warning"}
IMAGE_SOURCE = "generated"
ALERT = re.compile(r"\[!(\w+)\]\s*(.*)")
ATTRIBUTION = re.compile(r"—\s*(.+)")

# CommonMark with raw HTML switched off: rich text only ever holds the tags written here.
_markdown = MarkdownIt("commonmark", {"html": False})


class DemoContentError(ValueError):
    """A demo content file that cannot be loaded; the message names the file and the problem."""

    def __init__(self, path, problem, line=None):
        super().__init__(f"{path}{f', line {line}' if line else ''}: {problem}")


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
