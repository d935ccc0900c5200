from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.http import HttpRequest, HttpResponseRedirect
from django.templatetags.static import static
from django.urls import include, path, re_path
from django.views.decorators.http import require_safe
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from exchange.api import api_router
from home import routing
from search import views as search_views

from . import offline, views

handler404 = "nbnet.views.page_not_found"
handler500 = "nbnet.views.server_error"


@require_safe
def favicon(request: HttpRequest) -> HttpResponseRedirect:
    """Browsers and feed readers ask for /favicon.ico whatever the page links (base.html links
    the SVG): a temporary redirect to the static icon, whose name changes with its content."""
    response = HttpResponseRedirect(static("favicon.ico"))
    response["Cache-Control"] = "public, max-age=86400"
    return response


urlpatterns = [
    path(f"{settings.ADMIN_PATH}/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("favicon.ico", favicon, name="favicon"),
    path("sw.js", offline.service_worker, name="service_worker"),  # scope: the whole site
    path("health/", views.health, name="health"),
    path("api/search/", search_views.api_search, name="api_search"),
    path("api/search/suggest/", search_views.api_suggest, name="api_search_suggest"),
    path("api/v2/", api_router.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    from .middleware import serve_media

    urlpatterns += staticfiles_urlpatterns()
    # Uploads with the headers that keep them from running as pages (as deploy/nginx.conf).
    urlpatterns += static(settings.MEDIA_URL, view=serve_media, document_root=settings.MEDIA_ROOT)

# Public pages carry their language in the path: /en/, /lv/, /lt/, /et/, /ru/.
# An unprefixed URL (such as "/") is redirected by LocaleMiddleware to the
# visitor's language from Accept-Language, English when none matches.
urlpatterns += i18n_patterns(
    path("search/", search_views.search, name="search"),
    path("manifest.webmanifest", offline.web_manifest, name="web_manifest"),
    path("offline/", offline.offline_page, name="offline"),
    path("account/", include("network.urls")),
    path("account/follows/", include("follows.urls")),
    # Wagtail's front-end URLs, with its page view wrapped by the route cache (home/routing.py).
    *wagtail_urls.urlpatterns[:-1],
    re_path(wagtail_urls.serve_pattern, routing.serve, name="wagtail_serve"),
    prefix_default_language=True,
)
