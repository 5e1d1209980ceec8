"""
Pages of a long list without counting it: fetch one item more than a page holds.

Django's ``Paginator`` runs ``COUNT(*)`` over the whole list on every page
view, so the page of the most-mentioned organisation counted its 10,000
stories each time only to print "page 1 of 500". A reader needs "older
stories" and "newer stories" links, not the total: ``page_of()`` reads
``page size + 1`` rows from the list's index order (the extra row only says
there is a next page), so a page costs one query whatever the archive's size.
Addresses stay ``?page=N``.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.conf import settings
from django.db.models import QuerySet
from django.http import Http404, HttpRequest

# Far beyond any archive's last page; a larger number is a 404, not an OFFSET the database cannot hold.
MAX_PAGE = 100_000


class LeanPage(Sequence):
    """One page of a list, knowing whether there is another after it (not how many).

    Answers what templates ask of a Django ``Page`` (``has_next``,
    ``next_page_number``...), except the total count.
    """

    def __init__(self, rows: list, number: int, per_page: int):
        self.number = number
        self.object_list = rows[:per_page]
        self._has_next = len(rows) > per_page

    def __getitem__(self, index):
        return self.object_list[index]

    def __len__(self) -> int:
        return len(self.object_list)

    def has_next(self) -> bool:
        return self._has_next

    def has_previous(self) -> bool:
        return self.number > 1

    def has_other_pages(self) -> bool:
        return self.has_next() or self.has_previous()

    def next_page_number(self) -> int:
        return self.number + 1

    def previous_page_number(self) -> int:
        return self.number - 1


def page_number(request: HttpRequest) -> int:
    """The ``page`` asked for (1 when absent); anything but a page number is a 404."""
    raw = request.GET.get("page") or "1"
    # Length first: Python refuses to read an integer of thousands of digits.
    if len(raw) > len(str(MAX_PAGE)) or not raw.isascii() or not raw.isdigit() or not 1 <= int(raw) <= MAX_PAGE:
        raise Http404("No such page.")
    return int(raw)


def page_of(request: HttpRequest, items: QuerySet, per_page: int | None = None) -> LeanPage:
    """The requested page of ``items`` (ordered) in one query; a page past the end is a 404.

    Page 1 of an empty list is an empty page: the view decides what an empty list means.
    """
    per_page = per_page or settings.NEWSROOM_PAGE_SIZE
    number = page_number(request)
    start = (number - 1) * per_page
    page = LeanPage(list(items[start : start + per_page + 1]), number, per_page)
    if number > 1 and not page.object_list:
        raise Http404("No such page.")
    return page
