"""StreamField blocks shared by course intros and lesson bodies.

Each block renders through its own template in ``templates/blocks/``; ``ContentBlock`` is the
one stream block that every page with rich content reuses.
"""

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock


class HeadingBlock(blocks.StructBlock):
    """A section heading; lessons use h2 for sections and h3 below them."""

    text = blocks.CharBlock(max_length=200)
    level = blocks.ChoiceBlock(
        choices=[("h2", "Section (h2)"), ("h3", "Subsection (h3)")],
        default="h2",
        search_index=False,  # its label ("Section") is not lesson text: search ignores it
    )

    class Meta:
        icon = "title"
        template = "blocks/heading_block.html"
        description = "A section heading"


class ImageBlock(blocks.StructBlock):
    """An image with a caption; alt text comes from the image's description in the library."""

    image = ImageChooserBlock()
    caption = blocks.CharBlock(required=False, max_length=250)

    class Meta:
        icon = "image"
        template = "blocks/image_block.html"
        description = "An image with a caption"


class VideoBlock(blocks.StructBlock):
    """A video from YouTube, Vimeo or another oEmbed provider."""

    video = EmbedBlock(help_text="The video's address, e.g. https://www.youtube.com/watch?v=…")
    caption = blocks.CharBlock(required=False, max_length=250)

    class Meta:
        icon = "media"
        template = "blocks/video_block.html"
        description = "An embedded video"


class CodeBlock(blocks.StructBlock):
    """Source code shown as written, with its language for readers and highlighters."""

    language = blocks.ChoiceBlock(
        choices=[
            ("python", "Python"),
            ("javascript", "JavaScript"),
            ("html", "HTML"),
            ("css", "CSS"),
            ("sql", "SQL"),
            ("bash", "Shell"),
            ("text", "Plain text"),
        ],
        default="python",
    )
    code = blocks.TextBlock()

    class Meta:
        icon = "code"
        template = "blocks/code_block.html"
        description = "A code sample"


class CalloutBlock(blocks.StructBlock):
    """A highlighted box: a tip, a note or a warning."""

    kind = blocks.ChoiceBlock(
        choices=[("tip", "Tip"), ("note", "Note"), ("warning", "Warning")],
        default="tip",
        search_index=False,
    )
    title = blocks.CharBlock(required=False, max_length=120)
    text = blocks.RichTextBlock(features=["bold", "italic", "link", "code"])

    class Meta:
        icon = "help"
        template = "blocks/callout_block.html"
        description = "A tip, note or warning"


class DocumentBlock(blocks.StructBlock):
    """A file learners can download (worksheet, slides, data set)."""

    document = DocumentChooserBlock()
    title = blocks.CharBlock(required=False, help_text="Defaults to the document's title.")

    class Meta:
        icon = "doc-full"
        template = "blocks/document_block.html"
        description = "A downloadable document"


class QuoteBlock(blocks.StructBlock):
    """A quotation with its source."""

    quote = blocks.TextBlock()
    attribution = blocks.CharBlock(required=False, max_length=200)

    class Meta:
        icon = "openquote"
        template = "blocks/quote_block.html"
        description = "A quotation"


class ContentBlock(blocks.StreamBlock):
    """Rich teaching content, used by course intros and lesson bodies."""

    paragraph = blocks.RichTextBlock(
        features=["h3", "bold", "italic", "link", "ol", "ul", "code", "hr"],
        template="blocks/paragraph_block.html",
    )
    heading = HeadingBlock()
    image = ImageBlock()
    video = VideoBlock()
    code = CodeBlock()
    callout = CalloutBlock()
    document = DocumentBlock()
    quote = QuoteBlock()
