import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nbnet.settings.production")

from nbnet.page_cache import StoredPagesFront

# Stored pages are answered before Django's handler (see StoredPagesFront).
application = StoredPagesFront(get_wsgi_application())
