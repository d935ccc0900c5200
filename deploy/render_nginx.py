"""Render deploy/nginx.conf: fill its {{NAME}} placeholders and print the configuration.

    python deploy/render_nginx.py --server-name network.example.org \\
        --upstream unix:/run/nbnet/gunicorn.sock --media-root /srv/nbnet/media \\
        --tls /etc/ssl/network.pem /etc/ssl/private/network.key > /etc/nginx/nginx.conf
    nginx -t

Without --tls it listens on plain HTTP (--listen, default 80): for a TLS terminator in front
of it, or a local test. {{NAME}} rather than $NAME or ${NAME} (envsubst, string.Template)
because nginx's own variables are written $name; an unfilled placeholder is an error.
"""

from __future__ import annotations

import argparse
import getpass
import re
import sys
from pathlib import Path

TEMPLATE = Path(__file__).with_name("nginx.conf")
PLACEHOLDER = re.compile(r"\{\{([A-Z_]+)\}\}")


def render(values: dict[str, str], template: str | None = None) -> str:
    text = TEMPLATE.read_text() if template is None else template
    missing = sorted({name for name in PLACEHOLDER.findall(text) if name not in values})
    if missing:
        raise KeyError(f"no value for {', '.join(missing)}")
    return PLACEHOLDER.sub(lambda match: values[match.group(1)], text)


def values_for(
    *,
    server_name: str,
    upstream: str,
    media_root: str,
    run_dir: str = "/run/nbnet-nginx",
    log_dir: str = "/var/log/nginx",
    user: str = "www-data",
    listen: str | None = None,
    tls: tuple[str, str] | None = None,
) -> dict[str, str]:
    values = {
        "SERVER_NAME": server_name,
        "UPSTREAM": upstream,
        "MEDIA_ROOT": str(media_root).rstrip("/"),
        "RUN_DIR": run_dir,
        "LOG_DIR": log_dir,
        "USER": user,
        "TLS": "",
        "REDIRECT_SERVER": "",
    }
    if tls:
        certificate, key = tls
        values["LISTEN"] = listen or "443 ssl"
        values["TLS"] = (
            f"ssl_certificate {certificate};\n"
            f"        ssl_certificate_key {key};\n"
            "        ssl_protocols TLSv1.2 TLSv1.3;\n"
            "        ssl_session_cache shared:tls:10m;"
        )
        # Plain HTTP only redirects (Django's HSTS keeps browsers on HTTPS after that).
        values["REDIRECT_SERVER"] = (
            "server {\n"
            "        listen 80;\n"
            f"        server_name {server_name};\n"
            "        return 301 https://$host$request_uri;\n"
            "    }"
        )
    else:
        values["LISTEN"] = listen or "80"
    return values


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--server-name", required=True, help="the site's host name(s)")
    parser.add_argument("--upstream", default="127.0.0.1:8000", help="gunicorn: host:port or unix:/path")
    parser.add_argument("--media-root", required=True, help="MEDIA_ROOT of the site")
    parser.add_argument("--run-dir", default="/run/nbnet-nginx", help="pid file and buffering temp files")
    parser.add_argument("--log-dir", default="/var/log/nginx")
    parser.add_argument("--user", default="www-data", help="user of nginx's worker processes")
    parser.add_argument("--listen", help='"listen" value (default "443 ssl" with --tls, else 80)')
    parser.add_argument("--tls", nargs=2, metavar=("CERTIFICATE", "KEY"), help="serve HTTPS with these files")
    args = parser.parse_args(argv)
    values = values_for(
        server_name=args.server_name,
        upstream=args.upstream,
        media_root=args.media_root,
        run_dir=args.run_dir,
        log_dir=args.log_dir,
        user=args.user or getpass.getuser(),
        listen=args.listen,
        tls=tuple(args.tls) if args.tls else None,
    )
    sys.stdout.write(render(values))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
