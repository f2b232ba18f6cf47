"""Dữ liệu / Data: what was loaded and when, quarantine, feed freshness, the published build.

Every time on this page is local (Asia/Ho_Chi_Minh), as the load log and the build stamp store
them, and says so. A province's viewer sees their province's files and quarantined rows only
(the query layer scopes them)."""

import re

import polars as pl
import streamlit as st

from haicap.i18n import fmt_date, fmt_datetime, fmt_number, language, t
from pages._common import block, guard, sidebar_filters, viewer_scope
from warehouse import queries as q
from warehouse.connection import LOCAL_TZ

# The values a loader's message quotes ('99999', 20251019134134): the part of the message a
# person fixing the file needs, whatever the language of the words around them.
_QUOTED = re.compile(r"'([^']*)'|(?<![\w.])(\d{6,})(?![\w.])")


def quarantine_in_words(frame: pl.DataFrame) -> pl.DataFrame:
    """The loader stores its example messages in English, keyed by rule: in Vietnamese the
    rule is put in words by the dictionary (haicap/labels.py) and the example becomes the
    field and the values it quoted; in English the loader's own sentence stays."""
    if language() == "en" or "example_message" not in frame.columns:
        return frame
    examples = []
    pairs = zip(frame["field"].to_list(), frame["example_message"].to_list(), strict=True)
    for field, message in pairs:
        values = [a or b for a, b in _QUOTED.findall(message or "")]
        shown = ", ".join(f"'{v}'" for v in values) or "–"
        examples.append(t("quarantine_example", field=field, values=shown) if field else shown)
    return frame.with_columns(pl.Series("example_message", examples, dtype=pl.String))


def _public_layer_warning(scope: q.Scope) -> None:
    """Say so when the last build kept the journalists' file at an earlier build, naming the
    checks its public layer failed and their provinces."""
    public = q.public_layer(scope)
    if public["published"]:
        return
    checks = [
        t(
            "public_check_provinces",
            check=failure["check"],
            provinces=", ".join(
                f"{p['code']} {p.get('name') or ''}".strip() for p in failure["provinces"]
            ),
        )
        if failure["provinces"]
        else failure["check"]
        for failure in public["failures"]
    ]
    st.warning(
        t(
            "public_not_published",
            checks="; ".join(checks) or "?",
            public_id=public["public_build_id"] or t("no_public_file"),
        )
    )


def provinces_with_data_first(frame: pl.DataFrame) -> pl.DataFrame:
    """The provinces that sent dossiers first, the latest dossier day first (then by name),
    and those without data at the end, each row saying which group it is in (after the name
    and the figure, which a phone shows first): a list opening on 32 empty provinces hid the
    two that had data."""
    has_data = pl.col("last_received_day").is_not_null()
    status = (
        pl.when(has_data)
        .then(pl.lit(t("freshness_has_data")))
        .otherwise(pl.lit(t("freshness_no_data")))
        .alias("data_status")
    )
    return frame.sort(
        [has_data, "last_received_day", "province_name"],
        descending=[True, True, False],
        nulls_last=True,
    ).with_columns(status)


def draw() -> None:
    scope = viewer_scope()
    f = sidebar_filters(scope, period=False, ward=False, field=False)
    st.title(t("page_data"))
    info = q.build_info(scope)
    st.info(
        t(
            "build_time",
            at=fmt_datetime(info["built_at"]),
            tz=LOCAL_TZ,
            id=info["build_id"],
            day=fmt_date(info["as_of_day"]),
        )
    )
    _public_layer_warning(scope)
    block(
        t("loads_title"),
        q.load_log(scope),
        t("src_freshness"),
        "loads",
        column_labels={
            "load_started_at": t("load_started_at_tz", tz=LOCAL_TZ),
            "load_finished_at": t("load_finished_at_tz", tz=LOCAL_TZ),
        },
        metric=["rows_accepted", "rows_quarantined"],
    )
    if scope.province_code is not None:
        st.caption(t("loads_scoped", province=f.where))
    block(
        t("quarantine_title"),
        quarantine_in_words(q.quarantine(scope)),
        t("src_freshness"),
        "quarantine",
        empty=t("no_quarantine"),
        metric="rows_quarantined",
    )
    provinces = provinces_with_data_first(q.freshness_provinces(scope))
    block(
        t("freshness_province_title"),
        provinces,
        t("src_freshness"),
        "freshness_provinces",
        column_labels={"data_status": t("freshness_status")},
        metric="last_received_day",
    )
    without = provinces.filter(pl.col("last_received_day").is_null()).height
    if without:
        st.caption(t("freshness_order", n=fmt_number(without)))
    wards = q.freshness_wards(scope, f.province_code)
    st.caption(t("stalled_note", n=q.STALLED_DAYS))
    block(
        t("freshness_ward_title", where=f.where),
        wards,
        t("src_freshness"),
        "freshness_wards",
        column_labels={"stalled": t("stalled")},
        metric="days_since_received",
    )


guard(draw)
