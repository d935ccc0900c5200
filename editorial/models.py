from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _


class CountryTeam(models.Model):
    """A group of country editors and the countries whose content they look after.

    Wagtail's page permissions follow the page tree, and our tree is by section, not by
    country (a Latvian and a Lithuanian practice are siblings), so the country part of a
    country editor's permission is kept here and applied by ``editorial.permissions``.
    """

    group = models.OneToOneField(Group, on_delete=models.CASCADE, related_name="country_team")
    country_codes = models.CharField(
        _("countries"),
        max_length=100,
        help_text=_("ISO codes separated by commas, e.g. LV or DK,FI,IS,NO,SE."),
    )

    class Meta:
        verbose_name = _("country team")
        verbose_name_plural = _("country teams")

    def __str__(self) -> str:
        return f"{self.group.name} ({self.country_codes})"

    @property
    def codes(self) -> set[str]:
        return {code.strip().upper() for code in self.country_codes.split(",") if code.strip()}
