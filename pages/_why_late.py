"""Why a ward is late, as the Ward page draws it and the brief writes it: the late dossiers
and the overdue backlog by procedure field (with the staffing of the speciality in charge),
handling agency and supplement requests, from warehouse.queries.why_late. The codes of the
mart (agency codes, supplement groups, specialities) become words here."""

from __future__ import annotations

import polars as pl

from haicap.i18n import t
from warehouse import queries as q


def labels() -> dict[str, str]:
    """Headers of the breakdown tables, in the order of their columns."""
    return {
        "field_name": t("field"),
        "agency_name": t("agency"),
        "supplement_group": t("supplement_group"),
        "finished_late": t("finished_late"),
        "late_share_of_late": t("late_share_of_late"),
        "overdue_backlog": t("overdue_backlog"),
        "late_with_request": t("late_with_request"),
        "mean_wait_days": t("mean_wait_days"),
        "finished": t("finished"),
        "speciality": t("field_speciality"),
        "quota": t("quota"),
        "in_post": t("in_post"),
        "gap": t("gap"),
    }


def breakdown(
    by: str,
    scope: q.Scope,
    period: q.Period,
    province_code: str | None,
    ward_code: str | None,
    field_name: str | None,
) -> pl.DataFrame:
    """Late and overdue `by` "field" (with the speciality in charge, in words), "agency" (a
    dossier naming none is the ward's own office) or "supplement" (none, one, several, in
    words), the late and overdue counts first after the part's name (a phone shows them)."""
    if by == "field":
        frame = q.why_late_by_field(scope, period, province_code, ward_code, field_name)
        if "speciality" in frame.columns:
            codes = frame["speciality"].drop_nulls().unique().to_list()
            words = {c: t(f"spec_{c}") for c in codes}
            frame = frame.with_columns(pl.col("speciality").replace(words))
    elif by == "agency":
        frame = q.why_late(scope, period, province_code, ward_code, field_name, by)
        frame = frame.with_columns(
            pl.when(pl.col("agency_code") == "")
            .then(pl.lit(t("agency_unnamed")))
            .otherwise(pl.coalesce("agency_name", "agency_code"))
            .alias("agency_name")
        )
    else:
        frame = q.why_late(scope, period, province_code, ward_code, field_name, by)
        words = {g: t(f"supplement_{g}") for g in q.SUPPLEMENT_GROUPS}
        frame = frame.with_columns(pl.col("supplement_group").replace(words))
    return frame.select(c for c in labels() if c in frame.columns)
