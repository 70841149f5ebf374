"""The committed SDL matches the schema, and every type, field and argument is documented."""

from __future__ import annotations

from pathlib import Path

from graphql import GraphQLEnumType, GraphQLInputObjectType, GraphQLInterfaceType, GraphQLObjectType
from strawberry.printer import print_schema

from api.schema import schema
from api.strawberry_compat import graphql_schema

SDL = Path(__file__).resolve().parents[2] / "api" / "schema.graphql"
REGENERATE = (
    'strawberry export-schema api.schema:schema --output api/schema.graphql  (or: python -c "from api.schema '
    "import schema; from strawberry.printer import print_schema; "
    "open('api/schema.graphql','w').write(print_schema(schema)+'\\n')\")"
)


def test_committed_sdl_is_current() -> None:
    assert SDL.read_text() == print_schema(schema) + "\n", f"api/schema.graphql is stale; regenerate: {REGENERATE}"


def test_every_type_field_and_argument_has_a_description() -> None:
    missing: list[str] = []
    for name, gtype in graphql_schema(schema).type_map.items():
        if name.startswith("__") or name in {"String", "Int", "Float", "Boolean", "ID"}:
            continue
        if not gtype.description:
            missing.append(name)
        if isinstance(gtype, GraphQLObjectType | GraphQLInterfaceType | GraphQLInputObjectType):
            for fname, fdef in gtype.fields.items():
                if not fdef.description:
                    missing.append(f"{name}.{fname}")
                for aname, adef in getattr(fdef, "args", {}).items():
                    if not adef.description:
                        missing.append(f"{name}.{fname}({aname})")
        if isinstance(gtype, GraphQLEnumType):
            missing.extend(f"{name}.{v}" for v, vdef in gtype.values.items() if not vdef.description)
    assert missing == []


def test_type_names_are_graph_labels() -> None:
    from graph.model import NODE_MODELS

    names = set(graphql_schema(schema).type_map)
    assert {
        m.LABEL
        for m in NODE_MODELS
        if m.LABEL
        in {"Member", "ActionPlan", "Commitment", "PolicyArea", "OgpValue", "Organization", "Coalition", "Region"}
    } <= names
