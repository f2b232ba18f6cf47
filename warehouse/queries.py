"""The leaders' query layer: every number the leaders' pages draw, from the published
`warehouse.duckdb` (schema `marts`), on the foundation of warehouse/db.py (one read-only
connection, a bounded cache keyed by the file's signature, the warm-up after a new build).

Every function takes the viewer's `Scope` first and applies it in SQL: a province viewer
never gets another province's rows, whatever the page asks for.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import polars as pl

from warehouse.db import (
    NotPublished,
    OutOfScope,
    PublishedFile,
    Scope,
    build_stamp,
    rank_on,
    ward_search,
    ward_search_params,
)
from warehouse.paths import DATA_DIR_ENV, DataDir

__all__ = ["NotPublished", "OutOfScope", "Scope"]

REFORM_DAY = dt.date(2025, 7, 1)
MIN_FINISHED_TO_RANK = 20
# A unit that has received nothing for this many days is flagged as stalled (data page).
STALLED_DAYS = 7
NEAR_DUE_DAYS = 3
# The "slowest procedures" list: procedures with at least this many finished dossiers (the
# wards' ranking's minimum: a median of a handful of dossiers ranks chance), by median
# processing days against the statutory time; it and the busiest list show at most
# PROCEDURES_SHOWN.
SLOWEST_MIN_FINISHED = MIN_FINISHED_TO_RANK
PROCEDURES_SHOWN = 15


@dataclass(frozen=True)
class Period:
    """A closed range of days [start, end]."""

    start: dt.date
    end: dt.date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> Period:
        """The period of the same length just before this one."""
        end = self.start - dt.timedelta(days=1)
        return Period(end - dt.timedelta(days=self.days - 1), end)

    def clamp(self, as_of: dt.date | None) -> Period:
        if as_of is None or self.end <= as_of:
            return self
        return Period(self.start, max(self.start, as_of))

    def compared_with(self, shown: Period, months: int | None = None) -> Period:
        """The period to compare this one with, like with like, when only `shown` (its
        first days, up to the as-of day) has data: with `months`, the calendar period as many
        months before over as many days as `shown` (a quarter with one month of data against
        the first month of the quarter before); without, the days just before `shown`."""
        if months is None:
            return shown.previous()
        index = self.start.year * 12 + self.start.month - 1 - months
        start = dt.date(index // 12, index % 12 + 1, 1)
        end = start + dt.timedelta(days=shown.days - 1)
        return Period(start, min(end, self.start - dt.timedelta(days=1)))


def _published_path() -> Path:
    return DataDir.resolve(os.environ.get(DATA_DIR_ENV)).published


# warm_defaults is defined below, with the queries it calls
_PUBLISHED = PublishedFile(_published_path, warm=lambda: warm_defaults())
_frame = _PUBLISHED.frame
cached = _PUBLISHED.cached


# -- reference -----------------------------------------------------------------------------------


@cached()
def build_info(scope: Scope) -> dict[str, Any]:
    """The published file's stamp: build, time, as-of day, thresholds, the public layer."""
    return build_stamp(_PUBLISHED, "marts")


def as_of_day(scope: Scope) -> dt.date | None:
    return build_info(scope)["as_of_day"]


@cached()
def service_index_indicators(scope: Scope) -> pl.DataFrame:
    """The service index as the build scored it (the seeds the published file keeps): one row
    per indicator in the seed's order, with its group of Decision 766/QĐ-TTg, the group's and
    the indicator's maximum points, whether the feeds measure it, and its point steps
    (`steps`: the lowest value of each step and the share of the points it earns)."""
    return _frame(
        """with indicators as (
               select *, row_number() over () as seed_order
               from seeds.seed_service_index_indicators
           )
           select i.group_code, i.group_name, i.group_max_points, i.indicator_code,
                  i.indicator_max_points, i.is_measured,
                  list(struct_pack(min_value := s.min_value, points_share := s.points_share)
                       order by s.min_value) filter (where s.min_value is not null) as steps
           from indicators i
           left join seeds.seed_service_index_thresholds s using (indicator_code)
           group by all
           order by min(i.seed_order)"""
    )


@cached()
def days_off(scope: Scope, first_year: int, last_year: int) -> pl.DataFrame:
    """Vietnam's public holidays (`is_holiday`) and the weekend days worked in exchange for a
    day off, in these years, as the build counted working days (marts.dim_date)."""
    return _frame(
        """select day, is_holiday from marts.dim_date
           where year(day) between ? and ? and (is_holiday or is_substituted_workday)
           order by day""",
        [first_year, last_year],
    )


@cached()
def provinces(scope: Scope) -> pl.DataFrame:
    where, params = scope.where(None)
    return _frame(
        f"select province_code, province_name from marts.dim_province where {where} "
        "order by province_code",
        params,
    )


@cached()
def wards(scope: Scope, province_code: str | None = None) -> pl.DataFrame:
    where, params = scope.where(province_code)
    return _frame(
        f"""select ward_code, ward_name, ward_type, province_code from marts.dim_ward
            where {where} order by province_code, ward_name""",
        params,
    )


def _require_ward_in_scope(scope: Scope, ward_code: str) -> None:
    """Refuse, rather than answer empty, when a viewer asks for a ward of another province
    (a forged URL): the page then says "outside your scope" and shows no number of it."""
    if scope.province_code is None:
        return
    rows = _frame("select province_code from marts.dim_ward where ward_code = ?", [ward_code])
    if rows.height and rows["province_code"][0] != scope.province_code:
        raise OutOfScope(f"ward {ward_code} is outside this viewer's province")


@cached()
def ward(scope: Scope, ward_code: str) -> dict[str, Any] | None:
    _require_ward_in_scope(scope, ward_code)
    where, params = scope.where(None, "w.province_code")
    rows = _frame(
        f"""select w.ward_code, w.ward_name, w.ward_type, w.province_code, p.province_name
            from marts.dim_ward w join marts.dim_province p using (province_code)
            where w.ward_code = ? and {where}""",
        [ward_code, *params],
    ).to_dicts()
    return rows[0] if rows else None


@cached(max_entries=512)
def search_wards(
    scope: Scope, text: str, province_code: str | None = None, limit: int = 50
) -> pl.DataFrame:
    """Wards in scope whose name contains `text` (with or without diacritics) or whose code
    it is; the public edition searches the same way (warehouse.db.ward_search)."""
    where, params = scope.where(province_code, "w.province_code")
    return _frame(
        ward_search("marts.dim_ward", "marts.dim_province", where),
        [*params, *ward_search_params(text, limit)],
    )


@cached()
def months(scope: Scope) -> list[dt.date]:
    """Months with any dossier activity, newest first."""
    where, params = scope.where(None)
    frame = _frame(
        f"select distinct month from marts.rpt_province_monthly where {where} order by month desc",
        params,
    )
    return frame["month"].to_list()


@cached()
def fields(scope: Scope) -> list[str]:
    """The procedure fields of the scope's dossiers, from the unit-field-day mart (every
    received dossier has a day there; the fact is the largest table and was slow to scan)."""
    where, params = scope.where(None)
    frame = _frame(
        f"""select distinct field_name from marts.rpt_unit_field_daily
            where {where} and field_name is not null order by field_name""",
        params,
    )
    return frame["field_name"].to_list()


# -- flows ---------------------------------------------------------------------------------------


def _flow_source(
    scope: Scope, province: str | None, ward_code: str | None
) -> tuple[str, str, list]:
    """The daily table and its filter for a ward, a province or the country in scope."""
    where, params = scope.where(province)
    if ward_code:
        return "marts.rpt_ward_daily", f"ward_code = ? and {where}", [ward_code, *params]
    return "marts.rpt_province_daily", where, params


