"""The rendered page opens in a real browser: headless Chromium takes a screenshot.

Needs /usr/bin/chromium (Debian package `chromium`, installed by the CI script).
Without it the test is skipped with the reason shown, except under CI=true, where a
missing browser is a failure.
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
from datetime import datetime
from pathlib import Path

import pytest

from petition.intake.record import Mandate
from petition.render import PublicSignatory, render_site

CHROMIUM = Path("/usr/bin/chromium")
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"

PEOPLE = [
    PublicSignatory("Claire Vasseur", "EELV", (
        Mandate("conseiller_municipal", "conseillère de Paris", "Paris", "75"),)),
    PublicSignatory("Thomas Rivière", "Génération·s", (
        Mandate("maire", "maire de Bègles", "Bègles", "33"),
        Mandate("conseiller_communautaire", "vice-président de Bordeaux Métropole",
                "Bordeaux Métropole", "33"))),
    PublicSignatory("Anne-Sophie Le Goff", "PS", (
        Mandate("senateur", "sénatrice de la Loire-Atlantique", "Loire-Atlantique", "44"),)),
]


def chromium_or_skip() -> Path:
    if CHROMIUM.exists():
        return CHROMIUM
    reason = f"{CHROMIUM} not found: apt-get install chromium fonts-liberation"
    if os.environ.get("CI") == "true":
        pytest.fail(reason + " (required when CI=true)")
    pytest.skip(reason)


def screenshot(browser: Path, page: Path, png: Path, profile: Path, size: str) -> None:
    command = [
        str(browser), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", f"--user-data-dir={profile}", f"--screenshot={png}",
        f"--window-size={size}", page.as_uri(),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert png.exists(), f"no screenshot (exit {done.returncode}): {done.stderr[-2000:]}"


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == PNG_MAGIC
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@pytest.mark.slow
@pytest.mark.parametrize("size", ["1200,900", "390,844"])
def test_page_screenshot_in_headless_chromium(tmp_path, size):
    browser = chromium_or_skip()
    out = tmp_path / "public"
    render_site(PEOPLE, out, generated_at=datetime(2026, 3, 14, 9, 30))
    png = tmp_path / "page.png"
    try:
        screenshot(browser, out / "index.html", png, tmp_path / "profile", size)
    finally:
        shutil.rmtree(tmp_path / "profile", ignore_errors=True)
    data = png.read_bytes()
    assert len(data) > 10_000  # a blank page compresses to far less
    assert png_size(data) == tuple(int(n) for n in size.split(","))
