"""The search page's query string <-> the API's ``CommitmentFilter``, and the facet links that narrow it.

Keys (each may repeat; values of one key are alternatives, different keys must all hold):
``q`` words, ``member`` slug, ``region`` id, ``area`` policy-area id, ``year`` action-plan year,
``outcome`` end-of-term completion slug, ``opened=1`` (did it open government: major or outstanding),
``sort`` (``relevance``, ``newest``, ``outcome``), ``after`` + ``page`` (paging).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from explorer.site import BadInput

FILTER_KEYS = ("member", "region", "area", "year", "outcome", "opened")
OPENED = ("major", "outstanding")  # "did it open government" values that count as opening government
SORTS = {
    "newest": {"field": "YEAR", "direction": "DESC"},
    "outcome": {"field": "OUTCOME_SCORE", "direction": "DESC"},
    "id": {"field": "ID", "direction": "ASC"},
}
PAGE_SIZE = 20


@dataclass(frozen=True)
class SearchRequest:
    """What the reader asked: words, filters, order and page."""

    words: str
    chosen: dict[str, list[str]]
    sort: str
    after: str
    page: int

    def variables(self) -> dict[str, Any]:
        """The variables of ``documents/search.graphql``."""
        condition: dict[str, Any] = {}
        chosen = self.chosen
        if chosen.get("member"):
            condition["member"] = {"in": chosen["member"]}
        if chosen.get("region"):
            condition["region"] = {"some": chosen["region"]}
        if chosen.get("area"):
            condition["policyAreas"] = {"some": chosen["area"]}
        if chosen.get("year"):
            condition["year"] = {"in": [int(y) for y in chosen["year"]]}
        if chosen.get("outcome"):
            condition["completion"] = {"in": chosen["outcome"]}
        if chosen.get("opened"):
            condition["didItOpenGovernment"] = {"in": list(OPENED)}
        return {
            "search": self.words or None,
            "filter": condition or None,
            "orderBy": SORTS.get(self.sort),
            "first": PAGE_SIZE,
            "after": self.after or None,
        }

    def params(self, **changes: list[str] | str | None) -> dict[str, Any]:
        """The query string of this search with some keys changed (paging reset unless given)."""
        base: dict[str, Any] = {"q": self.words, **self.chosen}
        if self.sort != self.default_sort:
            base["sort"] = self.sort
        base.update(changes)
        return base

    def toggled(self, key: str, value: str) -> dict[str, Any]:
        """The query string with ``value`` of ``key`` switched on or off (back to the first page)."""
        values = list(self.chosen.get(key, []))
        values = [v for v in values if v != value] if value in values else [*values, value]
        return self.params(**{key: values})

    @property
    def default_sort(self) -> str:
        """Relevance for words, else the newest first."""
        return "relevance" if self.words else "newest"

    @property
    def start(self) -> int:
        """Position of the page's first result (1-based)."""
        return (self.page - 1) * PAGE_SIZE + 1


def parse_search(values: Mapping[str, list[str]], words: str) -> SearchRequest:
    """Read the query string; a year that is not a number is the reader's mistake (400)."""
    chosen: dict[str, list[str]] = {}
    for key in FILTER_KEYS:
        found = [v.strip() for v in values.get(key, []) if v.strip()]
        if found:
            chosen[key] = list(dict.fromkeys(found))
    for year in chosen.get("year", []):
        if not year.isdigit() or len(year) != 4:
            raise BadInput("not_a_year", value=year)
    if chosen.get("opened"):
        chosen["opened"] = ["1"]
    sort = (values.get("sort") or [""])[0]
    page = (values.get("page") or ["1"])[0]
    after = (values.get("after") or [""])[0]
    request = SearchRequest(words, chosen, "", after, int(page) if page.isdigit() and int(page) > 0 else 1)
    valid = sort if sort in SORTS or (sort == "relevance" and words) else request.default_sort
    return SearchRequest(words, chosen, valid, after if request.page > 1 else "", request.page if after else 1)


def opened_count(facet: list[Mapping[str, Any]]) -> int:
    """How many commitments of the list opened government (the 'did it open government' facet, summed)."""
    return sum(int(row["count"]) for row in facet if row["value"] in OPENED)
