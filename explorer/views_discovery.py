"""Pages for finding commitments: home, search, a commitment with its similar list, and a pasted draft."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from explorer.render import query_params
from explorer.search_filters import opened_count, parse_search
from explorer.site import BadInput, NotFound, Site, one, text_param

# ?outcome= on the similar lists -> the API's OutcomeFilter (the empty value: any outcome).
OUTCOMES = {"starred": "STARRED", "complete": "SUBSTANTIAL_OR_COMPLETE", "opened": "OPENED_GOVERNMENT"}
SIMILAR_SHOWN = 10
DRAFT_SHOWN = 10


def similarity_filter(outcome: str) -> dict[str, Any] | None:
    """The ``SimilarityFilter`` of an ``?outcome=`` choice (None: the API's default)."""
    return {"outcome": OUTCOMES[outcome]} if outcome in OUTCOMES else None


def names_of(commitment: dict[str, Any]) -> dict[str, str]:
    """Names of the commitment's policy areas (and their parents) and organisations, by id, for the reasons."""
    names: dict[str, str] = {}
    for area in commitment.get("policyAreas") or []:
        names[area["id"]] = area["name"]
        if area.get("parent"):
            names[area["parent"]["id"]] = area["parent"]["name"]
    for link in commitment.get("organizations") or []:
        names[link["organization"]["id"]] = link["organization"]["name"]
    return names


def routes(site: Site) -> APIRouter:
    """The discovery pages."""
    router = APIRouter()

    @router.get("/", response_model=None)
    async def home(request: Request) -> Response:
        try:
            data = await site.data(request, "home")
        except Exception as exc:  # the error page says what a reader can do; never a stack trace
            return site.failed(request, exc)
        areas = data["facets"]["policyArea"][:12]
        return site.page(
            request, "home.html", {**data, "top_areas": areas, "active_members": len(data["facets"]["member"])}
        )

    @router.get("/search", response_model=None)
    async def search(request: Request) -> Response:
        values = query_params(request)
        try:
            wanted = parse_search(values, text_param(values, "q"))
            data = await site.data(request, "search", wanted.variables())
        except Exception as exc:
            return site.failed(request, exc)
        facets = data["facets"]
        return site.page(
            request,
            "search.html",
            {
                "wanted": wanted,
                "results": data["commitments"],
                "facets": facets,
                "opened": opened_count(facets["didItOpenGovernment"]),
                "labels": {
                    key: {row["value"]: row["label"] for row in facets[name]}
                    for key, name in (
                        ("member", "member"),
                        ("region", "region"),
                        ("area", "policyArea"),
                        ("outcome", "completion"),
                    )
                },
            },
        )

    @router.get("/commitments/{commitment_id}", response_model=None)
    async def commitment(request: Request, commitment_id: str) -> Response:
        outcome = one(query_params(request), "outcome")
        variables = {"id": commitment_id, "filter": similarity_filter(outcome), "first": SIMILAR_SHOWN}
        try:
            data = await site.data(request, "commitment", variables)
            if data["commitment"] is None:
                raise NotFound("commitment", commitment_id)
        except Exception as exc:
            return site.failed(request, exc)
        found = data["commitment"]
        return site.page(
            request, "commitment.html", {"c": found, "outcome": outcome, "names": names_of(found), "outcomes": OUTCOMES}
        )

    @router.get("/draft", response_model=None)
    async def draft(request: Request) -> Response:
        values = query_params(request)
        outcome = one(values, "outcome")
        page: dict[str, Any] = {"text": one(values, "text"), "matches": None, "outcome": outcome}
        page.update(outcomes=OUTCOMES, names={}, problem=None)
        try:
            text = text_param(values, "text")
            if "text" in values and not text:
                raise BadInput("empty_draft")
            if text:
                variables = {"text": text, "filter": similarity_filter(outcome), "first": DRAFT_SHOWN}
                page["matches"] = (await site.data(request, "draft", variables))["similarToText"]
        except BadInput as exc:  # shown beside the form, which keeps what was pasted
            page["problem"] = site.message(request, exc)
            return site.page(request, "draft.html", page, status=400)
        except Exception as exc:
            return site.failed(request, exc)
        for match in page["matches"] or []:
            page["names"].update(names_of(match["commitment"]))
        return site.page(request, "draft.html", page)

    return router
