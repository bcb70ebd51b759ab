#!/usr/bin/env python3
"""Build intake/data/communes.tsv.gz and intake/data/epci.tsv from the COG.

Source: the npm package @etalab/decoupage-administratif 6.0.0 (INSEE Code officiel
géographique 2026, DGCL list of EPCI, INSEE list of EPT; data under Licence Ouverte).

    python scripts/build_data.py                 # fetch with `npm pack`, write the files
    python scripts/build_data.py --from PATH     # use an unpacked package or a .tgz
    python scripts/build_data.py --check         # build in memory, compare to committed

The output is deterministic (sorted rows, gzip without timestamp), so ``--check`` can
compare bytes. Exit status: 0 same/written, 1 differs, 2 source unavailable.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import io
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from petition.intake.textnorm import place_key

PACKAGE = "@etalab/decoupage-administratif"
VERSION = "6.0.0"
SHA512 = (
    "5dabd8b0595b70cfe9acaafc84d1cf28447de081f0fddb3134ce27c6358c624e"
    "8f2c5002a4479dbe7ffbc0af016a8ce6d1d09885659c7feedb716a40e6998269"
)
DATA = Path(__file__).resolve().parent.parent / "intake" / "data"
KINDS = {
    "commune-actuelle": "c",
    "commune-deleguee": "d",
    "commune-associee": "a",
    "arrondissement-municipal": "r",
}
SKIPPED_DEPARTEMENTS = {"984", "989"}  # TAAF and Clipperton: no elected officials
# Each commune row carries its lookup key (textnorm.place_key of the name) first, and
# the rows are sorted by it, so that loading the table is one split and lookups are a
# bisection: no folding and no index to build at start-up. A change to place_key makes
# ``--check`` fail until the file is rebuilt.
COMMUNE_COLUMNS = ("key", "kind", "code", "name", "departement", "population", "parent")


def fetch(workdir: Path) -> Path:
    """Download the pinned tarball with npm pack; check its sha512."""
    spec = f"{PACKAGE}@{VERSION}"
    try:
        out = subprocess.run(
            ["npm", "pack", spec, "--silent"], cwd=workdir, check=True,
            capture_output=True, text=True, timeout=180,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        raise SystemExit(f"cannot fetch {spec} with npm pack: {exc}") from None
    tgz = workdir / out.stdout.strip().splitlines()[-1]
    digest = hashlib.sha512(tgz.read_bytes()).hexdigest()
    if digest != SHA512:
        raise SystemExit(f"{tgz.name}: sha512 {digest} is not the pinned one")
    return tgz


def read_json(source: Path, name: str) -> list[dict]:
    """data/<name> from an unpacked package directory or a .tgz."""
    if source.is_dir():
        for candidate in (source / "data" / name, source / "package" / "data" / name):
            if candidate.is_file():
                return json.loads(candidate.read_text(encoding="utf-8"))
        raise SystemExit(f"{source}: no data/{name}")
    with tarfile.open(source, "r:gz") as tar:
        member = tar.extractfile(f"package/data/{name}")
        if member is None:
            raise SystemExit(f"{source}: no package/data/{name}")
        return json.load(member)


def communes_rows(communes: list[dict]) -> list[list]:
    """[key, kind, code, name, département, population, parent code] per commune, sorted
    by key (then code, kind, name)."""
    rows = []
    for c in communes:
        kind = KINDS.get(c["type"])
        if kind is None or c["departement"] in SKIPPED_DEPARTEMENTS:
            continue
        parent = c.get("chefLieu") or c.get("commune") or ""
        rows.append([place_key(c["nom"]), kind, c["code"], c["nom"], c["departement"],
                     c.get("population"), parent])
    rows.sort(key=lambda r: (r[0], r[2], r[1], r[3]))
    return rows


def communes_bytes(communes: list[dict]) -> bytes:
    """Tab-separated, one commune a line after a header; gzip without timestamp."""
    lines = ["\t".join(COMMUNE_COLUMNS)]
    for row in communes_rows(communes):
        lines.append("\t".join("" if v is None else str(v) for v in row))
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0, compresslevel=9) as gz:
        gz.write(("\n".join(lines) + "\n").encode("utf-8"))
    return buf.getvalue()


def epci_bytes(epci: list[dict], ept: list[dict]) -> bytes:
    """siren, name, type, départements of the members, population — one body a line."""
    lines = ["siren\tname\ttype\tdepartements\tpopulation"]
    for body in sorted(epci + ept, key=lambda b: b["code"]):
        deps = sorted({_dep_of(m["code"]) for m in body.get("membres", [])})
        pop = body.get("populationMunicipale") or ""
        lines.append(f"{body['code']}\t{body['nom']}\t{body['type']}\t{','.join(deps)}\t{pop}")
    return ("\n".join(lines) + "\n").encode("utf-8")


def _dep_of(insee: str) -> str:
    return insee[:3] if insee.startswith("97") else insee[:2]


def build(source: Path) -> dict[str, bytes]:
    return {
        "communes.tsv.gz": communes_bytes(read_json(source, "communes.json")),
        "epci.tsv": epci_bytes(read_json(source, "epci.json"), read_json(source, "ept.json")),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--from", dest="source", type=Path, help="unpacked package or .tgz")
    parser.add_argument("--check", action="store_true", help="compare with committed files")
    parser.add_argument("--out", type=Path, default=DATA, help="output directory")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        try:
            source = args.source or fetch(Path(tmp))
        except SystemExit as exc:
            print(exc, file=sys.stderr)
            return 2
        files = build(source)
    status = 0
    for name, content in files.items():
        target = args.out / name
        if args.check:
            same = target.is_file() and target.read_bytes() == content
            print(f"{name}: {'same' if same else 'DIFFERS'}")
            status |= 0 if same else 1
        else:
            target.write_bytes(content)
            print(f"{name}: {len(content):,} bytes")
    return status


if __name__ == "__main__":
    sys.exit(main())
