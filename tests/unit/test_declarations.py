"""One declaration per property (graph/model.py): the API, the allow-lists and the loaders follow it."""

from __future__ import annotations

from typing import Any, get_args

import pytest
from graphql import GraphQLEnumType, GraphQLInputObjectType, GraphQLObjectType
from strawberry.utils.str_converters import to_camel_case

from api.filters import CommitmentFilter, MemberFilter, MemberKind, to_spec
from api.schema import schema
from api.strawberry_compat import graphql_schema
from graph import model
from graph.fields import (
    COMBINED_2015,
    CURRENT,
    EXPLORER,
    Rating,
    declared,
    ratings,
    shown,
    source_columns,
    stored_properties,
)
from graph.ratings import SCALES
from loaders._cells import Cells
from loaders._commit_columns import read_declared
from loaders._source import Batch, SourceRow
from queries.commitments import COMMITMENT_FIELDS, COMMITMENT_SORTS
from queries.filters import Rating as FilterRating
from queries.filters import Scalar
from queries.members import MEMBER_FIELDS, MEMBER_SORTS
from queries.organizations import ORGANIZATION_FIELDS, ORGANIZATION_SORTS

GRAPHQL = graphql_schema(schema)  # read-only here, to compare it with the declarations
LISTS = {
    model.Commitment: (COMMITMENT_FIELDS, COMMITMENT_SORTS, "CommitmentFilter", "CommitmentOrderField"),
    model.Member: (MEMBER_FIELDS, MEMBER_SORTS, "MemberFilter", "MemberOrderField"),
    model.Organization: (ORGANIZATION_FIELDS, ORGANIZATION_SORTS, "OrganizationFilter", "OrganizationOrderField"),
}
NODE_TYPES = [model.Region, model.Member, model.ActionPlan, model.Commitment, model.PolicyArea, model.OgpValue]
NODE_TYPES += [model.Organization, model.Coalition]


def _type(name: str) -> Any:
    return GRAPHQL.type_map[name]


@pytest.mark.parametrize("node", NODE_TYPES, ids=lambda m: m.__name__)
def test_every_shown_property_is_a_field_of_its_type_with_the_declared_description(node: type[model.NodeModel]) -> None:
    graphql_type = _type(node.LABEL)
    assert isinstance(graphql_type, GraphQLObjectType)
    for item in shown(node, "node"):
        field = graphql_type.fields[to_camel_case(item.name)]
        assert field.description == item.prop.description
    hidden = {to_camel_case(i.name) for i in declared(node) if i.prop.shown is None}
    assert not hidden & set(graphql_type.fields) - {"member", "region"}  # same names, other meaning: navigation


def test_irm_fields_are_the_properties_shown_in_irm() -> None:
    irm = _type("CommitmentIrm")
    assert list(irm.fields) == [to_camel_case(i.name) for i in shown(model.Commitment, "irm")]
    for item in shown(model.Commitment, "irm"):
        expected = "IrmRating" if item.prop.rating else None
        named = irm.fields[to_camel_case(item.name)].type
        assert expected is None or named.name == expected


@pytest.mark.parametrize("node", list(LISTS), ids=lambda m: m.__name__)
def test_filters_and_sorts_are_derived_from_the_declarations(node: type[model.NodeModel]) -> None:
    allowed, sorts, filter_name, order_name = LISTS[node]
    filter_input, order_enum = _type(filter_name), _type(order_name)
    assert isinstance(filter_input, GraphQLInputObjectType) and isinstance(order_enum, GraphQLEnumType)
    filterable = {item.filter_name for item in declared(node) if item.prop.filter}
    assert {name for name, spec in allowed.items() if isinstance(spec, Scalar | FilterRating)} == filterable
    assert {to_camel_case(name) for name in filterable} <= set(filter_input.fields)
    sortable = {item.name.upper() for item in declared(node) if item.prop.sort}
    assert sortable <= set(order_enum.values) <= set(sorts)
    assert {name for name, expression in sorts.items() if expression.startswith(("coalesce", "toLower"))} | {
        "ID"
    } == sortable


def test_a_filterable_or_sortable_rating_stores_its_level_and_levels_belong_to_ratings() -> None:
    for node in NODE_TYPES:
        levels = {i.level_property for i in declared(node) if i.level_property}
        for item in declared(node):
            if item.prop.rating and (item.prop.filter or item.prop.sort):
                assert item.level_property in node.model_fields, item.name
        assert {name for name in node.model_fields if name.endswith("_level")} == levels


def test_the_level_is_filled_from_the_value() -> None:
    base = {"id": "XX0001", "title": "t", "natural_key": "x|1|1", "member_id": "x", "action_plan_id": "AP_XX01"}
    rated = model.Commitment(**base, completion="substantial", did_it_open_government="no_data")
    assert (rated.completion_level, rated.did_it_open_government_level) == (2, None)
    assert "completion_level" not in model.Commitment(**base).model_dump(exclude_unset=True)
    assert list(stored_properties(model.Commitment)).index("completion_level") == (
        list(stored_properties(model.Commitment)).index("completion") + 1
    )


