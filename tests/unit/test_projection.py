"""The Commitment property table stays in step with the GraphQL type, and projections are plain names."""

from __future__ import annotations

import pytest

from api.schema import schema
from api.strawberry_compat import graphql_schema
from api.types_commitment import Commitment
from queries.nodes import projection

PROPERTIES = Commitment.PROPERTIES  # GraphQL field -> the node properties it reads

WHOLE_NODE_FIELDS = {"irm"}  # reads every rating property: such a request fetches the whole node


def test_every_commitment_field_is_in_the_table_or_fetches_the_whole_node() -> None:
    commitment = graphql_schema(schema).type_map["Commitment"]
    fields = set(commitment.fields)  # type: ignore[attr-defined]
    assert fields - WHOLE_NODE_FIELDS == set(PROPERTIES), "add the new field's properties to PROPERTIES"
    assert not WHOLE_NODE_FIELDS & set(PROPERTIES)


def test_projection_is_a_map_of_the_listed_properties_or_the_node() -> None:
    assert projection("o", ("id", "title")) == "o {.id, .title}"
    assert projection("o", None) == "o"
    with pytest.raises(ValueError, match="not a property name"):
        projection("o", ("id} RETURN 1 //",))
