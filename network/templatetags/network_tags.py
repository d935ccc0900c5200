from django import template

from network.localize import term_label as _term_label

register = template.Library()


@register.simple_tag(takes_context=True)
def term_label(context: template.Context, term) -> str:
    """A taxonomy term's name in the reader's language."""
    return _term_label(term, context.get("request"))
