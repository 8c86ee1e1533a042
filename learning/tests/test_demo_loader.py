"""The demo content loader: Markdown files with front matter become the courses, lessons and
blocks that ``seed_demo`` loads (learning.demo_loader, learning.markdown_blocks). Each test
writes small Markdown files in a temporary folder, except the one reading demo/courses/.
"""

from textwrap import dedent

import pytest

from learning import demo_loader, markdown_blocks
from learning.blocks import CodeBlock
from learning.demo_loader import load_courses, load_lesson
from learning.markdown_blocks import DemoContentError, markdown_to_blocks
from learning.models.pages import Level

LESSON_FRONT_MATTER = "---\ntitle: A lesson\nslug: a-lesson\nminutes: 10\n---\n"  # 5 lines

# Markdown -> the blocks it becomes.
CONSTRUCTS = {
    "text, lists and rules make one rich-text block, with Wagtail's tags": (
        """
        Some **bold**, *italic*, `x < y` and a [link](https://example.com/a).
        Still the same paragraph.

        - one
        - two

        1. first
        2. second

        ---
        """,
        [
            (
                "paragraph",
                "<p>Some <b>bold</b>, <i>italic</i>, <code>x &lt; y</code> and a "
                '<a href="https://example.com/a">link</a>. Still the same paragraph.</p>'
                "<ul><li>one</li><li>two</li></ul><ol><li>first</li><li>second</li></ol><hr/>",
            )
        ],
    ),
    "headings split the text into blocks": (
        """
        ## Section

        Text.

        ### Subsection

        More text.
        """,
        [
            ("heading", {"text": "Section", "level": "h2"}),
            ("paragraph", "<p>Text.</p>"),
            ("heading", {"text": "Subsection", "level": "h3"}),
            ("paragraph", "<p>More text.</p>"),
        ],
    ),
    "a fenced code block keeps its language and layout": (
        """
        ```sql
        SELECT name
        FROM customers;   -- all of them
        ```
        """,
        [("code", {"language": "sql", "code": "SELECT name\nFROM customers;   -- all of them"})],
    ),
    "an alert with a title is a callout": (
        """
        > [!WARNING] Mind the gap
        > Stand **behind** the
        > yellow line.
        """,
        [
            (
                "callout",
                {
                    "kind": "warning",
                    "title": "Mind the gap",
                    "text": "<p>Stand <b>behind</b> the yellow line.</p>",
                },
            )
        ],
    ),
    "an alert without a title is a callout too": (
        """
        > [!NOTE]
        > Just a note.
        >
        > And a second paragraph.
        """,
        [
            (
                "callout",
                {
                    "kind": "note",
                    "title": "",
                    "text": "<p>Just a note.</p><p>And a second paragraph.</p>",
                },
            )
        ],
    ),
    "a block quote ending with an attribution is a quote, line breaks kept": (
        """
        > Simple is better than complex.
        > Readability counts.
        >
        > — Tim Peters
        """,
        [
            (
                "quote",
                {
                    "quote": "Simple is better than complex.\nReadability counts.",
                    "attribution": "Tim Peters",
                },
            )
        ],
    ),
    "a generated picture is an image with its label and caption": (
        '![Two boxes](generated "What the boxes mean.")',
        [("image", {"label": "Two boxes", "caption": "What the boxes mean."})],
    ),
    "a link to a file on its own line is a download": (
        "[The handout](handout.txt)",
        [
            (
                "document",
                {"title": "The handout", "filename": "handout.txt", "content": "Hello,\nreader\n"},
            )
        ],
    ),
    "a link to a web page on its own line stays text": (
        "[The docs](https://example.com/docs)",
        [("paragraph", '<p><a href="https://example.com/docs">The docs</a></p>')],
    ),
}


@pytest.mark.parametrize(("markdown", "blocks"), CONSTRUCTS.values(), ids=CONSTRUCTS.keys())
def test_each_markdown_construct_becomes_its_block(tmp_path, markdown, blocks):
    (tmp_path / "handout.txt").write_text("Hello,\nreader\n", encoding="utf-8")
    assert markdown_to_blocks(dedent(markdown), tmp_path / "lesson.md") == blocks


