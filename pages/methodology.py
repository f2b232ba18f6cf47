"""Phương pháp / Methodology: every number in plain words (what it counts, the service index's
groups of Decision 766/QĐ-TTg, working days, periods, where the data come from), and one tab
away the technical definitions for analysts (feed fields, formulas, tables, the dbt docs).
Every figure quoted (points, holidays, days) is read from the published build."""

from __future__ import annotations

import datetime as dt

import polars as pl
import streamlit as st

from haicap.i18n import STRINGS, fmt_date, fmt_datetime, fmt_number, fmt_pct, t
from pages._common import DEFINITIONS, guard, viewer_scope
from warehouse import queries as q
from warehouse.paths import DataDir

# The definitions in words, in reading order (the public page has its own list: it has no
# processing days or cohorts).
PLAIN = [
    "method_received",
    "method_finished",
    "method_timeliness",
    "method_on_time_rate",
    "method_pending",
    "method_overdue_per_1000",
    "method_online",
    "method_processing",
    "method_cohort",
    "method_units",
]


def bullets(keys: list[str]) -> None:
    st.markdown("\n".join(f"- {t(key)}" for key in keys))


def markdown_table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    lines += ["| " + " | ".join(cell.replace("|", "/") for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def group_words(code: str, fallback: str) -> tuple[str, str]:
    """A group's name and what it measures, in the page's language (the seed's Vietnamese name
    for a group the translations do not know)."""
    key = f"method_group_{code}"
    if key not in STRINGS:
        return fallback, "–"
    return t(key), t(f"{key}_what")


def index_groups(indicators: pl.DataFrame) -> None:
    """The groups with their maximum points, whether the data measure them, and what they
    measure; then how the score is rescaled over what can be measured."""
    groups = indicators.group_by("group_code", maintain_order=True).agg(
        pl.col("group_name").first(),
        pl.col("group_max_points").first(),
        pl.col("is_measured").any(),
    )
    rows = []
    for code, name, points, measured in groups.iter_rows():
        label, what = group_words(code, name)
        rows.append([label, fmt_number(points), t("method_yes" if measured else "method_no"), what])
    header = ["method_col_group", "method_col_points", "method_col_measured", "method_col_what"]
    st.markdown(markdown_table([t(h) for h in header], rows))
    st.write(t("method_index_total", total=fmt_number(groups["group_max_points"].sum())))
    unmeasured = groups.filter(~pl.col("is_measured"))
    if unmeasured.height:
        names = ", ".join(
            group_words(c, n)[0]
            for c, n in unmeasured.select("group_code", "group_name").iter_rows()
        )
        st.write(
            t(
                "method_index_unmeasured",
                groups=names,
                points=fmt_number(unmeasured["group_max_points"].sum()),
                measured=fmt_number(groups.filter(pl.col("is_measured"))["group_max_points"].sum()),
            )
        )
    st.write(t("method_index_scale"))
    st.write(t("method_index_country"))


def day_ranges(days: list[dt.date]) -> str:
    """Days as dates and ranges of consecutive days ("27/01/2025–01/02/2025")."""
    if not days:
        return t("method_none")
    spans: list[list[dt.date]] = []
    for day in days:
        if spans and day - spans[-1][-1] == dt.timedelta(days=1):
            spans[-1].append(day)
        else:
            spans.append([day])
    return ", ".join(
        fmt_date(span[0]) if len(span) == 1 else f"{fmt_date(span[0])}–{fmt_date(span[-1])}"
        for span in spans
    )


def calendar(scope: q.Scope, as_of: dt.date | None) -> None:
    """The days off and the weekend days worked of each year since the reform, as the build's
    calendar has them."""
    first, last = q.REFORM_DAY.year, max(q.REFORM_DAY.year, (as_of or q.REFORM_DAY).year)
    days = q.days_off(scope, first, last)
    lines = []
    for year in range(first, last + 1):
        of_year = days.filter(pl.col("day").dt.year() == year)
        holidays = of_year.filter(pl.col("is_holiday"))["day"].to_list()
        worked = of_year.filter(~pl.col("is_holiday"))["day"].to_list()
        lines.append(
            t("method_days_off", year=year, days=day_ranges(holidays), worked=day_ranges(worked))
        )
    st.markdown("\n".join(f"- {line}" for line in lines))


def steps_text(steps: list[dict] | None) -> str:
    if not steps:
        return "–"
    return "; ".join(
        f"{fmt_number(step['min_value'], 2)} → {fmt_pct(step['points_share'], 0)}" for step in steps
    )


def plain_words(scope: q.Scope, info: dict, indicators: pl.DataFrame) -> None:
    st.markdown(f"## {t('method_numbers_title')}")
    bullets(PLAIN)
    # how the Overview ranks and the Ward page explains lateness (pages/_rankings.py, _why_late.py)
    st.markdown(
        "\n".join(
            f"- {text}"
            for text in (
                t("def_ranking", n=q.MIN_FINISHED_TO_RANK),
                t("def_why_late"),
            )
        )
    )
    st.markdown(f"## {t('method_index_title')}")
    st.write(t("method_index_intro"))
    index_groups(indicators)
    st.markdown(f"## {t('method_days_title')}")
    st.write(t("method_working_days"))
    calendar(scope, info.get("as_of_day"))
    st.markdown(f"## {t('method_period_title')}")
    st.write(t("method_period", reform=fmt_date(q.REFORM_DAY)))
    st.write(t("method_as_of", day=fmt_date(info.get("as_of_day"))))
    st.markdown(f"## {t('method_sources_title')}")
    st.write(t("method_sources"))
    st.write(t("method_refresh", at=fmt_datetime(info.get("built_at"))))


def technical(info: dict, indicators: pl.DataFrame) -> None:
    st.write(t("method_technical_intro"))
    bullets([*DEFINITIONS, "def_overdue_per_1000_formula"])
    st.markdown(f"## {t('method_indicators_title')}")
    rows = [
        [
            f"{group_words(row['group_code'], row['group_name'])[0]} (`{row['group_code']}`)",
            f"`{row['indicator_code']}`",
            fmt_number(row["indicator_max_points"]),
            t("method_yes" if row["is_measured"] else "method_no"),
            steps_text(row["steps"]),
        ]
        for row in indicators.iter_rows(named=True)
    ]
    header = [
        t("method_col_group"),
        t("method_col_indicator"),
        t("method_col_points"),
        t("method_col_measured"),
        t("method_col_steps"),
    ]
    st.markdown(markdown_table(header, rows))
    st.markdown(f"## {t('method_tables_title')}")
    tables = ", ".join(f"`{name}`" for name in info.get("tables") or [])
    st.write(t("method_tables", tables=tables or "–"))
    docs = DataDir.resolve().published_dir / "docs" / "static_index.html"
    if docs.exists():
        st.download_button(
            t("dbt_docs"),
            docs.read_bytes(),
            file_name="haicap_dbt_docs.html",
            mime="text/html",
            key="dbt_docs",
            on_click="ignore",
        )
    else:
        st.info(t("dbt_docs_missing"))


def draw() -> None:
    scope = viewer_scope()
    st.title(t("page_methodology"))
    st.write(t("methodology_intro"))
    info = q.build_info(scope)
    indicators = q.service_index_indicators(scope)
    plain, analysts = st.tabs([t("method_tab_plain"), t("method_tab_technical")])
    with plain:
        plain_words(scope, info, indicators)
    with analysts:
        technical(info, indicators)
    st.caption(
        t(
            "method_build",
            build=info.get("build_id") or "–",
            at=fmt_datetime(info.get("built_at")),
            day=fmt_date(info.get("as_of_day")),
        )
    )


guard(draw)
