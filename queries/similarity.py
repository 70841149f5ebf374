"""Similar commitments: a commitment's stored matches, in the order and with the member cap asked.

``similar`` is one traversal of the ``SIMILAR_TO`` edges derived at load time (``loaders/similarity.py``),
each carrying its component values and what the pair shares. A narrow filter that leaves too few of them
is ranked against the in-memory ``DiscoveryIndex`` instead (``queries/similarity_ranked.py``, as drafts
are); the caller owns the index. Both return ``{node, score, <component values>, <explanation>}`` rows in
the order asked: most alike first, or best IRM results first among the most alike; a member's matches
beyond its ``per_member`` most alike come after everyone else's.
"""

from __future__ import annotations

from collections.abc import Sequence

from discovery.index import DiscoveryIndex
from discovery.ranking import DEFAULT_ARRANGEMENT, NO_CAP, PER_MEMBER, Arrangement, arrange
from graph.backend import Graph, Row
from queries.nodes import projection
from queries.similarity_filter import _CONDITIONS, SimilarityFilter
from queries.similarity_ranked import ranked_in_index

# A stored match as a result map: the match's node, its member and outcome (to order and cap), the edge.
_MATCH = (
    "{node: {node}, member_id: o.member_id, outcome: o.outcome_score, score: s.score, meaning: s.meaning, "
    "words: s.words, policy_areas: s.policy_areas, organizations: s.organizations, member_rank: s.member_rank, "
    "shared_policy_areas: s.shared_policy_areas, shared_organizations: s.shared_organizations, "
    "shared_terms: s.shared_terms, query_language: c.text_language, match_language: o.text_language, "
    "query_thin: c.thin_record, match_thin: o.thin_record}"
)
# Most alike first, a member's matches beyond its `per_member` most alike (member_rank) after the others.
_ALIKE = "ORDER BY CASE WHEN s.member_rank > $per_member THEN 1 ELSE 0 END, s.score DESC, o.id"
# Every commitment's stored matches in ONE statement (the Commitment.similar DataLoader), in order per key.
SIMILAR_BATCH = (
    "UNWIND $ids AS key MATCH (c:Commitment {id: key})-[s:SIMILAR_TO]->(o:Commitment) {member}"
    "WITH key, c, o, s{extra} WHERE {where} "
    f"WITH key, c, o, s {_ALIKE} "
    f"RETURN key, collect({_MATCH})[0..$first] AS top"
)
# The same for one commitment (a commitment page, the usual case): LIMIT stops at `first` matches instead of
# building all of them and slicing, which halves the database's time.
SIMILAR_ONE = (
    "MATCH (c:Commitment {id: $key})-[s:SIMILAR_TO]->(o:Commitment) {member}"
    "WITH c, o, s{extra} WHERE {where} "
    f"WITH c, o, s {_ALIKE} LIMIT $first "
    f"RETURN $key AS key, collect({_MATCH}) AS top"
)
# A commitment looked up by id and its stored matches (default filter and order), in one statement:
# `commitment(id:) { similar { … } }`. The OPTIONAL MATCH keeps a commitment without matches.
COMMITMENT_WITH_SIMILAR = (
    "MATCH (c:Commitment {id: $key}) "
    f"OPTIONAL MATCH (c)-[s:SIMILAR_TO]->(o:Commitment) WHERE {_CONDITIONS['other_members']} "
    f"WITH c, o, s {_ALIKE} LIMIT $first "
    f"RETURN {{root}} AS root, collect(CASE WHEN o IS NULL THEN null ELSE {_MATCH} END) AS top"
)
SIMILAR_EDGE_COUNT = "MATCH (:Commitment)-[s:SIMILAR_TO]->(:Commitment) RETURN count(s) AS n"


async def similar_batch(
    graph: Graph,
    index: DiscoveryIndex,
    ids: Sequence[str],
    first: int,
    flt: SimilarityFilter,
    how: Arrangement = DEFAULT_ARRANGEMENT,
    properties: Sequence[str] | None = None,
) -> dict[str, list[Row]]:
    """Each commitment's stored matches that pass the filter, in the asked order, in ONE statement for all
    ``ids`` (each match's node whole, or only ``properties`` of it). Only when a narrow filter leaves fewer
    than ``first`` stored matches are all commitments ranked, with the index (two statements more)."""
    keys = list(dict.fromkeys(ids))
    if not keys:
        return {}
    # The default list comes ordered and cut by the database; a narrowed or reordered one is arranged here
    # from every stored match that passes (at most the 45 stored per commitment).
    in_database = not flt.narrows and how.order == "alike"
    template, given = (SIMILAR_ONE, {"key": keys[0]}) if len(keys) == 1 else (SIMILAR_BATCH, {"ids": keys})
    cypher, params = flt.compile(template.replace("{node}", projection("o", properties)))
    size = first if in_database else NO_CAP
    rows = await graph.read(cypher, {**given, "first": size, "per_member": how.cap, **params})
    found = {r["key"]: list(r["top"]) for r in rows if r["top"]}
    if not in_database:
        found = {key: arrange(top, how, first) for key, top in found.items()}
    short = [key for key in keys if len(found.get(key, ())) < first] if flt.narrows else []
    if short:
        for key, ranked in (await ranked_in_index(graph, index, short, first, flt, how, properties)).items():
            if len(ranked) > len(found.get(key, ())):
                found[key] = ranked
    return found


async def commitment_with_similar(
    graph: Graph,
    commitment_id: str,
    first: int,
    properties: Sequence[str] | None = None,
    match_properties: Sequence[str] | None = None,
) -> tuple[Row | None, list[Row]]:
    """A commitment (None if unknown) and its stored matches in other members (default order and cap), in ONE
    statement (the commitment's ``properties`` and the matches' ``match_properties``; ``None``: whole nodes)."""
    cypher = COMMITMENT_WITH_SIMILAR.replace("{root}", projection("c", properties)).replace(
        "{node}", projection("o", match_properties)
    )
    rows = await graph.read(cypher, {"key": commitment_id, "first": first, "per_member": PER_MEMBER})
    if not rows:
        return None, []
    return rows[0]["root"], list(rows[0]["top"])


async def similar(
    graph: Graph,
    index: DiscoveryIndex,
    commitment_id: str,
    first: int,
    flt: SimilarityFilter,
    how: Arrangement = DEFAULT_ARRANGEMENT,
) -> list[Row]:
    """The stored matches of one commitment that pass the filter, in the asked order, with their values."""
    return (await similar_batch(graph, index, [commitment_id], first, flt, how)).get(commitment_id, [])