def _field_source(
    scope: Scope, province: str | None, ward_code: str | None, field_name: str
) -> tuple[str, list]:
    """The filter of the per-field mart (marts.rpt_unit_field_daily) for one procedure field
    of a ward, a province (its province level included) or the country in scope."""
    if ward_code:
        _require_ward_in_scope(scope, ward_code)
    where, params = scope.where(province)
    return (
        f"""{where} and field_name = ?
            and (?::varchar is null or (ward_code = ? and not is_province_level))""",
        [*params, field_name, ward_code, ward_code],
    )


@cached(max_entries=1024)
def summary(
    scope: Scope,
    period: Period,
    province_code: str | None = None,
    ward_code: str | None = None,
    field_name: str | None = None,
) -> dict[str, Any]:
    """The headline numbers of a unit over a period: flows summed, stocks at its last day.
    With `field_name`, the flows and stocks count that procedure field only (the service
    index cannot be split by field and stays the unit's)."""
    if ward_code:
        _require_ward_in_scope(scope, ward_code)
    table, where, params = _flow_source(scope, province_code, ward_code)
    flows = _frame(
        f"""with daily as (
                select day, sum(received) received, sum(received_online) received_online,
                       sum(finished) finished, sum(finished_early + finished_on_time) in_time,
                       sum(finished_late) finished_late, sum(pending_end) pending_end,
                       sum(pending_overdue_end) pending_overdue_end
                from {table} where {where} and day between ? and ? group by day)
            select count(*) n_days, sum(received) received, sum(received_online) received_online,
                   sum(finished) finished, sum(in_time) in_time, sum(finished_late) finished_late,
                   arg_max(pending_end, day) pending_end,
                   arg_max(pending_overdue_end, day) overdue_backlog, max(day) last_day
            from daily""",
        [*params, period.start, period.end],
    ).to_dicts()[0]
    if field_name is not None:
        flows.update(field_summary(scope, period, province_code, ward_code, field_name))
    received, finished = flows["received"] or 0, flows["finished"] or 0
    flows["online_share"] = flows["received_online"] / received if received else None
    flows["on_time_rate"] = flows["in_time"] / finished if finished else None
    flows["late_rate"] = flows["finished_late"] / finished if finished else None
    flows["field_name"] = field_name
    flows["service_index"] = service_index(scope, period, province_code, ward_code)
    flows["service_index_provinces"] = (
        None
        if ward_code or scope.province(province_code)
        else service_index_provinces(scope, period)
    )
    return flows


@cached(max_entries=1024)
def field_summary(
    scope: Scope,
    period: Period,
    province_code: str | None,
    ward_code: str | None,
    field_name: str,
) -> dict[str, Any]:
    """One procedure field's flows over the period and its stocks at the period's last day
    (the sum of the stock changes on or before it), from marts.rpt_unit_field_daily."""
    where, params = _field_source(scope, province_code, ward_code, field_name)
    return _frame(
        f"""with f as (
                select * from marts.rpt_unit_field_daily where {where} and day <= ?)
            select sum(received) filter (where day >= ?) received,
                   sum(received_online) filter (where day >= ?) received_online,
                   sum(finished) filter (where day >= ?) finished,
                   sum(finished_early + finished_on_time) filter (where day >= ?) in_time,
                   sum(finished_late) filter (where day >= ?) finished_late,
                   sum(pending_change) pending_end, sum(overdue_change) overdue_backlog
            from f""",
        [*params, period.end, *([period.start] * 5)],
    ).to_dicts()[0]


@cached(max_entries=1024)
def service_index(
    scope: Scope, period: Period, province_code: str | None = None, ward_code: str | None = None
) -> float | None:
    """The service index of the period's last month (the country: the mean of provinces)."""
    month = period.end.replace(day=1)
    where, params = scope.where(province_code)
    if ward_code:
        sql = f"""select service_index from marts.rpt_service_index_ward_monthly
                  where ward_code = ? and not is_province_level and month = ? and {where}"""
        rows = _frame(sql, [ward_code, month, *params])
    else:
        sql = f"""select avg(service_index) service_index
                  from marts.rpt_service_index_province_monthly where month = ? and {where}"""
        rows = _frame(sql, [month, *params])
    return rows["service_index"][0] if rows.height else None


@cached()
def service_index_provinces(scope: Scope, period: Period) -> int:
    """How many provinces' indexes the country's service index averages (metrics.md defines
    no country index: the dashboard shows the unweighted mean of the provinces')."""
    where, params = scope.where(None)
    rows = _frame(
        f"""select count(service_index) n from marts.rpt_service_index_province_monthly
            where month = ? and {where}""",
        [period.end.replace(day=1), *params],
    )
    return int(rows["n"][0]) if rows.height else 0


@cached(max_entries=512)
def trend(
    scope: Scope,
    period: Period,
    province_code: str | None = None,
    ward_code: str | None = None,
    grain: str = "day",
    field_name: str | None = None,
) -> pl.DataFrame:
    """Flows per day or week, with the overdue backlog at the end of each; with `field_name`,
    of that procedure field only."""
    if grain not in ("day", "week"):
        raise ValueError(grain)
    if field_name is not None:
        return _field_trend(scope, period, province_code, ward_code, grain, field_name)
    table, where, params = _flow_source(scope, province_code, ward_code)
    return _frame(
        f"""with daily as (
                select day, sum(received) received, sum(received_online) received_online,
                       sum(finished) finished, sum(finished_late) finished_late,
                       sum(pending_overdue_end) overdue_backlog
                from {table} where {where} and day between ? and ? group by day)
            select date_trunc(?, day)::date as period_start, sum(received)::bigint received,
                   sum(received_online)::bigint received_online, sum(finished)::bigint finished,
                   sum(finished_late)::bigint finished_late,
                   arg_max(overdue_backlog, day)::bigint overdue_backlog
            from daily group by 1 order by 1""",
        [*params, period.start, period.end, grain],
    )


def _field_trend(
    scope: Scope,
    period: Period,
    province_code: str | None,
    ward_code: str | None,
    grain: str,
    field_name: str,
) -> pl.DataFrame:
    """The trend of one field: every day from the field's first event (or the period's start)
    to the period's end (or the as-of day), quiet days included; the overdue backlog is the
    stock before the first day plus the running sum of the day's changes."""
    where, params = _field_source(scope, province_code, ward_code, field_name)
    return _frame(
        f"""with f as (
                select day, received, received_online, finished, finished_late, overdue_change
                from marts.rpt_unit_field_daily where {where} and day <= ?),
            bounds as (
                select greatest(?::date, min(day)) first_day,
                       least(?::date, (select max(as_of_day) from marts.build_info)) last_day
                from f),
            opening as (
                select coalesce(sum(f.overdue_change), 0) overdue_before
                from f, bounds where f.day < bounds.first_day),
            days as (
                select unnest(generate_series(first_day, last_day, interval 1 day))::date as day
                from bounds where first_day <= last_day),
            per_day as (
                select day, sum(received) received, sum(received_online) received_online,
                       sum(finished) finished, sum(finished_late) finished_late,
                       sum(overdue_change) overdue_change
                from f group by day),
            series as (
                select days.day, coalesce(per_day.received, 0) received,
                       coalesce(per_day.received_online, 0) received_online,
                       coalesce(per_day.finished, 0) finished,
                       coalesce(per_day.finished_late, 0) finished_late,
                       opening.overdue_before + sum(coalesce(per_day.overdue_change, 0))
                           over (order by days.day rows unbounded preceding) overdue_backlog
                from days left join per_day using (day) cross join opening)
            select date_trunc(?, day)::date as period_start, sum(received)::bigint received,
                   sum(received_online)::bigint received_online, sum(finished)::bigint finished,
                   sum(finished_late)::bigint finished_late,
                   arg_max(overdue_backlog, day)::bigint overdue_backlog
            from series group by 1 order by 1""",
        [*params, period.end, period.start, period.end, grain],
    )


