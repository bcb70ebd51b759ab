"""Dates as the French public reads them, in Paris time."""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
          "septembre", "octobre", "novembre", "décembre")


def paris() -> tzinfo:
    try:
        return ZoneInfo("Europe/Paris")
    except ZoneInfoNotFoundError:  # a system without tz data: say it in UTC
        return UTC


def in_paris(moment: datetime | None) -> datetime:
    """The moment in Paris time, to the second; now when None; naive means Paris time."""
    zone = paris()
    if moment is None:
        moment = datetime.now(zone)
    elif moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone)
    return moment.astimezone(zone).replace(microsecond=0)


def french_date(moment: datetime) -> str:
    """« 1er mars 2026 », « 14 juillet 2026 »."""
    day = "1er" if moment.day == 1 else str(moment.day)
    return f"{day} {MONTHS[moment.month - 1]} {moment.year}"
