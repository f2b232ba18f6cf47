"""One row per day off or worked weekend day in Vietnam: public holidays and substituted days,
from the `holidays` package (the official calendar, with the government's day swaps)."""

import datetime as dt

import holidays


def model(dbt, session):
    dbt.config(materialized="table", tags=["unchanged_by_loads"])
    first = int(dbt.config.get("calendar_first_year") or 2020)
    last = int(dbt.config.get("calendar_last_year") or 2030)
    calendar = holidays.country_holidays("VN", years=range(first, last + 1))
    days: list[dt.date] = []
    names: list[str] = []
    kinds: list[str] = []
    for day, name in sorted(calendar.items()):
        days.append(day)
        names.append(name)
        kinds.append("holiday")
    for day in sorted(getattr(calendar, "weekend_workdays", set())):
        if first <= day.year <= last:
            days.append(day)
            names.append("Weekend working day (substitutes a day off)")
            kinds.append("substituted_workday")
    # a DuckDB relation, not an Arrow table: pyarrow converts Python lists through pandas, whose
    # import is slow, and every dossier model waits on this one
    return session.sql(
        "select unnest($days)::date as day, unnest($names) as day_name, unnest($kinds) as day_kind",
        params={"days": [day.isoformat() for day in days], "names": names, "kinds": kinds},
    )