def _per_unit_flows(unit: str, where: str, field_name: str | None, ward_only: bool) -> str:
    """The select of each ward's (`unit` = ward_code) or province's flows over a period and
    its overdue backlog at the end of it, from the daily tables or, for one field, from the
    per-field mart; its parameters come from `_flow_params`."""
    if field_name is None:
        table = "marts.rpt_ward_daily" if ward_only else "marts.rpt_province_daily"
        return f"""select {unit}, any_value(province_code) province_code,
                       sum(received) received, sum(received_online) received_online,
                       sum(finished) finished, sum(finished_early + finished_on_time) in_time,
                       sum(finished_late) finished_late,
                       arg_max(pending_overdue_end, day) overdue_backlog
                from {table} d where {where} and day between ? and ? group by {unit}"""
    level = "and not is_province_level" if ward_only else ""
    return f"""select {unit}, any_value(province_code) province_code,
                   coalesce(sum(received) filter (where day >= ?), 0) received,
                   coalesce(sum(received_online) filter (where day >= ?), 0) received_online,
                   coalesce(sum(finished) filter (where day >= ?), 0) finished,
                   coalesce(sum(finished_early + finished_on_time) filter (where day >= ?), 0)
                       in_time,
                   coalesce(sum(finished_late) filter (where day >= ?), 0) finished_late,
                   sum(overdue_change) overdue_backlog
            from marts.rpt_unit_field_daily d
            where {where} {level} and field_name = ? and day <= ? group by {unit}"""


def _flow_params(params: list, period: Period, field_name: str | None) -> list:
    """The parameters of `_per_unit_flows`, in the order of its text."""
    if field_name is None:
        return [*params, period.start, period.end]
    return [*([period.start] * 5), *params, field_name, period.end]


# The metrics wards are ranked on (the Overview's one control), best first in this order of
# choice; the provinces page ranks on these and on the service index and its groups.
WARD_METRICS = ["on_time_rate", "overdue_backlog", "overdue_per_1000", "late_rate", "online_share"]
# Ranked low to high (the fewer late dossiers and the smaller the overdue backlog, the better).
LOWER_IS_BETTER = ("late_rate", "overdue_backlog", "overdue_per_1000")
# What a ward's share or rate is taken over, which needs MIN_FINISHED_TO_RANK dossiers for the
# ward to be ranked on it (a share of a handful ranks chance). A count (the overdue backlog)
# ranks every ward: a ward that finished little may be the one with most overdue.
RANKED_ON = {
    "on_time_rate": "finished",
    "late_rate": "finished",
    "online_share": "received",
    "overdue_per_1000": "received",
}


@cached(max_entries=512)
def ward_ranking(
    scope: Scope, period: Period, province_code: str | None = None, field_name: str | None = None
) -> pl.DataFrame:
    """Every ward in scope with its flows over the period (of one procedure field, if given),
    its overdue backlog at the period's end, that backlog per 1,000 dossiers received in the
    period, and its on-time rank in its province (among wards with at least
    MIN_FINISHED_TO_RANK finished dossiers)."""
    where, params = scope.where(province_code, "d.province_code")
    per_ward = _per_unit_flows("ward_code", where, field_name, ward_only=True)
    return _frame(
        f"""with per_ward as ({per_ward})
            select w.ward_code, w.ward_name, w.province_code, p.province_name, r.received,
                   r.received_online / nullif(r.received, 0) online_share, r.finished,
                   r.in_time / nullif(r.finished, 0) on_time_rate,
                   r.finished_late / nullif(r.finished, 0) late_rate, r.overdue_backlog,
                   1000.0 * r.overdue_backlog / nullif(r.received, 0) overdue_per_1000,
                   case when r.finished >= ? then rank() over (
                       partition by r.province_code, r.finished >= ?
                       order by r.in_time / nullif(r.finished, 0) desc) end rank_in_province,
                   count(*) filter (where r.finished >= ?)
                       over (partition by r.province_code) ranked_in_province
            from per_ward r join marts.dim_ward w using (ward_code)
            join marts.dim_province p on p.province_code = w.province_code
            order by on_time_rate desc nulls last, received desc""",
        [
            *_flow_params(params, period, field_name),
            *([MIN_FINISHED_TO_RANK] * 3),
        ],
    )


def wards_ranked_by(
    scope: Scope,
    period: Period,
    province_code: str | None = None,
    field_name: str | None = None,
    metric: str = "on_time_rate",
) -> pl.DataFrame:
    """Every ward of `ward_ranking`, best first on `metric`, with its `rank` among the wards in
    scope (the country, or one province) with a value and, for a share or rate, at least
    MIN_FINISHED_TO_RANK dossiers under it (RANKED_ON); the others follow unranked."""
    if metric not in WARD_METRICS:
        raise ValueError(metric)
    ranking = ward_ranking(scope, period, province_code, field_name)
    base = RANKED_ON.get(metric)
    eligible = pl.lit(True) if base is None else pl.col(base) >= MIN_FINISHED_TO_RANK
    return rank_on(ranking, metric, eligible, ["received"], metric in LOWER_IS_BETTER)


def ranked_wards(
    scope: Scope,
    period: Period,
    province_code: str | None = None,
    field_name: str | None = None,
    metric: str = "on_time_rate",
) -> pl.DataFrame:
    """The wards of `wards_ranked_by` that have a rank, best first."""
    ranking = wards_ranked_by(scope, period, province_code, field_name, metric)
    return ranking.filter(pl.col("rank").is_not_null())


def best_and_worst(ranked: pl.DataFrame, listed: int) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The best `listed` ranked rows and the worst `listed` (worst first), no row in both: with
    fewer than twice `listed` ranked, the better half is the best list and the rest the worst
    (a ward cannot be one of the best and one needing attention at once)."""
    best = min(listed, -(-ranked.height // 2))
    worst = min(listed, ranked.height - best)
    return ranked.head(best), worst_first(ranked).head(worst)


def worst_first(ranked: pl.DataFrame) -> pl.DataFrame:
    """Ranked rows worst first (on an overdue metric, the most overdue): the highest rank,
    the busiest of equal ones first."""
    return ranked.sort(["rank", "received"], descending=True, nulls_last=True)


@cached(max_entries=512)
def province_ranking(scope: Scope, period: Period, field_name: str | None = None) -> pl.DataFrame:
    """All provinces in scope with the period's flows (of one procedure field, if given) and
    the last month's service index (never split by field)."""
    where, params = scope.where(None, "p.province_code")
    flows = _per_unit_flows("province_code", "true", field_name, ward_only=False)
    return _frame(
        f"""with flows as ({flows})
            select p.province_code, p.province_name, f.received,
                   f.received_online / nullif(f.received, 0) online_share,
                   f.in_time / nullif(f.finished, 0) on_time_rate,
                   f.finished_late / nullif(f.finished, 0) late_rate, f.overdue_backlog,
                   1000.0 * f.overdue_backlog / nullif(f.received, 0) overdue_per_1000,
                   s.service_index, s.points_progress, s.points_online_service,
                   s.points_online_payment, s.points_satisfaction, s.points_digitisation
            from marts.dim_province p
            left join flows f using (province_code)
            left join marts.rpt_service_index_province_monthly s
                on s.province_code = p.province_code and s.month = ?
            where {where} order by p.province_code""",
        [*_flow_params([], period, field_name), period.end.replace(day=1), *params],
    )


