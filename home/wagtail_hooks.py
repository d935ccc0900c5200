from wagtail import hooks

from nbnet import page_cache


@hooks.register("before_serve_page")
def declare_what_the_page_shows(page, request, serve_args, serve_kwargs):
    """A stored copy of the page depends on what it declares (``nbnet.page_cache.serving``)."""
    page_cache.serving(request, page)
