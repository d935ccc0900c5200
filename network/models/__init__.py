"""The practitioners' directory. Explicit re-exports: import models from ``network.models``."""

from .organisations import Organisation, OrganisationType
from .pages import NetworkIndexPage, TwinningPage
from .people import ContactMessage, PractitionerContact, PractitionerPage, Visibility
from .taxonomy import City, Country, SpokenLanguage, TargetGroup, Theme

__all__ = [
    "City",
    "ContactMessage",
    "Country",
    "NetworkIndexPage",
    "Organisation",
    "OrganisationType",
    "PractitionerContact",
    "PractitionerPage",
    "SpokenLanguage",
    "TargetGroup",
    "Theme",
    "TwinningPage",
    "Visibility",
]
