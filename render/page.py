"""The public page, index.html, from Jinja2 templates (autoescaped)."""

from __future__ import annotations

from datetime import datetime
from functools import cache

from jinja2 import Environment, PackageLoader
from markupsafe import Markup

from petition.render.dates import french_date
from petition.render.listing import Listing

TITLE = "Élu·es signataires contre la vidéosurveillance algorithmique"


@cache
def environment() -> Environment:
    env = Environment(autoescape=True, loader=PackageLoader("petition.render", "templates"),
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["nombre"] = french_number
    return env


def french_number(n: int) -> str:
    """« 1 234 » with a narrow no-break space between thousands."""
    return f"{n:,}".replace(",", "\u202f")


def total_sentence(total: int) -> Markup:
    """The count as a sentence (made of a number and constants only: safe as it is)."""
    if total == 0:
        return Markup("Aucun·e signataire pour l'instant.")
    if total == 1:
        return Markup("1 élu·e a signé l'appel.")
    return Markup(f"{french_number(total)} élu·es ont signé l'appel.")


def render_page(listing: Listing, updated: datetime, json_name: str, csv_name: str) -> str:
    return environment().get_template("index.html").render(
        title=TITLE,
        listing=listing,
        total_sentence=total_sentence(listing.total),
        updated_iso=updated.isoformat(timespec="seconds"),
        updated_text=french_date(updated),
        json_name=json_name,
        csv_name=csv_name,
    )
