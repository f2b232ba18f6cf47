"""The public layer's withholding rules (dbt_project/models/intermediate/public/
int_public__cells.py) on hand-made cells: the shapes that broke the first version (a province
with a single unit, a complement that drags its finished family along, small cells that add up
to less than the threshold), each checked against what a reader could work out."""

from __future__ import annotations

import datetime as dt
import importlib.util
from pathlib import Path

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

MODEL = (
    Path(__file__).resolve().parents[1]
    / "dbt_project/models/intermediate/public/int_public__cells.py"
)
JULY = dt.date(2025, 7, 1)
MIN = 10


def _rules():
    spec = importlib.util.spec_from_file_location("int_public__cells", MODEL)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


RULES = _rules()


def cells(province: str, units: dict[str, dict[str, int]]) -> pl.DataFrame:
    """Unit cells of one province-month (every count, 50 unless given) and the province's."""
    rows = []
    for unit, counts in units.items():
        for measure in RULES.COUNTS:
            rows.append(("unit", province, unit, JULY, measure, counts.get(measure, 50)))
    frame = pl.DataFrame(
        rows,
        schema=["level", "province_code", "unit_code", "month", "measure", "value"],
        orient="row",
    )
    totals = (
        frame.group_by("province_code", "month", "measure")
        .agg(pl.col("value").sum())
        .with_columns(level=pl.lit("province"), unit_code=pl.col("province_code"))
        .select(frame.columns)
    )
    return pl.concat([frame, totals])


def withheld(result: pl.DataFrame, level: str = "unit") -> set[tuple[str, str]]:
    return {
        (r["unit_code"], r["measure"])
        for r in result.filter(pl.col("is_withheld") & (pl.col("level") == level)).iter_rows(
            named=True
        )
    }


def exposed(result: pl.DataFrame) -> list[str]:
    """Withheld cells a reader can work out from one identity the edition publishes: a
    published province total with its other unit cells published, or withheld cells that add
    up to less than the threshold; a finished family with one part withheld."""
    problems = []
    units = result.filter(pl.col("level") == "unit")
    provinces = result.filter(pl.col("level") == "province")
    for (province, month, measure), group in units.group_by("province_code", "month", "measure"):
        total = provinces.filter(
            (pl.col("province_code") == province)
            & (pl.col("month") == month)
            & (pl.col("measure") == measure)
        )
        if total["is_withheld"].item():
            continue
        hidden = group.filter(pl.col("is_withheld"))
        if hidden.height == 1 or (hidden.height > 1 and hidden["value"].sum() < MIN):
            problems.append(f"{measure}: {hidden.height} withheld, sum {hidden['value'].sum()}")
    family = result.filter(pl.col("measure").is_in(RULES.FAMILY))
    for key, group in family.group_by("level", "unit_code", "month"):
        if group["is_withheld"].any() and not group["is_withheld"].all():
            problems.append(f"{key}: finished family split")
    return problems


def test_a_province_with_a_single_unit_withholds_the_province_cell_too():
    # One commune with data (a province that starts sending one ward at a time): its late
    # count is small, so its finished family is withheld, and the province's own cell, the
    # same number, must be withheld with it (the first version published it: 602 finished).
    result = RULES.withhold(cells("11", {"03203": {"finished_late": 3, "finished": 602}}), MIN)
    assert ("03203", "finished") in withheld(result)
    assert ("11", "finished") in withheld(result, "province")
    assert not exposed(result)


def test_one_small_cell_takes_the_smallest_other_cell_with_it():
    result = RULES.withhold(
        cells("46", {"a": {"received": 4}, "b": {"received": 30}, "c": {"received": 80}}), MIN
    )
    hidden = {u for u, m in withheld(result) if m == "received"}
    assert hidden == {"a", "b"}
    assert ("46", "received") not in withheld(result, "province")
    # only the small cell is labelled small; the other is withheld to protect it
    small = result.filter(pl.col("is_small") & (pl.col("measure") == "received"))
    assert small["unit_code"].to_list() == ["a"]


def test_small_cells_adding_up_to_less_than_the_threshold_take_another_with_them():
    # 3 + 4 = 7 is known from the total: each would be pinned between 0 and 7
    result = RULES.withhold(
        cells("46", {"a": {"closed": 3}, "b": {"closed": 4}, "c": {"closed": 40}, "d": {}}), MIN
    )
    hidden = {u for u, m in withheld(result) if m == "closed"}
    assert hidden == {"a", "b", "c"}
    assert not exposed(result)


def test_a_complement_drags_its_family_and_the_family_gets_its_own_complements():
    # a's late is small: a's family is withheld; in each family column a is then alone, so the
    # smallest other unit's cell is withheld, which withholds that unit's family in turn
    result = RULES.withhold(
        cells(
            "46",
            {
                "a": {"finished_late": 2},
                "b": {"finished": 200, "finished_on_time": 120},
                "c": {"finished": 300, "finished_on_time": 220},
            },
        ),
        MIN,
    )
    assert not exposed(result)
    for unit in ("a", "b"):
        assert {m for u, m in withheld(result) if u == unit} >= set(RULES.FAMILY)
    assert not {m for u, m in withheld(result) if u == "c"} & set(RULES.FAMILY)


@pytest.mark.parametrize("value", [0, 1, 9])
def test_every_cell_below_the_threshold_is_withheld(value):
    result = RULES.withhold(cells("46", {"a": {"pending_end": value}, "b": {}}), MIN)
    assert ("a", "pending_end") in withheld(result)
    published = result.filter(~pl.col("is_withheld"))
    assert published.filter(pl.col("value") < MIN).is_empty()


# -- any shape: random provinces, units and counts -----------------------------------------------

# a count: mostly small or zero (where the rules work hardest), sometimes large
COUNT = st.one_of(st.integers(0, 12), st.integers(0, 700))


@st.composite
def provinces(draw) -> pl.DataFrame:
    frames = []
    for province in ("11", "46", "48")[: draw(st.integers(1, 3))]:
        units = {
            f"{province}-{n}": {m: draw(COUNT) for m in RULES.COUNTS}
            for n in range(draw(st.integers(1, 5)))
        }
        frames.append(cells(province, units))
    return pl.concat(frames)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(provinces())
def test_on_any_shape_no_small_count_is_published_and_no_withheld_one_is_exposed(given_cells):
    result = RULES.withhold(given_cells, MIN)
    published = result.filter(~pl.col("is_withheld"))
    assert published.filter(pl.col("value") < MIN).is_empty()
    assert not exposed(result)
    # a fixed point: applying the rules again withholds nothing more
    again = RULES.withhold(result.drop("is_small", "is_withheld"), MIN)
    assert again["is_withheld"].sum() == result["is_withheld"].sum()
