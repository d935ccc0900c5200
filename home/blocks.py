"""The few StreamField blocks general pages need; each explains itself to editors."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class KeyFigureBlock(blocks.StructBlock):
    figure = blocks.CharBlock(max_length=20, label=_("Figure"))
    label = blocks.CharBlock(max_length=120, label=_("What it counts"))

    class Meta:
        icon = "order"
        label = _("Key figure")


class KeyFiguresBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120, required=False, label=_("Heading"))
    figures = blocks.ListBlock(KeyFigureBlock(), min_num=1, max_num=6, label=_("Figures"))

    class Meta:
        icon = "table"
        label = _("Key figures")
        template = "home/blocks/key_figures.html"
        description = _("Up to six figures with what they count, e.g. “149 Roma families supported”.")
        preview_value = {
            "heading": "The network in figures",
            "figures": [
                {"figure": "8", "label": "countries"},
                {"figure": "149", "label": "Roma families supported by mediators"},
            ],
        }


class BodyBlock(blocks.StreamBlock):
    text = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES,
        label=_("Text"),
        description=_("Paragraphs, sub-headings, lists and links."),
        preview_value="<p>The network connects people who help newcomers settle in.</p>",
    )
    key_figures = KeyFiguresBlock()
