"""Vietnam's working-day calendar, as arrays the dossier generator indexes in bulk.

Working days are Monday to Friday minus the public holidays of the `holidays` package.
Every date is an integer day number (days since 1970-01-01, numpy `datetime64[D]`), so a
deadline for millions of dossiers is one fancy-indexing step, not a loop.
"""

from __future__ import annotations

from dataclasses import dataclass

import holidays
import numpy as np

FIRST = np.datetime64("2024-01-01")
LAST = np.datetime64("2028-12-31")


@dataclass(frozen=True)
class WorkCalendar:
    """Day numbers from FIRST to LAST with working-day bookkeeping.

    - `day[i]`: the date of offset i (datetime64[D]);
    - `working[i]`: whether that date is a working day;
    - `next_index[i]`: working-day index of the first working day on or after date i;
    - `workdays[k]`: the date offset of working day number k.
    """

    working: np.ndarray
    next_index: np.ndarray
    workdays: np.ndarray
    saturday: np.ndarray
    cumulative: np.ndarray

    def offset(self, day: np.datetime64 | str) -> int:
        return int((np.datetime64(day, "D") - FIRST).astype(int))

    def to_date(self, offsets: np.ndarray) -> np.ndarray:
        return FIRST + offsets.astype("timedelta64[D]")

    def add_working_days(self, offsets: np.ndarray, n: np.ndarray) -> np.ndarray:
        """Date offset of the n-th working day after day `offsets` (n = 0: the first working
        day on or after it)."""
        base = self.next_index[offsets]
        starts_on_working = self.working[offsets]
        k = base + n - np.where(starts_on_working, 0, 1) * (n > 0)
        return self.workdays[np.clip(k, 0, len(self.workdays) - 1)]

    def roll_forward(self, offsets: np.ndarray) -> np.ndarray:
        """The first working day on or after each date."""
        return self.workdays[self.next_index[offsets]]

    def working_between(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """Working days in (a, b]: how far b lies after a, in working days."""
        return self.cumulative[b] - self.cumulative[a]


def build_calendar() -> WorkCalendar:
    days = np.arange(FIRST, LAST + np.timedelta64(1, "D"))
    weekday = (days.astype(int) + 3) % 7  # 0 = Monday (1970-01-01 was a Thursday)
    years = range(int(str(FIRST)[:4]), int(str(LAST)[:4]) + 1)
    off = np.array(sorted(holidays.Vietnam(years=years)), dtype="datetime64[D]")
    working = (weekday < 5) & ~np.isin(days, off)
    workdays = np.flatnonzero(working)
    # For each date, how many working days lie strictly before it = index of the next one.
    next_index = np.cumsum(working) - working
    return WorkCalendar(
        working=working,
        next_index=next_index.astype(np.int64),
        workdays=workdays.astype(np.int64),
        saturday=(weekday == 5) & ~np.isin(days, off),
        cumulative=np.cumsum(working).astype(np.int64),
    )
