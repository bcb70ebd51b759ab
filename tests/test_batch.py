"""Many files parsed at once: same lines, same order, whether in one process or several."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from petition.intake import batch
from petition.intake.parse import ParseSettings
from petition.intake.workers import usable_cpus

SIGNATURE = (
    "From: Nora Exemple <nora.exemple@example.org>\r\n"
    "Subject: Signature {i}\r\nMessage-ID: <batch-{i}@example.org>\r\n"
    "Content-Type: text/plain; charset=utf-8\r\n\r\n"
    "Je signe.\r\n\r\nNora Exemple{i}\r\nConseillère municipale de Rennes (35)\r\n"
)


def as_json(record) -> str:
    return json.dumps(record.to_json(), ensure_ascii=False)


@pytest.fixture
def files(tmp_path) -> list[str]:
    paths = []
    for i in range(40):
        path = tmp_path / f"{i:03d}.eml"
        if i == 7:
            path.write_bytes(b"\x00\x01 not a mail")
        elif i != 13:  # 13 is missing: an unreadable file still gets its line
            path.write_text(SIGNATURE.format(i=chr(ord("a") + i % 26)), encoding="utf-8")
        paths.append(str(path))
    return paths


def test_jobs_give_the_same_lines_in_the_same_order(files):
    serial = list(batch.parse_files(files, ParseSettings(), as_json, jobs=1))
    parallel = list(batch.parse_files(files, ParseSettings(), as_json, jobs=2, min_files=2))
    assert parallel == serial
    assert [json.loads(line)["file"] for line, _ in serial] == files


def test_errors_are_flagged_and_kept_in_place(files):
    out = list(batch.parse_files(files, ParseSettings(), as_json, jobs=2, min_files=2))
    errors = [i for i, (_, failed) in enumerate(out) if failed]
    assert errors == [7, 13]
    assert "cannot read file" in json.loads(out[13][0])["error"]


def test_a_worker_that_dies_loses_no_file(files, monkeypatch):
    """A worker killed mid-batch: the parent parses what is left itself."""
    parent = os.getpid()
    real = batch._line_of

    def dying(path, settings, fmt):
        if path.endswith("020.eml") and os.getpid() != parent:
            os._exit(9)
        return real(path, settings, fmt)

    monkeypatch.setattr(batch, "_line_of", dying)
    out = list(batch.parse_files(files, ParseSettings(), as_json, jobs=2, min_files=2))
    assert [json.loads(line)["file"] for line, _ in out] == files


@pytest.mark.parametrize("count, jobs, expected", [
    (1, 8, 1),      # one file: no pool
    (10, 8, 1),     # a few files: forking costs more than it saves
    (500, 1, 1),    # asked for one process
    (500, 3, 3),
])
def test_workers_only_when_worth_it(count, jobs, expected):
    assert batch.workers_for(count, jobs) == expected


def test_auto_jobs_follow_the_usable_cpus():
    assert 1 <= batch.workers_for(10_000, None) <= usable_cpus()


def test_reading_a_folder_of_paths_keeps_argument_order(tmp_path):
    names = ["b.eml", "a.eml"]
    for n in names:
        (tmp_path / n).write_text(SIGNATURE.format(i=n[0]), encoding="utf-8")
    paths = [str(tmp_path / n) for n in names]
    out = list(batch.parse_files(paths, ParseSettings(), as_json, jobs=1))
    assert [Path(json.loads(line)["file"]).name for line, _ in out] == names


WARMED = """
from petition.intake import domains, geo, mandates, parties
from petition.intake.parse import warm_up
warm_up()
loaded = [f.__name__ for f in (geo._communes, geo._epcis, domains._table, mandates._scanner,
                               parties._table, parties._first_tokens)
          if f.cache_info().currsize == 0]
print(" ".join(loaded) or "all loaded")
"""


def test_warm_up_loads_the_tables_workers_would_each_build():
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-c", WARMED], capture_output=True, text=True,
                         check=True, timeout=60).stdout.strip()
    assert out == "all loaded"


def test_the_parents_objects_go_back_to_its_gc_after_the_pool(files):
    """Frozen for the fork (workers leave them alone), then given back: a long-running
    poller must not keep every object of every backlog forever."""
    import gc

    list(batch.parse_files(files, ParseSettings(), as_json, jobs=2, min_files=2))
    assert gc.get_freeze_count() == 0
