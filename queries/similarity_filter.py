"""Which similar commitments to keep: the conditions of a similarity filter, as constant Cypher fragments.

Each condition is included only when asked, so the default (other members only) is one plain traversal.
``compile`` fills a statement about a commitment's stored matches (``queries/similarity.py``); ``passing``
is a statement of every commitment that passes, for lists ranked in memory (``queries/similarity_ranked.py``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from graph.backend import Graph
from graph.ratings import SCALES

# Conditions on the match `o`; member and area conditions go through a WITH.
_NEEDS_MEMBER = "MATCH (m:Member {id: o.member_id}) "
_IN_REGION = ", size([(m)-[:IN_REGION]->(r:Region) WHERE r.id = $region | 1]) AS in_region"
_IN_AREA = (
    ", size([(o)-[:ADDRESSES]->(pa:PolicyArea) WHERE pa.id = $policy_area OR pa.parent_id = $policy_area "
    "| 1]) AS in_area"
)
_CONDITIONS = {
    "other_members": "o.member_id <> c.member_id",
    "region": "in_region > 0",
    "member_kind": "m.kind = $member_kind",
    "policy_area": "in_area > 0",
    "year_from": "o.year >= $year_from",
    "year_to": "o.year <= $year_to",
    "starred": "o.starred = true",
    "completion_min": "o.completion_level >= $completion_min",
    "diog_min": "o.did_it_open_government_level >= $diog_min",
}
# The commitments that pass a narrowing filter (its conditions on the match, `o`). Over every commitment,
# so the area and the region are matched as patterns from their node (FalkorDB takes 20 ms to test a
# pattern on each of 558 commitments, the anchored match under 1 ms).
_PASS_IN_AREA = (
    "MATCH (pa:PolicyArea)<-[:ADDRESSES]-(o:Commitment) WHERE pa.id = $policy_area OR pa.parent_id = $policy_area "
    "WITH DISTINCT o "
)
_PASS_IN_REGION = "MATCH (m)-[:IN_REGION]->(:Region {id: $region}) "


@dataclass(frozen=True)
class SimilarityFilter:
    """Which matches to keep (None = no condition)."""

    other_members_only: bool = True
    region: str | None = None
    member_kind: str | None = None
    policy_area: str | None = None
    year_from: int | None = None
    year_to: int | None = None
    outcome: str = "any"  # any | starred | substantial_or_complete | opened_government

    def params(self) -> dict[str, Any]:
        """Every filter parameter (``None``/``False`` when unset), as ``LEARN_FROM`` reads them."""
        if self.outcome not in ("any", "starred", "substantial_or_complete", "opened_government"):
            raise ValueError(f"similarity filter: unknown outcome {self.outcome!r}")
        return {
            "other_members": self.other_members_only,
            "region": self.region,
            "member_kind": self.member_kind,
            "policy_area": self.policy_area,
            "year_from": self.year_from,
            "year_to": self.year_to,
            "starred": self.outcome == "starred",
            "completion_min": SCALES["completion"].level("substantial")
            if self.outcome == "substantial_or_complete"
            else None,
            "diog_min": SCALES["did_it_open_government"].level("major")
            if self.outcome == "opened_government"
            else None,
        }

    def _active(self) -> dict[str, Any]:
        """The asked conditions (``_CONDITIONS`` names) and their values."""
        return {k: v for k, v in self.params().items() if v is not None and v is not False}

    @staticmethod
    def _statement_params(active: Mapping[str, Any]) -> dict[str, Any]:
        """The ``$params`` the active conditions read (other-members and starred are constant fragments)."""
        return {k: v for k, v in active.items() if k not in ("other_members", "starred")}

    def compile(self, template: str) -> tuple[str, dict[str, Any]]:
        """``template`` (the query commitment ``c`` bound) with only the asked conditions, and their params."""
        active = self._active()
        member = _NEEDS_MEMBER if "region" in active or "member_kind" in active else ""
        extra = (_IN_REGION if "region" in active else "") + (_IN_AREA if "policy_area" in active else "")
        where = " AND ".join(_CONDITIONS[k] for k in active) or "true"
        cypher = template.replace("{member}", member).replace("{extra}", extra).replace("{where}", where)
        return cypher, self._statement_params(active)

    def passing(self) -> tuple[str, dict[str, Any]]:
        """A statement of the ids of every commitment that passes (the conditions on a match), and its params."""
        active = self._active()
        active.pop("other_members", None)  # a property of a pair, not of a match: the caller applies it
        cypher = _PASS_IN_AREA if "policy_area" in active else "MATCH (o:Commitment) "
        if "region" in active or "member_kind" in active:
            cypher += _NEEDS_MEMBER
        if "region" in active:
            cypher += _PASS_IN_REGION
        where = [_CONDITIONS[k] for k in active if k not in ("policy_area", "region")]
        cypher += (f"WHERE {' AND '.join(where)} " if where else "") + "RETURN DISTINCT o.id AS id"
        return cypher, self._statement_params(active)

    @property
    def narrows(self) -> bool:
        """Whether anything beyond ``other_members_only`` is set."""
        return (
            any(v is not None for v in (self.region, self.member_kind, self.policy_area, self.year_from, self.year_to))
            or self.outcome != "any"
        )


async def passing_ids(graph: Graph, flt: SimilarityFilter) -> set[str]:
    """Ids of the commitments that pass ``flt``'s conditions on a match (one statement)."""
    return {r["id"] for r in await graph.read(*flt.passing())}
