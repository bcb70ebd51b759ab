"""The downloadable files: signataires.json and signataires.csv.

Both are deterministic: the same list gives the same bytes. The JSON carries
`updated`, the moment its list last changed (kept from the previous file when the
list is the same), never the moment of the run. The CSV has no date at all.

CSV: UTF-8 *with* a byte-order mark (so that spreadsheet programs read the accents
right), comma-separated, CRLF line ends, columns nom, mandats, departements, parti.
Cells that a spreadsheet would take for a formula (starting with =, +, -, @, a tab
or a carriage return) are prefixed with an apostrophe.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime
from typing import Any

from petition.render.listing import Listing, mandate_text

CSV_COLUMNS = ("nom", "mandats", "departements", "parti")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def payload(listing: Listing) -> dict[str, Any]:
    """The JSON content without its date."""
    return {
        "total": listing.total,
        "counts": listing.counts,
        "signatories": [
            {"name": person.name, "party": person.party,
             "mandates": [m.to_json() for m in person.mandates]}
            for person, _ in listing.people
        ],
    }


def json_bytes(content: dict[str, Any], updated: datetime) -> bytes:
    document = {"updated": updated.isoformat(timespec="seconds"), **content}
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def previous_update(old: bytes | None, content: dict[str, Any]) -> datetime | None:
    """The `updated` moment of the previous JSON file if it holds the same list."""
    if old is None:
        return None
    try:
        document = json.loads(old)
        updated = datetime.fromisoformat(document.pop("updated"))
    except (ValueError, KeyError, TypeError, AttributeError):
        return None
    return updated if document == content and updated.tzinfo is not None else None


def neutralise(cell: str) -> str:
    """A cell no spreadsheet will run as a formula."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def csv_bytes(listing: Listing) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for person, _ in listing.people:
        codes = dict.fromkeys(m.departement for m in person.mandates if m.departement)
        row = (person.name, " ; ".join(mandate_text(m) for m in person.mandates),
               ", ".join(codes), person.party or "")
        writer.writerow([neutralise(cell) for cell in row])
    return out.getvalue().encode("utf-8-sig")
