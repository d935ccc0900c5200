import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nbnet.settings.production")

from nbnet.page_cache import StoredPagesFront
from nbnet.request_guards import CharsetFront

# Stored pages are answered before Django's handler (see StoredPagesFront); a request whose
# charset no codec can read is marked for a 400 before Django builds it (see CharsetFront).
application = StoredPagesFront(CharsetFront(get_wsgi_application()))
