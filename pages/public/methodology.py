"""Phương pháp / Methodology (public): what is withheld and why, and the definitions."""

import streamlit as st

from haicap.i18n import fmt_date, t
from pages._common import DEFINITIONS as LEADERS_DEFINITIONS
from pages.public import _public as p
from warehouse import public_queries as pq

# The leaders' list of definitions (metrics.md), less the ones about dossier-level views.
DEFINITIONS = [key for key in LEADERS_DEFINITIONS if key not in ("def_cohort", "def_processing")]


def draw() -> None:
    st.title(t("pub_page_methodology"))
    st.write(t("pub_method_intro"))
    st.markdown(p.with_thresholds("pub_method_withheld"))
    p.withheld_note()
    st.markdown(p.with_thresholds("pub_method_audit"))
    st.markdown(f"## {t('pub_method_definitions')}")
    for key in DEFINITIONS:
        st.markdown(f"- {t(key)}")
    st.write(t("pub_method_permalinks"))
    info = pq.build_info()
    st.caption(
        t("pub_built", build=info.get("build_id") or "–", at=str(info.get("built_at") or "–"))
        + (f" · {t('as_of', day=fmt_date(info['as_of_day']))}" if info.get("as_of_day") else "")
    )


p.guard(draw)