# A lesson body (after 5 lines of front matter) -> what the error says, at which line.
BAD_BODIES = {
    "unknown alert kind": ("Intro.\n\n> [!DANGER] Hot\n> Text.\n", "line 8: unknown alert kind"),
    "missing document": ("[Sheet](sheet.txt)\n", "line 6: document file 'sheet.txt' not found"),
    "code without a language": ("```\nprint(1)\n```\n", "line 6: a code block needs a language"),
    "a page title in the body": ("# Title\n", "line 6: use ## or ###"),
    "an image file": ("![A cat](cat.png)\n", "line 6: pictures are drawn"),
    "a file link inside a sentence": ("See [it](a.txt) here.\n", "line 6: a link to a file"),
    "a list item with two paragraphs": ("- one\n\n  two\n", "line 6: a list item can hold only"),
}


@pytest.mark.parametrize(("body", "message"), BAD_BODIES.values(), ids=BAD_BODIES.keys())
def test_a_mistake_in_the_body_names_the_file_and_line(tmp_path, body, message):
    path = tmp_path / "01-a-lesson.md"
    path.write_text(LESSON_FRONT_MATTER + body, encoding="utf-8")
    with pytest.raises(DemoContentError) as error:
        load_lesson(path)
    assert str(error.value).startswith(f"{path}, ")
    assert message in str(error.value)


BAD_FRONT_MATTER = {
    "missing field": ("title: A lesson\nslug: a-lesson\n", "front matter is missing minutes"),
    "unknown field": (
        "title: A lesson\nslug: a-lesson\nminutes: 5\nauthor: me\n",
        "unknown front matter field(s): author",
    ),
    "wrong type": ("title: A lesson\nslug: a-lesson\nminutes: ten\n", "minutes should be a whole"),
    "bad YAML": ("title: [A lesson\nslug: a-lesson\n", "front matter is not valid YAML"),
    "slug differs from file name": (
        "title: A lesson\nslug: another\nminutes: 5\n",
        "the file name should be 01-another.md",
    ),
}


@pytest.mark.parametrize(("front", "message"), BAD_FRONT_MATTER.values(), ids=BAD_FRONT_MATTER)
def test_a_mistake_in_the_front_matter_names_the_file(tmp_path, front, message):
    path = tmp_path / "01-a-lesson.md"
    path.write_text(f"---\n{front}---\nText.\n", encoding="utf-8")
    with pytest.raises(DemoContentError) as error:
        load_lesson(path)
    assert str(error.value).startswith(str(path))
    assert message in str(error.value)


def test_a_course_folder_missing_from_the_catalogue_is_reported(tmp_path):
    (tmp_path / "catalogue.yml").write_text("courses:\n  - first\n", encoding="utf-8")
    (tmp_path / "first").mkdir()
    (tmp_path / "second").mkdir()
    with pytest.raises(DemoContentError, match="course folders not listed: second") as error:
        load_courses(tmp_path)
    assert str(error.value).startswith(str(tmp_path / "catalogue.yml"))


def test_the_demo_folder_holds_four_courses_and_every_kind_of_block():
    courses = load_courses()
    assert [course["slug"] for course in courses] == [
        "python-foundations",
        "sql-for-data-analysis",
        "web-accessibility-essentials",
        "git-in-practice",
    ]
    lessons = [lesson for course in courses for lesson in course["lessons"]]
    assert len(lessons) == 20
    blocks = [block for course in courses for block in course["intro"]]
    blocks += [block for lesson in lessons for block in lesson["body"]]
    kinds = {block_type for block_type, _ in blocks}
    assert kinds == {"paragraph", "heading", "code", "callout", "quote", "image", "document"}
    assert all(lesson["body"] and lesson["minutes"] > 0 for lesson in lessons)


def test_the_loader_accepts_what_the_site_offers():
    language = CodeBlock().child_blocks["language"]
    assert set(markdown_blocks.CODE_LANGUAGES) == {value for value, _ in language.field.choices}
    assert set(demo_loader.LEVELS) == set(Level.values)