def provinces_ranked_by(
    scope: Scope, period: Period, metric: str, field_name: str | None = None
) -> pl.DataFrame:
    """`province_ranking` best first on `metric`, with each province's `rank` on it (none
    for a province without a value; equal values share the better rank)."""
    ranking = province_ranking(scope, period, field_name)
    return rank_on(ranking, metric, pl.lit(True), ["received"], metric in LOWER_IS_BETTER)


def province_rank(
    scope: Scope,
    period: Period,
    metric: str,
    field_name: str | None = None,
    province_code: str | None = None,
) -> dict[str, Any]:
    """A province's place among the 34 on `metric` (the viewer's own province, or the one a
    national viewer chose): `rank` (None without a value), `ranked` (how many provinces have
    a value and are ranked) and `provinces` (all of them). The ranking is made over every
    province, but only these counts leave this function: a province's viewer learns where
    their province stands, never another province's figures."""
    province = scope.province(province_code)
    if province is None:
        raise ValueError("province_rank needs a province")
    everyone = provinces_ranked_by(Scope(scope.role, None), period, metric, field_name)
    mine = everyone.filter(pl.col("province_code") == province)
    return {
        "rank": mine["rank"][0] if mine.height else None,
        "ranked": int(everyone["rank"].is_not_null().sum()),
        "provinces": everyone.height,
    }


# -- alerts --------------------------------------------------------------------------------------


@cached()
def alerts(
    scope: Scope, province_code: str | None = None, ward_code: str | None = None
) -> pl.DataFrame:
    where, params = scope.where(province_code, "a.province_code")
    return _frame(
        f"""select a.alert_id, a.province_code, p.province_name, a.ward_code, a.unit_name,
                   a.alert_kind, a.severity, a.since_day, a.measured_value, a.threshold,
                   a.reason, a.reason_en
            from marts.rpt_alerts a left join marts.dim_province p using (province_code)
            where {where} and (?::varchar is null or a.ward_code = ?)
            order by case a.severity when 'high' then 0 when 'medium' then 1 else 2 end,
                     a.since_day""",
        [*params, ward_code, ward_code],
    )


# -- dossiers by field and procedure -------------------------------------------------------------


@cached(max_entries=512)
def by_field(
    scope: Scope, period: Period, province_code: str | None = None, ward_code: str | None = None
) -> pl.DataFrame:
    """Per procedure field, summed from `by_procedure` (one scan of the fact serves both):
    received and online share in the period; finished in it, late share and mean working days."""
    per = by_procedure(scope, period, province_code, ward_code, None)
    received = pl.col("received").fill_null(0)
    finished = pl.col("finished").fill_null(0)
    return (
        per.group_by("field_name")
        .agg(
            received.sum().alias("received"),
            ((pl.col("online_share") * received).sum() / received.sum()).alias("online_share"),
            finished.sum().alias("finished"),
            ((pl.col("late_rate") * finished).sum() / finished.sum()).alias("late_rate"),
            ((pl.col("mean_days") * finished).sum() / finished.sum()).alias("mean_days"),
            (pl.col("non_territorial_received").sum() / received.sum()).alias(
                "non_territorial_share"
            ),
        )
        .with_columns(
            pl.col(c).fill_nan(None)
            for c in ("online_share", "late_rate", "mean_days", "non_territorial_share")
        )
        .filter((pl.col("received") > 0) | (pl.col("finished") > 0))
        .sort("received", descending=True)
    )


def non_territorial_share(
    scope: Scope, period: Period, province_code: str | None = None, ward_code: str | None = None
) -> float | None:
    """The share of the period's received dossiers that were of non-territorial procedures
    (None when none was received: a period may hold finished dossiers and none received)."""
    per = by_procedure(scope, period, province_code, ward_code, None)
    received = per["received"].sum() if per.height else 0
    return per["non_territorial_received"].sum() / received if received else None


PROCESSING_COLUMNS = [
    "procedure_name",
    "field_name",
    "finished",
    "median_days",
    "statutory_days",
    "beyond_statutory_share",
    "late_rate",
]


def ranked_procedures(
    scope: Scope,
    period: Period,
    province_code: str | None = None,
    ward_code: str | None = None,
    field_name: str | None = None,
    order: str = "slowest",
) -> pl.DataFrame:
    """At most PROCEDURES_SHOWN procedures with their processing time against the statutory
    time: the `slowest` (median against statutory time, among those with at least
    SLOWEST_MIN_FINISHED finished in the period) or the `busiest` (most finished) first."""
    per = by_procedure(scope, period, province_code, ward_code, field_name)
    if order == "slowest":
        chosen = per.filter(pl.col("finished") >= SLOWEST_MIN_FINISHED).sort(
            pl.col("median_days") / pl.col("statutory_days"), descending=True, nulls_last=True
        )
    elif order == "busiest":
        chosen = per.filter(pl.col("finished") > 0).sort("finished", descending=True)
    else:
        raise ValueError(order)
    return chosen.head(PROCEDURES_SHOWN).select(PROCESSING_COLUMNS)


_ONE_DAY = dt.timedelta(days=1)


def month_end(month: dt.date) -> dt.date:
    """The last day of the month of `month`."""
    following = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return following - dt.timedelta(days=1)


@cached()
def _procedure_month_last_days(scope: Scope) -> dict[str, dict[dt.date, dt.date]]:
    """Per month, the last day any dossier ended and was received in it (country-wide: a
    period reaching past it covers its whole month)."""
    ended = _frame(
        """select month, max(last_end_day) last_day
           from marts.rpt_procedure_days_monthly group by month"""
    )
    received = _frame(
        """select month, max(last_received_day) last_day
           from marts.rpt_procedure_received_monthly group by month"""
    )
    return {
        side: dict(zip(frame["month"].to_list(), frame["last_day"].to_list(), strict=True))
        for side, frame in (("ended", ended), ("received", received))
    }


def _split_by_months(
    period: Period, last_days: dict[dt.date, dt.date]
) -> tuple[tuple[dt.date, dt.date], list[tuple[dt.date, dt.date]]]:
    """The period as whole months [first day, last day] (empty when first > last) and the
    ranges of days left over (none, one or two partial months). A month counts as whole when
    the period holds all its days, or all the days on which the month has data (the current
    month up to the last load)."""
    first = period.start if period.start.day == 1 else month_end(period.start) + _ONE_DAY
    month = period.end.replace(day=1)
    if period.end == month_end(month) or period.end >= last_days.get(month, month):
        last = month_end(month)
    else:
        last = month - _ONE_DAY
    if first > last:
        return (first, last), [(period.start, period.end)]
    left = [(period.start, first - _ONE_DAY), (last + _ONE_DAY, period.end)]
    return (first, last), [(a, b) for a, b in left if a <= b]


def _histogram_with_partial_days(
    where: str,
    params: list,
    period: Period,
    last_days: dict[dt.date, dt.date],
    histogram: str,
    from_fact: str,
    day: str,
) -> tuple[str, list]:
    """A monthly histogram's rows for the whole months of a period, plus the same rows
    counted from the dossier fact for the days of partial months (none for whole months)."""
    (first, last), partial = _split_by_months(period, last_days)
    sql, values = f"{histogram} where {where} and month between ? and ?", [*params, first, last]
    if partial:
        days = " or ".join(f"{day} between ? and ?" for _ in partial)
        sql += f" union all {from_fact} where {where} and is_received and ({days}) group by all"
        values += [*params, *(d for pair in partial for d in pair)]
    return sql, values