def test_choices_name_every_value_of_their_literal_type() -> None:
    assert tuple(model.MEMBER_KINDS.values) == get_args(model.MemberKind)
    assert tuple(model.ORGANIZATION_KINDS.values) == get_args(model.OrganizationKind)
    assert [v.value for v in _type("MemberKind").values.values()] == list(get_args(model.MemberKind))


def test_ratings_name_known_scales_and_an_unknown_scale_is_refused() -> None:
    assert all(item.prop.scale in SCALES for item in ratings(model.Commitment))
    with pytest.raises(ValueError, match="unknown scale 'completness'"):
        Rating("Completion.", scale="completness")


def test_a_plain_filter_value_stands_for_its_operator() -> None:
    value = CommitmentFilter(starred=True, member_kind=[MemberKind("local")], year=None)  # type: ignore[call-arg]
    assert to_spec(value) == {"starred": {"eq": True}, "member_kind": {"some": ["local"]}}
    assert to_spec(MemberFilter(kind=[MemberKind("national")], founding_member=False)) == {  # type: ignore[call-arg]
        "kind": {"in_": ["national"]},
        "founding_member": {"eq": False},
    }


def _read(cells: dict[str, str], layout: str) -> tuple[dict[str, Any], list[tuple[str | None, str]]]:
    """``read_declared`` on one row of ``cells``: the values, and the warnings (column, why) it recorded."""
    batch = Batch("f.csv")
    values = read_declared(Cells(SourceRow(2, cells), batch), layout)
    return values, [(w.column, w.reason) for w in batch.warnings]


def test_declared_columns_are_read_for_their_layout_only_and_leniently() -> None:
    cells = {
        "Completion (End Of Term)": "Substantial",
        "_CompletionEndTerm": "4",
        "Completion (end of term)": "b. Limited",
        "URL": " https://example.org/c ",
        "Report Publication Year (End Of Term)": "ND",
        "Latest IRM Report": "1999",
        "Potential impact": "Unclear",
        "Actual Completion": "Limited",
    }
    current, warnings = _read(cells, CURRENT)
    assert (current["completion"], current["url"], current["irm_report_year_end_of_term"]) == (
        "substantial",
        "https://example.org/c",
        None,
    )
    assert current["latest_irm_report"] is None  # warned, left empty: a real export's value never refuses a row
    assert warnings == [
        ("Latest IRM Report", "Input should be greater than or equal to 2010 (got '1999'); left empty"),
    ]
    explorer, warnings = _read(cells, EXPLORER)
    assert explorer["completion"] == "limited" and "url" not in explorer
    assert (explorer["potential_impact"], explorer["potential_impact_raw"]) == (None, "Unclear")  # kept as written
    assert [column for column, _ in warnings] == ["Potential impact"]
    assert "'Unclear' is not a potential impact rating" in warnings[0][1]
    assert {item.name for item, _ in source_columns(model.Commitment, EXPLORER)} < set(current)
    combined, _ = _read(cells, COMBINED_2015)
    assert combined["completion_midterm"] == "limited" and "completion" not in combined


def test_a_numeric_twin_that_disagrees_is_a_warning_on_the_twin_column_and_the_text_wins() -> None:
    values, warnings = _read({"Completion (End Of Term)": "Complete", "_CompletionEndTerm": "4"}, CURRENT)
    assert values["completion"] == "complete"
    assert warnings == [
        ("_CompletionEndTerm", "numeric twin '4' disagrees with 'Completion (End Of Term)'; the text is loaded")
    ]


def test_every_scaled_property_keeps_an_off_scale_value_as_written_right_below_it() -> None:
    for node in NODE_TYPES:
        raws = {i.raw_property for i in declared(node) if i.raw_property}
        assert {name for name in node.model_fields if name.endswith("_raw")} == raws
        assert {i.name + "_raw" for i in declared(node) if i.prop.scale is not None} == raws
    stored = list(stored_properties(model.Commitment))
    assert stored.index("potential_impact_raw") == stored.index("potential_impact_level") + 1


def test_starred_and_the_outcome_score_follow_from_the_ratings() -> None:
    base = {"id": "XX0001", "title": "t", "natural_key": "x|1|1", "member_id": "x", "action_plan_id": "AP_XX01"}
    rated = model.Commitment(
        **base,
        starred_midterm="no",
        starred_end_of_term="yes",
        completion="complete",
        did_it_open_government="outstanding",
    )
    assert (rated.starred, rated.outcome_score) == (True, 1.0)
    unrated = model.Commitment(**base, starred_midterm="no_data")
    assert (unrated.starred, unrated.outcome_score) == (None, None)
    given = model.Commitment(**base, completion_level=2, outcome_score=0.5)  # no rating given: nothing derived
    assert (given.starred, given.outcome_score) == (None, 0.5)
