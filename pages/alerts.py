"""Cảnh báo / Alerts: every open alert, why, since when, a link to the ward."""

import streamlit as st

from haicap import labels as words
from haicap.i18n import fmt_date, language, t
from pages._common import block, guard, named_units, sidebar_filters, viewer_scope, ward_link
from warehouse import queries as q


def draw() -> None:
    scope = viewer_scope()
    f = sidebar_filters(scope, period=False, field=False)
    st.title(f"{t('page_alerts')} — {f.where}")
    found = named_units(q.alerts(scope, f.province_code, f.ward_code))
    reason = "reason_en" if language() == "en" else "reason"
    block(
        t("alerts_title", where=f.where),
        found.select("unit_name", "province_name", "alert_kind", "severity", "since_day", reason),
        t("src_alerts"),
        "alerts",
        empty=t("no_alerts"),
        column_labels={
            "unit_name": t("ward"),
            "province_name": t("province"),
            "severity": t("severity"),
            "since_day": t("since"),
            reason: t("reason"),
        },
        metric=None,
    )
    for row in found.filter(found["ward_code"].is_not_null()).head(200).iter_rows(named=True):
        severity = words.value_label("severity", row["severity"])
        kind = words.value_label("alert_kind", row["alert_kind"])
        st.markdown(
            f"- **{severity}** · {kind} · {fmt_date(row['since_day'])} · "
            f"{ward_link(row['ward_code'], row['unit_name'])} — {row[reason]}"
        )


guard(draw)
