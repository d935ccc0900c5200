"""The few StreamField blocks general pages need; each explains itself to editors."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class KeyFigureBlock(blocks.StructBlock):
    figure = blocks.CharBlock(max_length=20, label=pgettext_lazy("a number, in a key figure", "Figure"))
    label = blocks.CharBlock(max_length=120, label=_("What it counts"))

    class Meta:
        icon = "order"
        label = _("Key figure")
        description = _("A figure and what it counts.")
        preview_value = {"figure": "149", "label": "Roma families supported by mediators"}


class KeyFiguresValue(blocks.StructValue):
    def shown_figures(self) -> list:
        """The figures that have both a figure and what it counts: an item left half-filled
        (or stored in a shape Wagtail reads as empty) is left out, never shown as "None"."""
        return [
            item
            for item in self.get("figures") or []
            if item and str(item.get("figure") or "").strip() and str(item.get("label") or "").strip()
        ]


class KeyFiguresBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120, required=False, label=_("Heading"))
    figures = blocks.ListBlock(KeyFigureBlock(), min_num=1, max_num=6, label=_("Figures"))

    class Meta:
        icon = "table"
        label = _("Key figures")
        template = "home/blocks/key_figures.html"
        value_class = KeyFiguresValue
        description = _("Up to six figures with what they count, e.g. “149 Roma families supported”.")
        preview_value = {
            "heading": "The network in figures",
            "figures": [
                {"figure": "8", "label": "countries"},
                {"figure": "149", "label": "Roma families supported by mediators"},
            ],
        }


class FigureBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        max_length=250, required=False, label=_("Text alternative"), help_text=_("What the image shows.")
    )
    caption = blocks.CharBlock(max_length=250, required=False, label=_("Caption"))
    credit = blocks.CharBlock(max_length=120, required=False, label=_("Credit"))

    class Meta:
        icon = "image"
        label = pgettext_lazy("an image block", "Figure")
        template = "home/blocks/figure.html"
        description = _("An image with its caption and credit.")

    # The picker's preview: the library's first image, or a drawn placeholder when it has none.
    def get_preview_value(self):
        from wagtail.images import get_image_model

        image = get_image_model().objects.order_by("pk").first()
        return self.to_python(
            {
                "image": image.pk if image else None,
                "alt_text": "",
                "caption": "Volunteers and newcomers at the language café in Valga",
                "credit": "Valga municipality",
            }
        )

    def get_preview_template(self, value, context=None):
        if value.get("image") is None:
            return "home/previews/figure_sample.html"
        return super().get_preview_template(value, context=context)


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(max_length=150, required=False, label=_("Who said it"))

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "home/blocks/quote.html"
        description = _("A few words from someone involved, with their name and role.")
        preview_value = {
            "quote": "The mediator helped us understand what the families needed first.",
            "attribution": "Social worker, Jelgava",
        }


class DocumentListBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120, required=False, label=_("Heading"))
    documents = blocks.ListBlock(DocumentChooserBlock(), label=_("Documents"))

    class Meta:
        icon = "doc-full"
        label = _("Document list")
        template = "home/blocks/document_list.html"
        description = _("Reports, minutes or presentations to download, with their size and format.")

    # The picker's preview: the library's last three documents, or made-up ones when it has none
    # (what the template reads of a document: its address, title, format and size).
    def get_preview_value(self):
        from types import SimpleNamespace

        from wagtail.documents import get_document_model

        documents = list(get_document_model().objects.order_by("-pk")[:3])
        if not documents:
            documents = [
                SimpleNamespace(url="#", title=title, file_extension=kind, file_size=size)
                for title, kind, size in (
                    ("Annual report 2024", "pdf", 1_240_000),
                    ("Minutes of the coalition meeting", "docx", 86_000),
                )
            ]
        return blocks.StructValue(self, [("heading", "Publications"), ("documents", documents)])


class CallToActionValue(blocks.StructValue):
    def url(self) -> str:
        page = self.get("page")
        return page.localized.url if page else self.get("external_url") or ""


class CallToActionBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=200, label=_("Text"))
    label = blocks.CharBlock(max_length=60, label=_("Button label"))
    page = blocks.PageChooserBlock(required=False, label=_("Page"))
    external_url = blocks.URLBlock(required=False, label=_("or external address"))

    class Meta:
        icon = "pick"
        label = _("Call to action")
        template = "home/blocks/call_to_action.html"
        value_class = CallToActionValue
        description = _("One sentence and a button that leads somewhere, e.g. to contact the team.")
        preview_value = {
            "text": "Want to try this in your city?",
            "label": "Contact the team",
            "external_url": "https://example.org/contact/",
        }


class BodyBlock(blocks.StreamBlock):
    """The few blocks every page body offers."""

    text = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES,
        label=_("Text"),
        description=_("Paragraphs, sub-headings, lists and links."),
        preview_value="<p>The network connects people who help newcomers settle in.</p>",
    )
    key_figures = KeyFiguresBlock()
    figure = FigureBlock()
    quote = QuoteBlock()
    documents = DocumentListBlock()
    call_to_action = CallToActionBlock()
    table = TableBlock(
        label=_("Table"),
        description=_("A small table of figures, e.g. people served per municipality."),
        table_options={"startRows": 3, "startCols": 3},
        preview_value={
            "data": [["Municipality", "People served"], ["Jelgava", "149"], ["Valga", "62"]],
            "first_row_is_table_header": True,
            "first_col_is_header": False,
        },
    )


class NetworkFiguresBlock(blocks.StructBlock):
    """Counted, not typed: practitioners per country, practices per theme, twin-city pairs and
    this year's events, as bar charts with their numbers (``home.figures``), kept current
    as content changes. The typed "Key figures" block stays for figures the site cannot count.

    The short version (the home page's) shows the totals and the largest groups only, drawn with
    ``<meter>``: the full charts took the home page's first view past its 30 kB budget."""

    heading = blocks.CharBlock(
        max_length=120,
        required=False,
        label=_("Heading"),
        help_text=_("Left empty: “The network in numbers”."),
    )
    short = blocks.BooleanBlock(
        required=False,
        label=_("Short version"),
        help_text=_("The totals and the largest groups only: light enough for the home page."),
    )

    class Meta:
        icon = "table"
        label = _("Network in numbers (counted)")
        template = "home/blocks/network_figures.html"
        description = _(
            "Practitioners per country, practices per theme, twin cities and this year’s events, "
            "counted from the site’s content and kept up to date."
        )
        preview_value = {"heading": "", "short": False}

    def get_template(self, value=None, context=None):
        if value and value.get("short"):
            return "home/blocks/network_figures_short.html"
        return super().get_template(value, context=context)

    def get_preview_context(self, value, parent_context=None):
        # The picker's preview draws made-up figures: it counts nothing, so it costs no query
        # and shows bars on an empty database too.
        context = super().get_preview_context(value, parent_context=parent_context)
        context["network_figures_sample"] = True
        return context

    def get_context(self, value, parent_context=None):
        from .figures import network_figures, sample_figures, shortened

        context = super().get_context(value, parent_context=parent_context)
        parent = parent_context or {}
        figures = (
            sample_figures()
            if parent.get("network_figures_sample")
            else network_figures(parent.get("request"))
        )
        context["figures"] = shortened(figures) if value.get("short") else figures
        return context


class PageBodyBlock(BodyBlock):
    """The body of the home page and general pages: every page's blocks, and the counted
    "network in numbers"."""

    network_figures = NetworkFiguresBlock()
