"""How the records appear in the open API (Wagtail API v2): small read-only serializers for
the relations, so a page shows a country by its ISO code, themes by their slugs and an
organisation by name and slug. Only public fields are named here; private contact
details live in ``network.PractitionerContact`` and have no field in any page's API."""

from rest_framework import serializers


def slugs(**kwargs) -> serializers.SlugRelatedField:
    return serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True, **kwargs)


def codes(**kwargs) -> serializers.SlugRelatedField:
    return serializers.SlugRelatedField(slug_field="code", many=True, read_only=True, **kwargs)


class CountrySerializer(serializers.Serializer):
    code = serializers.CharField(read_only=True)
    name = serializers.CharField(read_only=True)


class CitySerializer(serializers.Serializer):
    slug = serializers.CharField(read_only=True)
    name = serializers.CharField(read_only=True)
    country = serializers.CharField(source="country.code", read_only=True)


class OrganisationSerializer(serializers.Serializer):
    slug = serializers.CharField(read_only=True)
    name = serializers.CharField(read_only=True)
    type = serializers.CharField(source="org_type", read_only=True)
    country = serializers.CharField(source="country.code", read_only=True)
    website = serializers.URLField(read_only=True)


class PageRefSerializer(serializers.Serializer):
    """A linked page (a contact person, a project): its id and title, never its contact details."""

    id = serializers.IntegerField(read_only=True)
    title = serializers.CharField(read_only=True)
    slug = serializers.CharField(read_only=True)


class HelpPointSerializer(serializers.Serializer):
    name = serializers.CharField(source="display_name", read_only=True)
    organisation = serializers.CharField(source="organisation.slug", read_only=True)
    city = serializers.CharField(source="city.slug", read_only=True)
    address = serializers.CharField(read_only=True)
    opening_hours = serializers.CharField(read_only=True)
    phone = serializers.CharField(read_only=True)  # an office's public number
    website = serializers.CharField(source="link", read_only=True)
    helps_with = serializers.CharField(read_only=True)


class GuideStepSerializer(serializers.Serializer):
    topic = serializers.CharField(read_only=True)
    title = serializers.CharField(read_only=True)
    what = serializers.CharField(read_only=True)
    where = serializers.CharField(read_only=True)
    documents = serializers.ListField(source="document_list", read_only=True)
    duration = serializers.CharField(read_only=True)
    cost = serializers.CharField(read_only=True)
    rights = serializers.CharField(read_only=True)
    statuses = slugs()
    help_points = HelpPointSerializer(many=True, read_only=True)


class HotlineSerializer(serializers.Serializer):
    label = serializers.CharField(read_only=True)
    number = serializers.CharField(read_only=True)
    note = serializers.CharField(read_only=True)
