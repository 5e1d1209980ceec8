"""The story filters shared by the search page and the API (django-filter).

Whatever a request sends, a filter either answers or refuses with a message:
dates outside what the database can hold, searches past the caps and
entities readers cannot see are refused like any unknown value.
"""

import datetime

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django_filters.fields import IsoDateTimeField
from taggit.models import Tag

from entities.models import Organization, Person, Place, Source

from .models import Article, Section, public_entities
from .search import MAX_QUERY_LENGTH, validate_search_query


def _unknown(what: str) -> dict:
    # Django passes the rejected value as %(value)s: say which slug was not found.
    return {"invalid_choice": f"No {what} with the slug “%(value)s”."}


def _public(model):
    """Only entities readers may see: one that only unpublished stories link is answered as unknown, not "0 stories"."""
    return lambda request: public_entities(model)


# Date-only values mean midnight at the start of that day, in the newsroom's time zone.
_DATE_OR_DATETIME = {
    "invalid": "Enter a date (2025-03-01) or an ISO 8601 date and time (2025-03-01T09:30:00+02:00)."
}


class StorableDateTimeField(IsoDateTimeField):
    """An ISO 8601 moment that exists in UTC: "0001-01-01T00:00+14:00" would be year 0 there.

    The database stores UTC, and converting such a moment overflowed into a 500.
    """

    def to_python(self, value):
        moment = super().to_python(value)
        if moment is None:
            return None
        try:
            moment.astimezone(datetime.UTC)
        except OverflowError:
            raise ValidationError(
                "Enter a moment between the years 1 and 9999 (in UTC).", code="out_of_range"
            ) from None
        return moment


class StorableDateTimeFilter(django_filters.IsoDateTimeFilter):
    field_class = StorableDateTimeField


class ArticleFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="filter_q", label="Search", validators=[validate_search_query],
        widget=forms.TextInput(attrs={"type": "search", "maxlength": MAX_QUERY_LENGTH}),
    )
    section = django_filters.ModelChoiceFilter(
        queryset=Section.objects.all(), to_field_name="slug", empty_label="All sections",
        error_messages=_unknown("section"),
    )
    tag = django_filters.CharFilter(method="filter_tag", label="Tag")
    person = django_filters.ModelChoiceFilter(
        queryset=_public(Person), to_field_name="slug", method="filter_person", label="Person",
        error_messages=_unknown("person"),
    )
    organization = django_filters.ModelChoiceFilter(
        queryset=_public(Organization), to_field_name="slug", method="filter_organization", label="Organisation",
        error_messages=_unknown("organisation"),
    )
    place = django_filters.ModelChoiceFilter(
        queryset=_public(Place), to_field_name="slug", method="filter_place", label="Place",
        error_messages=_unknown("place"),
    )
    source = django_filters.ModelChoiceFilter(
        queryset=_public(Source), to_field_name="slug", method="filter_source", label="Source",
        error_messages=_unknown("source"),
    )
    published_after = StorableDateTimeFilter(
        field_name="published_at", lookup_expr="gte", label="Published after",
        error_messages=_DATE_OR_DATETIME,
        widget=forms.DateTimeInput(attrs={"type": "date"}),
    )
    published_before = StorableDateTimeFilter(
        field_name="published_at", lookup_expr="lt", label="Published before",
        error_messages=_DATE_OR_DATETIME,
        widget=forms.DateTimeInput(attrs={"type": "date"}),
    )

    class Meta:
        model = Article
        fields = ["q", "section", "tag", "person", "organization", "place", "source"]

    def filter_queryset(self, queryset):
        # The search last: it takes the newest matches of what the other filters leave
        # (``search_articles``), so a section's or a month's matches are all found.
        search_last = sorted(self.form.cleaned_data.items(), key=lambda item: item[0] == "q")
        for name, value in search_last:
            queryset = self.filters[name].filter(queryset, value)
        return queryset

    def filter_q(self, queryset, name, value):
        return queryset.search(value)

    def filter_tag(self, queryset, name, value):
        # The tag's id first, then its stories (``tagged`` reads a common tag's newest first):
        # a join on the slug read all of a common tag's stories (300 ms at 100,000).
        tag_id = Tag.objects.filter(slug=value).values_list("pk", flat=True).first()
        return queryset.tagged(tag_id) if tag_id is not None else queryset.none()

    # Only confirmed links count: a suggestion is not yet the newsroom's word.
    def filter_person(self, queryset, name, value):
        return queryset.linked_to(value)

    filter_organization = filter_place = filter_source = filter_person
