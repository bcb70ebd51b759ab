"""render_site: the published signatories → index.html, signataires.json, signataires.csv."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from petition.render.data import csv_bytes, json_bytes, payload, previous_update
from petition.render.dates import in_paris
from petition.render.files import read_if_exists, write_if_changed
from petition.render.listing import build_listing
from petition.render.model import PublicSignatory, RenderReport
from petition.render.page import render_page

log = logging.getLogger(__name__)

INDEX = "index.html"
JSON = "signataires.json"
CSV = "signataires.csv"


def render_site(signatories: Sequence[PublicSignatory], output_dir: Path, *,
                generated_at: datetime | None = None) -> RenderReport:
    """Write the public files into `output_dir` (created if needed).

    A file whose content did not change is left untouched. The date shown on the page
    and stored in the JSON is when the list last changed: `generated_at` (default now)
    when it differs from the list already published there, else the previous date, so
    a run with nothing new rewrites nothing. Raises OSError when the folder can't be
    written.
    """
    output_dir = Path(output_dir)
    output_dir.mkdir(parents=True, exist_ok=True)
    listing = build_listing(signatories)
    content = payload(listing)
    updated = previous_update(read_if_exists(output_dir / JSON), content) \
        or in_paris(generated_at)
    files = {
        INDEX: render_page(listing, in_paris(updated), JSON, CSV).encode("utf-8"),
        JSON: json_bytes(content, in_paris(updated)),
        CSV: csv_bytes(listing),
    }
    written: list[Path] = []
    unchanged: list[Path] = []
    for name, data in files.items():
        path = output_dir / name
        (written if write_if_changed(path, data) else unchanged).append(path)
    log.info("rendered %d signatories: %d written, %d unchanged",
             listing.total, len(written), len(unchanged))
    return RenderReport(output_dir=output_dir, written=tuple(written),
                        unchanged=tuple(unchanged), total=listing.total,
                        counts=listing.counts)
