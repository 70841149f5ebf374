"""Pages about actors and topics: members, policy areas, coalitions (with the network), organisations, connections."""

from __future__ import annotations

import json
import re
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from explorer import charts
from explorer.export import DOWNLOADS
from explorer.render import query_params, url
from explorer.site import BadInput, NotFound, Site, one

REF = re.compile(r"^(member|organization|coalition|commitment|policy-area|action-plan):\S+$")
PAGES = {
    "member": "/members/",
    "organization": "/organizations/",
    "coalition": "/coalitions/",
    "commitment": "/commitments/",
    "policy-area": "/policy-areas/",
}


def page_of(ref: str) -> str | None:
    """The explorer page of a ``kind:id`` reference (None for kinds without a page)."""
    kind, _, ident = ref.partition(":")
    return PAGES[kind] + ident if kind in PAGES else None


def network_json(network: dict[str, Any]) -> str:
    """The network for the page's script: cytoscape elements, each node with its page (safe inside <script>)."""
    elements: list[dict[str, Any]] = [
        {"data": {**node, "href": page_of(node["id"]) or ""}, "classes": node["kind"]} for node in network["nodes"]
    ]
    elements += [
        {"data": {**edge, "id": f"{edge['source']}>{edge['target']}>{edge['type']}"}} for edge in network["edges"]
    ]
    return json.dumps(elements, separators=(",", ":")).replace("<", "\\u003c")  # nothing can end the <script>


def network_members(network: dict[str, Any]) -> list[dict[str, Any]]:
    """The network as a list for readers without the drawing: each member, its commitments, its organisations."""
    labels = {node["id"]: node["label"] for node in network["nodes"]}
    made: dict[str, int] = {}
    partners: dict[str, list[dict[str, Any]]] = {}
    for edge in network["edges"]:
        if edge["type"] == "MADE":
            made[edge["source"]] = made.get(edge["source"], 0) + 1
        elif edge["type"] == "WORKS_WITH":
            partner = {"label": labels.get(edge["source"], edge["source"]), "href": page_of(edge["source"])}
            partners.setdefault(edge["target"], []).append(partner)
    members = [n for n in network["nodes"] if n["kind"] == "member"]
    return [
        {**node, "href": page_of(node["id"]), "made": made.get(node["id"], 0), "partners": partners.get(node["id"], [])}
        for node in sorted(members, key=lambda n: (not n["participant"], n["label"]))
    ]