@cached(max_entries=512)
def by_procedure(
    scope: Scope,
    period: Period,
    province_code: str | None = None,
    ward_code: str | None = None,
    field_name: str | None = None,
) -> pl.DataFrame:
    """Per procedure, dossiers that ended in the period (finished, or withdrawn, stopped or
    refused): their late share and processing working days against the statutory time (exact
    median and mean), plus the volume and online share of those received in it.

    For a province or the country, whole months come from two per-procedure histograms
    (marts.rpt_procedure_days_monthly, marts.rpt_procedure_received_monthly) and only the
    days of a partial month are read from the dossier fact, so any range stays exact and a
    month or a quarter reads a few thousand rows. A ward's dossiers are read from the fact,
    which is clustered by province and ward."""
    if ward_code:
        _require_ward_in_scope(scope, ward_code)
        return _by_procedure_of_ward(scope, period, province_code, ward_code, field_name)
    where, params = scope.where(province_code)
    last_days = _procedure_month_last_days(scope)
    ended, ended_params = _histogram_with_partial_days(
        where,
        params,
        period,
        last_days["ended"],
        histogram="""select province_code, procedure_code,
                            processing_working_days as working_days, ended, with_timeliness,
                            ended_late, with_statutory_check, beyond_statutory,
                            statutory_working_days
                     from marts.rpt_procedure_days_monthly""",
        from_fact="""select province_code, procedure_code, processing_working_days::integer,
                            count(*), count(timeliness),
                            count(*) filter (where timeliness = 'late'),
                            count(is_beyond_statutory),
                            count(*) filter (where is_beyond_statutory),
                            max(statutory_working_days)
                     from marts.fct_dossiers""",
        day="end_day",
    )
    received, received_params = _histogram_with_partial_days(
        where,
        params,
        period,
        last_days["received"],
        histogram="""select province_code, procedure_code, received, with_channel,
                            received_online, statutory_working_days
                     from marts.rpt_procedure_received_monthly""",
        from_fact="""select province_code, procedure_code, count(*), count(is_online),
                            count(*) filter (where is_online), max(statutory_working_days)
                     from marts.fct_dossiers""",
        day="received_day",
    )
    return _frame(
        f"""with
            ended as ({ended}),
            received as ({received}),
            procedures as (
                select province_code, procedure_code, procedure_name, field_name,
                       is_non_territorial
                from marts.dim_procedure
                where {where} and (?::varchar is null or field_name = ?)),
            ended_days as (
                select procedure_code, working_days, sum(ended) n
                from ended join procedures using (province_code, procedure_code)
                where working_days is not null group by all),
            ranked as (
                select procedure_code, working_days,
                       sum(n) over (partition by procedure_code order by working_days) up_to,
                       sum(n) over (partition by procedure_code) total
                from ended_days),
            medians as (
                -- the macro dbt makes for the marts (macros/procedure_histograms.sql)
                select procedure_code,
                       marts.histogram_quantile(working_days, up_to, total, 0.5) median_days
                from ranked group by procedure_code),
            per_ended as (
                select procedure_code, any_value(procedure_name) procedure_name,
                       any_value(field_name) field_name, sum(ended)::bigint finished,
                       sum(ended_late) / nullif(sum(with_timeliness), 0) late_rate,
                       sum(working_days * ended)
                           / nullif(sum(ended) filter (where working_days is not null), 0)
                           mean_days,
                       max(statutory_working_days) statutory_days,
                       sum(beyond_statutory) / nullif(sum(with_statutory_check), 0)
                           beyond_statutory_share
                from ended join procedures using (province_code, procedure_code)
                group by procedure_code),
            per_received as (
                select procedure_code, any_value(procedure_name) procedure_name,
                       any_value(field_name) field_name, sum(received)::bigint received,
                       sum(received_online) / nullif(sum(with_channel), 0) online_share,
                       max(statutory_working_days) statutory_days,
                       coalesce(sum(received) filter (where is_non_territorial), 0)::bigint
                           non_territorial_received
                from received join procedures using (province_code, procedure_code)
                group by procedure_code)
            select procedure_code,
                   coalesce(r.procedure_name, e.procedure_name) procedure_name,
                   coalesce(r.field_name, e.field_name) field_name,
                   coalesce(r.received, 0) received, r.online_share,
                   coalesce(e.finished, 0) finished, e.late_rate,
                   m.median_days, e.mean_days,
                   greatest(r.statutory_days, e.statutory_days) statutory_days,
                   e.beyond_statutory_share,
                   coalesce(r.non_territorial_received, 0) non_territorial_received
            from per_received r
            full join per_ended e using (procedure_code)
            left join medians m using (procedure_code)
            order by received desc, procedure_code""",
        [*ended_params, *received_params, *params, field_name, field_name],
    )


def _by_procedure_of_ward(
    scope: Scope,
    period: Period,
    province_code: str | None,
    ward_code: str,
    field_name: str | None,
) -> pl.DataFrame:
    """`by_procedure` for one ward, read from the dossier fact."""
    where, params = scope.where(province_code)
    return _frame(
        f"""with d as materialized (
                select province_code, procedure_code, field_name, is_online, timeliness,
                       processing_working_days, statutory_working_days, is_beyond_statutory,
                       received_day between ? and ? as in_received,
                       end_day between ? and ? as in_finished
                from marts.fct_dossiers
                where {where} and ward_code = ?
                  and (?::varchar is null or field_name = ?) and is_received
                  and (received_day between ? and ? or end_day between ? and ?)),
            per_procedure as (
                select procedure_code, any_value(field_name) field_name,
                       count(*) filter (where in_received) received,
                       avg(is_online::int) filter (where in_received) online_share,
                       count(*) filter (where in_finished) finished,
                       avg((timeliness = 'late')::int) filter (where in_finished) late_rate,
                       median(processing_working_days) filter (where in_finished) median_days,
                       avg(processing_working_days) filter (where in_finished) mean_days,
                       max(statutory_working_days) statutory_days,
                       avg(is_beyond_statutory::int) filter (where in_finished)
                           beyond_statutory_share
                from d group by procedure_code),
            per_province as (
                select c.procedure_code, any_value(p.procedure_name) procedure_name,
                       (sum(c.received) filter (where p.is_non_territorial))::bigint
                           non_territorial_received
                from (select province_code, procedure_code,
                             count(*) filter (where in_received) received
                      from d group by all) c
                left join marts.dim_procedure p using (province_code, procedure_code)
                group by c.procedure_code)
            select r.procedure_code, n.procedure_name, r.field_name, r.received, r.online_share,
                   r.finished, r.late_rate, r.median_days, r.mean_days, r.statutory_days,
                   r.beyond_statutory_share,
                   coalesce(n.non_territorial_received, 0) non_territorial_received
            from per_procedure r left join per_province n using (procedure_code)
            order by r.received desc, r.procedure_code""",
        [
            *([period.start, period.end] * 2),
            *params,
            ward_code,
            field_name,
            field_name,
            *([period.start, period.end] * 2),
        ],
    )


# -- why a ward is late --------------------------------------------------------------------------

# What the late dossiers and the overdue backlog are broken down by (marts.rpt_unit_lateness_daily).
LATENESS_BY = {
    "field": ["field_name"],
    "agency": ["agency_code", "agency_name"],
    "supplement": ["supplement_group"],
}
SUPPLEMENT_GROUPS = ["none", "one", "several"]


