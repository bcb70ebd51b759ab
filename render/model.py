"""What the public list is made of: a published signatory and the render's report.

Storage produces `PublicSignatory` values (one per person, every mandate they hold);
`render_site` turns them into the public files and answers with a `RenderReport`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from petition.intake.record import Mandate


@dataclass(frozen=True)
class PublicSignatory:
    """One person on the public list. Never carries an email address."""
    name: str
    party: str | None = None
    mandates: tuple[Mandate, ...] = ()


@dataclass(frozen=True)
class RenderReport:
    """What `render_site` did: files written, files left untouched, and the counts."""
    output_dir: Path
    written: tuple[Path, ...]
    unchanged: tuple[Path, ...]
    total: int
    # Number of people per kind of office (the group they are listed in), in page order.
    counts: Mapping[str, int] = field(default_factory=dict)