def routes(site: Site) -> APIRouter:
    """The actor and topic pages."""
    router = APIRouter()

    @router.get("/members", response_model=None)
    async def members(request: Request) -> Response:
        try:
            data = await site.data(request, "members")
        except Exception as exc:
            return site.failed(request, exc)
        region_of = {m["id"]: r for r in data["regions"] for m in r["members"]}
        groups: dict[str, list[dict[str, Any]]] = {r["id"]: [] for r in data["regions"]}
        groups[""] = []
        for row in sorted(data["facets"]["member"], key=lambda r: r["label"].casefold()):
            groups[region_of[row["value"]]["id"] if row["value"] in region_of else ""].append(row)
        regions = [*data["regions"], {"id": "", "name": None}]
        return site.page(request, "members.html", {"groups": groups, "regions": regions})

    @router.get("/members/{member_id}", response_model=None)
    async def member(request: Request, member_id: str) -> Response:
        try:
            data = await site.data(request, "member", {"id": member_id, "slug": member_id})
            if data["member"] is None:
                raise NotFound("member", member_id)
        except Exception as exc:
            return site.failed(request, exc)
        found = data["member"]
        if found["id"] != member_id:  # a code (GBR) or old spelling: the page lives at the slug
            return RedirectResponse(url("/members/" + found["id"], query_params(request)), status_code=301)
        other = site.renderer.translate(request, "Other or not assessed")
        labels = {row["value"]: row["label"] for row in data["facets"]["completion"]}
        return site.page(
            request,
            "member.html",
            {
                "m": found,
                "area_bars": charts.area_bars(data["facets"]["policyAreaByCompletion"], other),
                "plan_bars": charts.plan_bars(found["actionPlans"], labels, other),
                "area_names": {a["id"]: a["name"] for a in data["policyAreas"]},
            },
        )

    @router.get("/policy-areas", response_model=None)
    async def policy_areas(request: Request) -> Response:
        try:
            data = await site.data(request, "policy-areas")
        except Exception as exc:
            return site.failed(request, exc)
        counts = {row["value"]: row["count"] for row in data["facets"]["policyArea"]}
        parents = [a for a in data["policyAreas"] if not a["parent"]]
        children: dict[str, list[dict[str, Any]]] = {}
        for area in data["policyAreas"]:
            if area["parent"]:
                children.setdefault(area["parent"]["id"], []).append(area)
        return site.page(request, "policy_areas.html", {"parents": parents, "children": children, "counts": counts})

    @router.get("/policy-areas/{area_id}", response_model=None)
    async def policy_area(request: Request, area_id: str) -> Response:
        try:
            data = await site.data(request, "policy-area", {"id": area_id})
            if data["policyArea"] is None:
                raise NotFound("policy area", area_id)
        except Exception as exc:
            return site.failed(request, exc)
        columns = charts.year_columns(data["facets"]["year"])
        counts = {row["value"]: row["count"] for row in data["facets"]["policyArea"]}
        focused = [c for c in data["coalitions"] if any(a["id"] == area_id for a in c["policyAreas"])]
        return site.page(
            request,
            "policy_area.html",
            {
                **data,
                "area": data["policyArea"],
                "columns": columns,
                "column_width": charts.column_width(columns),
                "chart": charts,
                "counts": counts,
                "total": counts.get(area_id, 0),
                "focused": focused,
            },
        )

    @router.get("/coalitions", response_model=None)
    async def coalitions(request: Request) -> Response:
        try:
            data = await site.data(request, "coalitions")
        except Exception as exc:
            return site.failed(request, exc)
        return site.page(request, "coalitions.html", data)

    @router.get("/coalitions/{coalition_id}", response_model=None)
    async def coalition(request: Request, coalition_id: str) -> Response:
        try:
            data = await site.data(request, "coalition", {"id": coalition_id})
            if data["coalition"] is None:
                raise NotFound("coalition", coalition_id)
        except Exception as exc:
            return site.failed(request, exc)
        network = data["coalitionNetwork"] or {"nodes": [], "edges": []}
        return site.page(
            request,
            "coalition.html",
            {
                "co": data["coalition"],
                "network": network,
                "network_json": network_json(network),
                "network_members": network_members(network),
                "page_of": page_of,
                "downloads": list(DOWNLOADS),
            },
        )

    @router.get("/coalitions/{coalition_id}/{file}", response_model=None)
    async def coalition_download(request: Request, coalition_id: str, file: str) -> Response:
        if file not in DOWNLOADS:
            return site.not_found(request)
        try:
            data = await site.data(request, "coalition-network", {"id": coalition_id})
            if data["coalitionNetwork"] is None:
                raise NotFound("coalition", coalition_id)
        except Exception as exc:
            return site.failed(request, exc)
        write, media_type = DOWNLOADS[file]
        disposition = f'attachment; filename="{coalition_id}-{file}"'
        return Response(
            write(data["coalitionNetwork"]), media_type=media_type, headers={"Content-Disposition": disposition}
        )

    @router.get("/organizations/{organization_id}", response_model=None)
    async def organization(request: Request, organization_id: str) -> Response:
        try:
            data = await site.data(request, "organization", {"id": organization_id})
            if data["organization"] is None:
                raise NotFound("organisation", organization_id)
        except Exception as exc:
            return site.failed(request, exc)
        found = data["organization"]
        areas: dict[str, dict[str, Any]] = {}
        for edge in found["commitments"]["edges"]:
            for area in edge["node"]["policyAreas"]:
                areas.setdefault(area["id"], {**area, "count": 0})["count"] += 1
        members: dict[str, dict[str, Any]] = {}
        for edge in found["commitments"]["edges"]:
            who = edge["node"]["member"]
            if who:
                members.setdefault(who["id"], {**who, "count": 0})["count"] += 1
        return site.page(
            request,
            "organization.html",
            {
                "o": found,
                "areas": sorted(areas.values(), key=lambda a: (-a["count"], a["name"])),
                "worked_with": sorted(members.values(), key=lambda m: (-m["count"], m["name"])),
                "leads": sum(1 for e in found["commitments"]["edges"] if e["role"] == "LEAD"),
            },
        )

    @router.get("/connections", response_model=None)
    async def connections(request: Request) -> Response:
        values = query_params(request)
        given = {"from": one(values, "from"), "to": one(values, "to")}
        page: dict[str, Any] = {"given": given, "paths": None, "choices": {}, "page_of": page_of, "problem": None}
        try:
            refs = {side: await _resolve(site, request, text, page["choices"], side) for side, text in given.items()}
            if refs["from"] and refs["to"]:
                page["paths"] = (await site.data(request, "connections", refs))["connections"]
                page["refs"] = refs
        except BadInput as exc:
            page["problem"] = site.message(request, exc)
            return site.page(request, "connections.html", page, status=400)
        except Exception as exc:
            return site.failed(request, exc)
        return site.page(request, "connections.html", page)

    return router


async def _resolve(site: Site, request: Request, text: str, choices: dict[str, Any], side: str) -> str | None:
    """A reference for what the reader typed: ``kind:id`` as is, else the one actor whose name fits (an exact
    name wins); several candidates go into ``choices[side]`` for the reader to pick, none is a ``BadInput``."""
    if not text or REF.match(text):
        return text or None
    data = await site.data(request, "find-actor", {"name": text})
    wanted = text.casefold()
    found: list[tuple[str, str]] = [("member:" + m["id"], m["name"]) for m in data["members"]["nodes"]]
    found += [("organization:" + o["id"], o["name"]) for o in data["organizations"]["nodes"]]
    found += [("coalition:" + c["id"], c["name"]) for c in data["coalitions"] if wanted in c["name"].casefold()]
    exact = [ref for ref, name in found if name.casefold() == wanted]
    if len(exact) == 1:
        return exact[0]
    if len(found) == 1:
        return found[0][0]
    if not found:
        raise BadInput("unknown_actor", value=text)
    choices[side] = found
    return None
