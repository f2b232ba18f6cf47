"""The dashboard router (issue #5). Until it exists, it says where things stand."""

import streamlit as st

st.set_page_config(page_title="Hai Cấp", layout="wide")
st.title("Hai Cấp")
st.info("Bảng điều khiển đang được xây dựng. / The dashboard is being built (issue #5).")
