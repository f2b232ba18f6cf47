"""Phương pháp / Methodology (public): every number in plain words, the service index's groups,
what is withheld and why (with the thresholds the public file was built with), and one tab
away the technical definitions for analysts (feed fields, formulas, the file's tables)."""

import streamlit as st

from haicap.i18n import fmt_date, fmt_datetime, t
from pages._common import DEFINITIONS as LEADERS_DEFINITIONS
from pages.public import _public as p
from warehouse import public_queries as pq

# The leaders' definitions, less the ones about views the public edition does not have
# (dossier-level processing days, cohorts): the technical tab's, and in words the plain tab's.
DEFINITIONS = [key for key in LEADERS_DEFINITIONS if key not in ("def_cohort", "def_processing")]
PLAIN = [
    "method_received",
    "method_finished",
    "method_timeliness",
    "method_deadlines_public",
    "method_on_time_rate",
    "method_pending",
    "method_online",
    "method_units",
]


def listed(keys: list[str]) -> str:
    return "\n".join(f"- {t(key)}" for key in keys)


def plain_words(info: dict) -> None:
    st.markdown(f"## {t('method_numbers_title')}")
    st.markdown(listed(PLAIN))
    st.write(t("pub_method_period", day=fmt_date(info.get("as_of_day"))))
    st.markdown(f"## {t('method_index_title')}")
    st.write(t("method_index_intro"))
    st.write(t("method_index_groups_words"))
    st.write(t("method_index_country"))
    st.markdown(f"## {t('pub_method_withheld_title')}")
    st.markdown(p.with_thresholds("pub_method_withheld"))
    st.markdown(p.with_thresholds("pub_per_1000_withheld"))
    p.withheld_note()
    st.markdown(p.with_thresholds("pub_method_audit"))
    st.markdown(f"## {t('method_sources_title')}")
    st.write(t("pub_method_sources", at=fmt_datetime(info.get("built_at"))))


def technical(info: dict) -> None:
    st.write(t("method_technical_intro"))
    st.markdown(f"## {t('pub_method_definitions')}")
    st.markdown(listed(DEFINITIONS))
    tables = ", ".join(f"`{name}`" for name in info.get("tables") or [])
    st.write(t("pub_method_file", tables=tables or "–"))
    st.write(t("pub_method_permalinks"))


def draw() -> None:
    st.title(t("pub_page_methodology"))
    st.write(t("pub_method_intro"))
    st.write(t("pub_method_analysts"))
    info = pq.build_info()
    plain, analysts = st.tabs([t("method_tab_plain"), t("method_tab_technical")])
    with plain:
        plain_words(info)
    with analysts:
        technical(info)
    st.caption(
        t("pub_built", build=info.get("build_id") or "–", at=fmt_datetime(info.get("built_at")))
        + (f" · {t('as_of', day=fmt_date(info['as_of_day']))}" if info.get("as_of_day") else "")
    )


p.guard(draw)
