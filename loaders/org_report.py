"""`python -m loaders.org_report PATH`: what the organisation resolver makes of a commitments export."""

from __future__ import annotations

import csv
import sys
from collections import Counter, defaultdict
from pathlib import Path

from loaders._org_sample import score
from loaders.member_names import member_slug
from loaders.organizations import OrganizationResolver, OrgMention, Role

COLUMNS: tuple[tuple[str, Role], ...] = (("Lead Institution", "lead"), ("Supporting Institution(s)", "support"))


def read_rows(path: Path) -> list[dict[str, str]]:
    """The rows of a commitments export."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def resolve_rows(rows: list[dict[str, str]]) -> tuple[OrganizationResolver, list[tuple[str, str, OrgMention]]]:
    """Observe every institution cell, then resolve each: (commitment id, column, mention) in row order."""
    resolver = OrganizationResolver()
    for row in rows:
        for column, _ in COLUMNS:
            resolver.observe(row.get(column), member_id=member_slug(row["Country/Locality"]), member_code=row["Code"])
    found: list[tuple[str, str, OrgMention]] = []
    for row in rows:
        for column, role in COLUMNS:
            for mention in resolver.mentions(
                row.get(column), member_id=member_slug(row["Country/Locality"]), member_code=row["Code"], role=role
            ):
                found.append((row["Commitment Unique Identifier"], column, mention))
    return resolver, found


def report(path: Path) -> str:
    """Mentions, distinct organisations, per kind, the most shared organisations, and the hand-checked precision."""
    rows = read_rows(path)
    resolver, found = resolve_rows(rows)
    mentions = len(found)
    member_of = {r["Commitment Unique Identifier"]: member_slug(r["Country/Locality"]) for r in rows}
    members_of: dict[str, set[str]] = defaultdict(set)
    for commitment_id, _, mention in found:
        members_of[mention.organization.id].add(member_of[commitment_id])
    orgs = resolver.organizations()
    kinds = Counter(o.kind for o in orgs)
    shared = sorted((o for o in orgs if len(members_of[o.id]) >= 2), key=lambda o: (-len(members_of[o.id]), o.id))
    lines = [f"mentions: {mentions}", f"distinct organisations: {len(orgs)}"]
    lines += [f"  {kind}: {count}" for kind, count in sorted(kinds.items())]
    lines.append(f"organisations in >= 2 members: {len(shared)}")
    lines += [f"  {o.id} ({o.kind}): {len(members_of[o.id])} members" for o in shared[:15]]
    sample = score(path)
    wrong = [w for w in sample.wrong_kinds if w[3] != "unknown"]
    lines += [
        f"hand-checked sample: {sample.expected} organisations expected, {sample.found} found, {sample.correct} right",
        f"  precision {sample.precision:.3f}, recall {sample.recall:.3f}",
        f"  kind right {sample.kind_correct}/{sample.correct}, 'unknown' {len(sample.wrong_kinds) - len(wrong)}, "
        f"wrong kind {len(wrong)}",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python -m loaders.org_report PATH-TO-commitments.csv")
    print(report(Path(sys.argv[1])))