@cached(max_entries=512)
def why_late(
    scope: Scope,
    period: Period,
    province_code: str | None = None,
    ward_code: str | None = None,
    field_name: str | None = None,
    by: str = "field",
) -> pl.DataFrame:
    """The dossiers finished late in the period and the overdue backlog at the end of its
    last day, of a ward (or a province, its province level included, or the country in scope;
    of one procedure field, if given), by procedure field, handling agency or supplement
    group: with each part's share of the late ones and, for the late ones with a supplement
    request, their mean working days waiting for the citizen. Only parts with a late or an
    overdue dossier are listed; over all parts the late ones and the backlog are the headline
    numbers of the same unit, period and field."""
    if by not in LATENESS_BY:
        raise ValueError(by)
    if ward_code:
        _require_ward_in_scope(scope, ward_code)
    where, params = scope.where(province_code)
    keys = ", ".join(LATENESS_BY[by])
    frame = _frame(
        f"""with l as (
                select {keys}, day, finished, finished_late, late_with_request,
                       late_wait_working_days, overdue_change
                from marts.rpt_unit_lateness_daily
                where {where} and day <= ?
                  and (?::varchar is null or (ward_code = ? and not is_province_level))
                  and (?::varchar is null or field_name = ?))
            select {keys},
                   coalesce(sum(finished) filter (where day >= ?), 0)::bigint finished,
                   coalesce(sum(finished_late) filter (where day >= ?), 0)::bigint finished_late,
                   coalesce(sum(late_with_request) filter (where day >= ?), 0)::bigint
                       late_with_request,
                   sum(late_wait_working_days) filter (where day >= ?)
                       / nullif(sum(late_with_request) filter (where day >= ?), 0)
                       mean_wait_days,
                   coalesce(sum(overdue_change), 0)::bigint overdue_backlog
            from l group by {keys}
            having finished_late > 0 or overdue_backlog > 0
            order by finished_late desc, overdue_backlog desc, {keys}""",
        [
            *params,
            period.end,
            ward_code,
            ward_code,
            field_name,
            field_name,
            *([period.start] * 5),
        ],
    )
    total = frame["finished_late"].sum() if frame.height else 0
    share = pl.col("finished_late") / total if total else pl.lit(None, pl.Float64)
    frame = frame.with_columns(share.alias("late_share_of_late"))
    if by == "supplement":  # in the order of the groups, not of their size
        order = {g: i for i, g in enumerate(SUPPLEMENT_GROUPS)}
        frame = frame.sort(pl.col("supplement_group").replace_strict(order, return_dtype=pl.Int64))
    return frame


@cached()
def field_staffing(scope: Scope, ward_code: str) -> pl.DataFrame:
    """A ward's procedure fields with the speciality in charge of each and that speciality's
    quota, people in post and gap in the ward's latest staffing report."""
    _require_ward_in_scope(scope, ward_code)
    where, params = scope.where(None)
    return _frame(
        f"""select field_name, speciality, quota, in_post, gap, surplus, report_date
            from marts.rpt_ward_field_staffing
            where ward_code = ? and {where} order by field_name""",
        [ward_code, *params],
    )


def why_late_by_field(
    scope: Scope,
    period: Period,
    province_code: str | None = None,
    ward_code: str | None = None,
    field_name: str | None = None,
) -> pl.DataFrame:
    """`why_late` by procedure field; for a ward, with the staffing of the speciality in
    charge of each field beside it (its quota, people in post and gap)."""
    frame = why_late(scope, period, province_code, ward_code, field_name, "field")
    if not ward_code:
        return frame
    staff = field_staffing(scope, ward_code).select(
        "field_name", "speciality", "quota", "in_post", "gap"
    )
    return frame.join(staff, on="field_name", how="left")


# -- a ward's backlog ----------------------------------------------------------------------------


@cached()
def backlog_ageing(scope: Scope, ward_code: str, day: dt.date) -> pl.DataFrame:
    _require_ward_in_scope(scope, ward_code)
    where, params = scope.where(None)
    return _frame(
        f"""select cohort, pending, age_0_5_days, age_6_15_days, age_16_30_days, age_31_60_days,
                   age_over_60_days, not_yet_due, past_due_1_7_days, past_due_8_30_days,
                   past_due_over_30_days
            from marts.rpt_backlog_ageing_daily
            where ward_code = ? and not is_province_level and {where}
              and day = (select max(day) from marts.rpt_backlog_ageing_daily
                         where ward_code = ? and day <= ?)
            order by cohort""",
        [ward_code, *params, ward_code, day],
    )


@cached()
def inherited_backlog(scope: Scope, ward_code: str) -> dict[str, Any] | None:
    _require_ward_in_scope(scope, ward_code)
    where, params = scope.where(None)
    rows = _frame(
        f"""select inherited, remaining, finished, finished_late, closed, land, cleared_day
            from marts.rpt_inherited_backlog
            where ward_code = ? and not is_province_level and {where}""",
        [ward_code, *params],
    ).to_dicts()
    return rows[0] if rows else None


@cached(ttl=120, max_entries=512)
def overdue_dossiers(
    scope: Scope,
    ward_code: str,
    near_days: int = NEAR_DUE_DAYS,
    field_name: str | None = None,
    day: dt.date | None = None,
) -> pl.DataFrame:
    """A ward's dossiers (of one procedure field, if given) pending at the end of `day` (the
    as-of day when not given) that are overdue on it, or not overdue and due within
    `near_days` of it. The overdue ones are those `rpt_ward_daily.pending_overdue_end` counts
    on that day. Codes, procedures and dates only: no personal data."""
    if not scope.sees_dossiers:
        raise OutOfScope("dossier lists are for leaders and council members")
    _require_ward_in_scope(scope, ward_code)
    where, params = scope.where(None, "d.province_code")
    day = day or as_of_day(scope)
    return _frame(
        # The ward's dossiers pending on the day first (the fact is clustered by ward), then
        # only their overdue span that covers the day: a span that opens after the day (a
        # deadline still ahead) is not overdue yet.
        f"""with pending as materialized (
                select dossier_code, province_code, procedure_code, received_day, due_day
                from marts.fct_dossiers d
                where d.ward_code = ? and not d.is_province_level and {where}
                  and d.is_received and d.received_day <= ?::date
                  and (d.pending_until_day is null or d.pending_until_day > ?::date)
                  and (?::varchar is null or d.field_name = ?)),
            spans as (
                select dossier_code, max(from_day) from_day
                from marts.fct_dossier_overdue_spans
                where dossier_code in (select dossier_code from pending)
                  and from_day <= ?::date and (to_day is null or to_day > ?::date)
                group by dossier_code)
            select d.dossier_code, p.procedure_name, d.received_day, d.due_day,
                   case when s.dossier_code is null then 'near_due' else 'overdue' end state,
                   case when s.dossier_code is null then 0
                        else ?::date - s.from_day + 1 end days_overdue
            from pending d
            left join marts.dim_procedure p using (province_code, procedure_code)
            left join spans s using (dossier_code)
            where s.dossier_code is not null or d.due_day between ? and ?::date + ?::int
            order by state desc, days_overdue desc, d.due_day, d.dossier_code""",
        [ward_code, *params, day, day, field_name, field_name, day, day, day, day, day, near_days],
    )


# -- staffing and premises -----------------------------------------------------------------------


@cached()
def staffing_totals(
    scope: Scope, province_code: str | None = None, ward_code: str | None = None
) -> dict[str, Any] | None:
    """Posts in the quota, people in post, surplus and gap of a ward (marts.rpt_staffing_ward),
    a province or the country in scope (marts.rpt_staffing_province); None when no ward in it
    has reported."""
    sums = ", ".join(f"sum({c})::bigint {c}" for c in ("quota", "in_post", "surplus", "gap"))
    tables = ("marts.rpt_staffing_ward", "marts.rpt_staffing_province")
    return _unit_totals(scope, sums, tables, province_code, ward_code)


