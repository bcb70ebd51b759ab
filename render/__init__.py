"""Render: the public list of signatories (index.html, signataires.json, signataires.csv)."""

from petition.render.model import PublicSignatory, RenderReport
from petition.render.site import render_site

__all__ = ["PublicSignatory", "RenderReport", "render_site"]
