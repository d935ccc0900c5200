import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nbnet.settings.production")

from nbnet.request_guards import CharsetFront

# A request whose charset no codec can read is marked for a 400 before Django builds it.
application = CharsetFront(get_wsgi_application())