@cached()
def staffing_wards(
    scope: Scope, province_code: str | None = None, ward_code: str | None = None
) -> pl.DataFrame:
    """Each ward's latest staffing snapshot (one ward's, with `ward_code`), the furthest under
    its quota first."""
    where, params = scope.where(province_code, "s.province_code")
    return _frame(
        f"""select s.ward_code, w.ward_name, p.province_name, s.report_date, s.quota, s.in_post,
                   s.in_post_minus_quota, s.quota_status, s.gap, s.surplus, s.has_nobody_it,
                   s.has_nobody_land, s.has_nobody_construction, s.land_gap,
                   s.construction_gap, s.land_gap + s.construction_gap land_construction_gap,
                   s.dossiers_per_person, s.finished, s.late_share
            from marts.rpt_staffing_ward s join marts.dim_ward w using (ward_code)
            join marts.dim_province p on p.province_code = s.province_code
            where {where} and (?::varchar is null or s.ward_code = ?)
            order by s.in_post_minus_quota""",
        [*params, ward_code, ward_code],
    )


def staffing_wards_missing(
    scope: Scope, province_code: str | None = None, ward_code: str | None = None
) -> pl.DataFrame:
    """The wards with nobody in post for IT, land or construction."""
    wards = staffing_wards(scope, province_code, ward_code)
    return wards.filter(
        pl.col("has_nobody_it") | pl.col("has_nobody_land") | pl.col("has_nobody_construction")
    )


def staffing_wards_over_quota(
    scope: Scope, province_code: str | None = None, ward_code: str | None = None
) -> pl.DataFrame:
    """The wards with more people in post than their quota, the largest surplus first."""
    wards = staffing_wards(scope, province_code, ward_code)
    return wards.filter(pl.col("surplus") > 0).sort("surplus", descending=True)


@cached()
def staffing_specialities(
    scope: Scope, province_code: str | None = None, ward_code: str | None = None
) -> pl.DataFrame:
    where, params = scope.where(province_code)
    return _frame(
        f"""select speciality, sum(quota)::bigint quota, sum(in_post)::bigint in_post,
                   sum(gap)::bigint gap, sum(surplus)::bigint surplus
            from marts.rpt_staffing_positions
            where {where} and (?::varchar is null or ward_code = ?)
            group by speciality order by speciality""",
        [*params, ward_code, ward_code],
    )


@cached()
def assets_wards(
    scope: Scope, province_code: str | None = None, ward_code: str | None = None
) -> pl.DataFrame:
    """Each ward's latest premises snapshot (one ward's, with `ward_code`)."""
    where, params = scope.where(province_code, "a.province_code")
    return _frame(
        f"""select a.ward_code, w.ward_name, p.province_name, a.report_date, a.premises,
                   a.use_dang_su_dung, a.use_su_dung_mot_phan, a.use_bo_trong, a.use_da_chuyen_doi,
                   a.use_cho_xu_ly, a.condition_tot, a.condition_xuong_cap, a.condition_hu_hong,
                   a.floor_area_m2, a.vacant_floor_area_m2, a.long_vacant, a.far_offices,
                   a.office_m2_per_person, a.is_short_of_space
            from marts.rpt_assets_ward a join marts.dim_ward w using (ward_code)
            join marts.dim_province p on p.province_code = a.province_code
            where {where} and (?::varchar is null or a.ward_code = ?)
            order by a.vacant_floor_area_m2 desc""",
        [*params, ward_code, ward_code],
    )


ASSET_TOTALS = [
    "premises",
    "use_dang_su_dung",
    "use_su_dung_mot_phan",
    "use_bo_trong",
    "use_da_chuyen_doi",
    "use_cho_xu_ly",
    "condition_tot",
    "condition_xuong_cap",
    "condition_hu_hong",
    "vacant_floor_area_m2",
]


def _unit_totals(
    scope: Scope,
    sums: str,
    tables: tuple[str, str],
    province_code: str | None,
    ward_code: str | None,
) -> dict[str, Any] | None:
    """`sums` over a ward's row of the ward-level mart, or over the province-level mart's
    rows in scope (one province, or the country); None when no row has reported."""
    ward_table, province_table = tables
    where, params = scope.where(province_code)
    if ward_code:
        _require_ward_in_scope(scope, ward_code)
        sql = f"select count(*) reports, {sums} from {ward_table} where ward_code = ? and {where}"
        params = [ward_code, *params]
    else:
        sql = f"select count(*) reports, {sums} from {province_table} where {where}"
    totals = _frame(sql, params).to_dicts()[0]
    return totals if totals.pop("reports") else None


@cached()
def assets_totals(
    scope: Scope, province_code: str | None = None, ward_code: str | None = None
) -> dict[str, Any] | None:
    """Premises by use and condition and the vacant floor area of a ward (its snapshot in
    marts.rpt_assets_ward), a province or the country in scope (marts.rpt_assets_province);
    None when no ward in it has reported."""
    sums = ", ".join(
        f"sum({c})::{'double' if c.endswith('_m2') else 'bigint'} {c}" for c in ASSET_TOTALS
    )
    tables = ("marts.rpt_assets_ward", "marts.rpt_assets_province")
    return _unit_totals(scope, sums, tables, province_code, ward_code)


@cached()
def far_office_wards(
    scope: Scope, province_code: str | None = None, ward_code: str | None = None
) -> pl.DataFrame:
    """Wards with offices far from their main one (marts.rpt_assets_ward.far_offices)."""
    where, params = scope.where(province_code, "a.province_code")
    return _frame(
        f"""select a.ward_code, w.ward_name, a.premises, a.far_offices, a.office_m2_per_person
            from marts.rpt_assets_ward a join marts.dim_ward w using (ward_code)
            where {where} and (?::varchar is null or a.ward_code = ?) and a.far_offices > 0
            order by a.vacant_floor_area_m2 desc""",
        [*params, ward_code, ward_code],
    )


@cached()
def vacant_or_degraded_premises(
    scope: Scope, province_code: str | None = None, ward_code: str | None = None
) -> pl.DataFrame:
    """Every premises standing vacant or in bad condition, longest vacant first."""
    where, params = scope.where(province_code, "r.province_code")
    return _frame(
        f"""select r.asset_code, r.ward_name asset_ward_name, r.former_unit, r.asset_type,
                   r.floor_area_m2, r.condition, r.use_status, r.vacant_since_date,
                   r.vacant_days days_vacant, r.distance_km, r.planned_reuse
            from marts.rpt_premises r
            where {where} and (?::varchar is null or r.ward_code = ?)
              and (r.is_vacant or r.is_degraded)
            order by r.vacant_days desc nulls last, r.condition desc, r.asset_code""",
        [*params, ward_code, ward_code],
    )


@cached()
def reuse_candidates(
    scope: Scope, province_code: str | None = None, ward_code: str | None = None
) -> pl.DataFrame:
    where, params = scope.where(province_code, "r.province_code")
    return _frame(
        f"""select r.ward_code, w.ward_name, r.office_m2_per_person, r.asset_code,
                   r.asset_ward_code, aw.ward_name asset_ward_name, r.former_unit, r.asset_type,
                   r.floor_area_m2, r.condition, r.use_status, r.vacant_since_date,
                   (b.as_of_day - r.vacant_since_date) days_vacant,
                   r.distance_to_own_office_km, r.planned_reuse
            from marts.rpt_premises_reuse_candidates r
            join marts.dim_ward w on w.ward_code = r.ward_code
            left join marts.dim_ward aw on aw.ward_code = r.asset_ward_code
            cross join marts.build_info b
            where {where} and (?::varchar is null or r.ward_code = ? or r.asset_ward_code = ?)
            order by r.ward_code, r.floor_area_m2 desc""",
        [*params, ward_code, ward_code, ward_code],
    )


