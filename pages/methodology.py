"""Phương pháp / Methodology: every definition of metrics.md, Vietnamese and English, and
the dbt docs of the published build."""

import streamlit as st

from haicap.i18n import t
from pages._common import DEFINITIONS, guard, viewer_scope
from warehouse import queries as q
from warehouse.paths import DataDir


def draw() -> None:
    viewer_scope()
    st.title(t("page_methodology"))
    st.write(t("methodology_intro"))
    for key in DEFINITIONS:
        st.markdown(f"- {t(key)}")
    st.markdown(f"## {t('dbt_docs')}")
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
    st.caption(t("source", source="shared/contracts/metrics.md; " + str(q.REFORM_DAY)))


guard(draw)
