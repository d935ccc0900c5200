"""The API's URLs alone, without language prefixes: see ``exchange.api.JSONNotFoundMixin``."""

from django.urls import path

from .api import api_router

urlpatterns = [path("api/v2/", api_router.urls)]
