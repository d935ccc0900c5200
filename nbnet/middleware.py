"""Compression of the site's own text answers; the headers of uploaded files served by Django;
the Content Security Policy, framable by the admin in a preview."""

import os
from dataclasses import replace

from csp.middleware import CSPMiddleware
from django.middleware.gzip import GZipMiddleware

COMPRESSIBLE = (
    "text/",
    "application/json",
    "application/xml",
    "application/rss+xml",
    "application/atom+xml",
    "application/javascript",
    "image/svg+xml",
)


class TextGZipMiddleware(GZipMiddleware):
    """Django's GZipMiddleware (with its BREACH mitigation) for text answers only: pages are
    about four times smaller on a slow network, while images, documents and uploads, which
    are compressed already, are passed on as they are rather than compressed again on every
    download. Static files never get here: WhiteNoise, above, serves its own pre-compressed
    copies."""

    def process_response(self, request, response):
        if not response.get("Content-Type", "").startswith(COMPRESSIBLE):
            return response
        return super().process_response(request, response)


# Uploaded files are never pages of the site. When Django serves MEDIA_URL itself (DEBUG,
# nbnet/urls.py), the same rules as deploy/nginx.conf's /media/: a type from an explicit map
# of extensions (anything else, .html and .svg included, is a download of
# application/octet-stream), nosniff, a policy under which nothing runs, and a download for
# anything that is not an image.
MEDIA_IMAGE_TYPES = {
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".avif": "image/avif",
}
MEDIA_POLICY = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox"


def media_headers(response, path: str):
    """Type and headers of an uploaded file's answer (see above)."""
    if response.status_code == 200:
        image_type = MEDIA_IMAGE_TYPES.get(os.path.splitext(path)[1].lower())
        response["Content-Type"] = image_type or "application/octet-stream"
        if not image_type:  # a download, under its own name when the response gives one
            disposition = response.get("Content-Disposition", "")
            filename = disposition.partition(";")[2] if disposition.startswith("inline;") else ""
            response["Content-Disposition"] = "attachment" + (f";{filename}" if filename else "")
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = MEDIA_POLICY
    return response


def serve_media(request, path, document_root=None, show_indexes=False):
    """django.views.static.serve with media_headers: the view nbnet/urls.py uses for
    MEDIA_URL under DEBUG."""
    from django.views.static import serve

    return media_headers(serve(request, path, document_root=document_root, show_indexes=False), path)


class SiteCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, except that a page rendered for the admin's preview panel may
    be framed by the admin (same origin). Wagtail renders a preview through a request for the
    page's own URL (``make_preview_request``), so the admin's ``EXCLUDE_URL_PREFIXES`` does not
    apply to it and the public ``frame-ancestors 'none'`` made the panel refuse to show it."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if getattr(request, "is_preview", False):
            parts = replace(parts, replace={**(parts.replace or {}), "frame-ancestors": ["'self'"]})
        return parts