# -- warming -------------------------------------------------------------------------------------


def warm_defaults() -> None:
    """Fill the cache with what the pages ask for at their default view (the latest month,
    the viewer's whole scope), so the first viewer after a new build does not wait for the
    scans. Runs in a background thread each time a new published file is opened."""
    try:
        scope = Scope(
            os.environ.get("HAICAP_SCOPE_ROLE", "leader"),
            os.environ.get("HAICAP_SCOPE_PROVINCE") or None,
        )
        found = months(scope)
        if not found:
            return
        start = found[0]
        end = (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
        full = Period(start, end)
        period = full.clamp(as_of_day(scope))
        provinces(scope)
        wards(scope, None)
        fields(scope)
        summary(scope, period, None)
        summary(scope, full.compared_with(period, months=1), None)  # the tiles' comparison
        trend(scope, period, None, None, "day" if period.days <= 62 else "week")
        ward_ranking(scope, period, None)
        alerts(scope, None)
        province_ranking(scope, period)
        by_procedure(scope, period, None, None, None)
        by_field(scope, period, None, None)
        staffing_totals(scope, None, None)
        staffing_wards(scope, None, None)
        staffing_specialities(scope, None, None)
        assets_totals(scope, None, None)
        far_office_wards(scope, None, None)
        reuse_candidates(scope, None, None)
        load_log(scope)
        quarantine(scope)
        freshness_provinces(scope)
        freshness_wards(scope, None)
    except NotPublished:
        return  # the data folder went away (a test's, or a move): nothing to warm
    except Exception as error:  # a warm-up that fails costs only speed; say so, go on
        print(f"haicap: cache warm-up stopped: {type(error).__name__}: {error}", flush=True)


# -- data health ---------------------------------------------------------------------------------


LOAD_LOG_COLUMNS = {
    "file_name": pl.String,
    "feed": pl.String,
    "file_format": pl.String,
    "load_started_at": pl.Datetime,
    "load_finished_at": pl.Datetime,
    "rows_read": pl.Int64,
    "rows_accepted": pl.Int64,
    "rows_quarantined": pl.Int64,
    "rows_waiting": pl.Int64,
}
QUARANTINE_COLUMNS = {
    "feed": pl.String,
    "rule": pl.String,
    "field": pl.String,
    "rows_quarantined": pl.Int64,
    "files": pl.Int64,
    "example_message": pl.String,
}


def _province_rows(sql: str, scope: Scope, columns: dict[str, Any]) -> pl.DataFrame:
    """A province viewer's rows of the load log or quarantine (marts.rpt_load_rows_by_province);
    none from a file published before that table existed, rather than every province's."""
    try:
        return _frame(sql, [scope.province_code])
    except duckdb.CatalogException:
        return pl.DataFrame(schema=columns)


@cached()
def load_log(scope: Scope) -> pl.DataFrame:
    """The files loaded, newest first. A province's viewer sees only the files with rows of
    their province, counted over those rows alone: a file of several provinces shows them
    their own rows, never how many another province sent; rows placed in no province (an
    unreadable line, an unknown ward) are nobody's to see but a national viewer's. Rows
    waiting for their dossier are in no province yet, so that count is left empty for them.
    As rows_read, only the rows of the file's own feed count (not a dossier file's nested
    supplement requests)."""
    if scope.province_code is None:
        return _frame(
            """select file_name, feed, file_format, load_started_at, load_finished_at, rows_read,
                      rows_accepted, rows_quarantined, rows_waiting
               from marts.rpt_load_log order by load_finished_at desc, load_id desc"""
        )
    return _province_rows(
        """select l.file_name, l.feed, l.file_format, l.load_started_at, l.load_finished_at,
                  sum(p.row_count)::bigint as rows_read,
                  coalesce(sum(p.row_count) filter (where not p.is_quarantined), 0)::bigint
                      as rows_accepted,
                  coalesce(sum(p.row_count) filter (where p.is_quarantined), 0)::bigint
                      as rows_quarantined,
                  null::bigint as rows_waiting
           from marts.rpt_load_log l
           join marts.rpt_load_rows_by_province p on p.load_id = l.load_id and p.feed = l.feed
           where p.province_code = ?
           group by l.load_id, l.file_name, l.feed, l.file_format, l.load_started_at,
                    l.load_finished_at
           order by l.load_finished_at desc, l.load_id desc""",
        scope,
        LOAD_LOG_COLUMNS,
    )


@cached()
def quarantine(scope: Scope) -> pl.DataFrame:
    """Quarantined rows by feed, rule and field; for a province's viewer, their province's rows
    only (with an example message from those rows)."""
    if scope.province_code is None:
        return _frame(
            """select feed, rule, field, rows_quarantined, files, example_message
               from marts.rpt_quarantine_by_rule order by rows_quarantined desc"""
        )
    return _province_rows(
        """select feed, rule, field, sum(row_count)::bigint as rows_quarantined,
                  count(distinct load_id)::bigint as files, min(example_message) as example_message
           from marts.rpt_load_rows_by_province
           where is_quarantined and province_code = ?
           group by feed, rule, field
           order by rows_quarantined desc, feed, rule, field""",
        scope,
        QUARANTINE_COLUMNS,
    )


@cached()
def public_layer(scope: Scope) -> dict[str, Any]:
    """Whether the last build published the journalists' file, and if not, the checks its
    public layer failed with their provinces (from the leaders' `marts.build_info`; the
    failing rows stay out, since they may hold another province's numbers)."""
    stamp = build_info(scope)
    failures = json.loads(stamp.get("public_failures") or "[]")
    return {
        # files published before the public layer was isolated always had both files
        "published": stamp.get("public_published", True) is not False,
        "public_build_id": stamp.get("public_build_id"),
        "failures": [{"check": f["check"], "provinces": f.get("provinces", [])} for f in failures],
    }


@cached()
def freshness_provinces(scope: Scope) -> pl.DataFrame:
    where, params = scope.where(None, "p.province_code")
    return _frame(
        f"""select p.province_code, p.province_name, f.last_received_day, f.last_activity_day,
                   f.as_of_day, f.wards_with_dossiers, f.dossiers
            from marts.dim_province p left join marts.rpt_freshness_province f using (province_code)
            where {where} order by f.last_received_day nulls first, p.province_code""",
        params,
    )


@cached()
def freshness_wards(scope: Scope, province_code: str | None = None) -> pl.DataFrame:
    """Each unit's last received and active day; `stalled` when it has received nothing for
    STALLED_DAYS days or more."""
    where, params = scope.where(province_code, "f.province_code")
    return _frame(
        f"""select f.unit_code, coalesce(w.ward_name, ?) ward_name, p.province_name,
                   f.last_received_day, f.last_activity_day, f.days_since_received, f.dossiers,
                   f.days_since_received >= ? stalled
            from marts.rpt_freshness_unit f
            left join marts.dim_ward w on w.ward_code = f.ward_code and not f.is_province_level
            join marts.dim_province p on p.province_code = f.province_code
            where {where} order by f.days_since_received desc, f.unit_code""",
        ["—", STALLED_DAYS, *params],
    )
