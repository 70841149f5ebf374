"""Persisted queries: named, versioned files in queries/persisted/, and APQ-style sha256 hashes."""

from __future__ import annotations

import hashlib
import re
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graphql import GraphQLError

from graph.config import PROJECT_ROOT

PERSISTED_DIR = PROJECT_ROOT / "queries" / "persisted"
# <name>.v<version>.graphql, e.g. commitment-by-id.v1.graphql
FILE_NAME = re.compile(r"^(?P<name>[a-z0-9]+(?:-[a-z0-9]+)*)\.v(?P<version>[1-9][0-9]*)\.graphql$")
NAME = re.compile(r"^(?P<name>[a-z0-9]+(?:-[a-z0-9]+)*)(?:\.v(?P<version>[1-9][0-9]*))?$")
MAX_REGISTERED = 1_000


class PersistedQueryError(GraphQLError):
    """A persisted-query lookup or registration that cannot be served."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message, extensions={"code": code})


def sha256(query: str) -> str:
    """The APQ hash of a query text (hex sha256 of its UTF-8 bytes)."""
    return hashlib.sha256(query.encode("utf-8")).hexdigest()


@dataclass
class PersistedQueries:
    """The named queries from disk (always allowed) and hashes registered by clients (bounded, in memory)."""

    named: dict[str, str] = field(default_factory=dict)
    latest: dict[str, str] = field(default_factory=dict)
    by_hash: dict[str, str] = field(default_factory=dict)
    registered: OrderedDict[str, str] = field(default_factory=OrderedDict)

    @classmethod
    def load(cls, folder: Path = PERSISTED_DIR) -> PersistedQueries:
        """Read every ``<name>.v<N>.graphql`` in the folder; a badly named file is an error."""
        store = cls()
        versions: dict[str, int] = {}
        for path in sorted(folder.glob("*.graphql")):
            match = FILE_NAME.match(path.name)
            if match is None:
                raise ValueError(f"{path}: persisted query files are named <name>.v<N>.graphql (lowercase, dashes)")
            name, version = match["name"], int(match["version"])
            text = path.read_text(encoding="utf-8")
            store.named[f"{name}.v{version}"] = text
            store.by_hash[sha256(text)] = text
            if version > versions.get(name, 0):
                versions[name] = version
                store.latest[name] = f"{name}.v{version}"
        return store

    def by_name(self, name: str) -> str:
        """The text of ``name.vN`` or, for a bare ``name``, of its latest version."""
        match = NAME.match(name)
        key = None
        if match is not None:
            key = f"{match['name']}.v{match['version']}" if match["version"] else self.latest.get(match["name"])
        if key is None or key not in self.named:
            known = ", ".join(sorted(self.latest)) or "none"
            raise PersistedQueryError(
                f"No persisted query named {name!r}. Known: {known} (add .v<N> to pin a version).",
                "PERSISTED_QUERY_UNKNOWN",
            )
        return self.named[key]

    def is_allowed(self, query: str) -> bool:
        """Whether the exact text is one of the persisted files (the production allow-list)."""
        return sha256(query) in self.by_hash

    def resolve(self, query: str | None, extensions: dict[str, Any] | None, allow_register: bool) -> str | None:
        """Apply the APQ protocol: find the query for a hash, or check and register a hash sent with its query."""
        persisted = (extensions or {}).get("persistedQuery")
        if persisted is None:
            return query
        if not isinstance(persisted, dict) or persisted.get("version", 1) != 1:
            raise PersistedQueryError("extensions.persistedQuery must be {version: 1, sha256Hash}", "BAD_REQUEST")
        digest = persisted.get("sha256Hash")
        if not isinstance(digest, str) or not re.fullmatch(r"[0-9a-f]{64}", digest):
            raise PersistedQueryError(
                "extensions.persistedQuery.sha256Hash must be 64 lowercase hex characters", "BAD_REQUEST"
            )
        if query is None:
            known = self.by_hash.get(digest) or self.registered.get(digest)
            if known is None:
                raise PersistedQueryError("PersistedQueryNotFound", "PERSISTED_QUERY_NOT_FOUND")
            return known
        if sha256(query) != digest:
            raise PersistedQueryError("provided sha256Hash does not match the query", "BAD_REQUEST")
        if digest not in self.by_hash:
            if not allow_register:
                raise PersistedQueryError(
                    "Registering persisted queries is switched off on this server", "PERSISTED_QUERY_NOT_SUPPORTED"
                )
            self.registered[digest] = query
            self.registered.move_to_end(digest)
            while len(self.registered) > MAX_REGISTERED:
                self.registered.popitem(last=False)
        return query
