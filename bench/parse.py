#!/usr/bin/env python3
"""Benchmark: the whole extraction against mail-parser's bare parse, in one run.

    python bench/parse.py                      # the built-in sample mailbox, repeated
    python bench/parse.py --corpus DIR -n 3000 # any folder of .eml files
    python bench/parse.py --size 10k           # generated ~10 KB mails (quotes, HTML)

Times (a) `mailparser.parse_from_bytes` on the messages' bytes (the baseline),
(b) `parse_message` (parse → extract → verify → decide) on the same bytes, in
process, and (c) the `petition parse --json` command over the same files (in one
call, then 500 files a call as the corpus scorer calls it, each call paying the start-up
again), and prints rates and ratios. The command spreads its files over the usable CPUs (its
default), so it is also timed with ``--jobs 1``: one process, as (b). These machines'
speed moves from one second to the next, so everything is measured ``--rounds`` times,
interleaved, and each ratio is given as the median of the rounds' ratios (a round's
baseline against that round's figure) and as the ratio of the best times. Then times
the pathological mails that must each stay well under one second.
"""

from __future__ import annotations

import argparse
import logging
import statistics
import subprocess
import sys
import tempfile
import time
from importlib.resources import files
from pathlib import Path

import mailparser

from petition.intake.parse import parse_message
from petition.intake.workers import usable_cpus

sys.path.insert(0, str(Path(__file__).resolve().parent))
from mailgen import padded_mail


def load(corpus: Path | None, n: int) -> list[tuple[str, bytes]]:
    folder = corpus or Path(str(files("petition.samples") / "mailbox"))
    mails = [(p.name, p.read_bytes()) for p in sorted(folder.glob("*.eml"))]
    if not mails:
        sys.exit(f"bench: no .eml files in {folder}")
    return [mails[i % len(mails)] for i in range(n)]


def generated(n: int, size: int) -> list[tuple[str, bytes]]:
    kinds = [(f"gen-{i}.eml", padded_mail(i, size)) for i in range(min(n, 21))]
    return [kinds[i % len(kinds)] for i in range(n)]


def timed(label: str, fn, items) -> float:
    start = time.perf_counter()
    for item in items:
        fn(item)
    elapsed = time.perf_counter() - start
    print(f"{label:<42} {elapsed:7.3f} s  {len(items) / elapsed:9.0f} msg/s")
    return elapsed


def compiled() -> None:
    """Byte-compile the package, as pip does on install: a checkout run with
    PYTHONDONTWRITEBYTECODE would otherwise recompile every changed module in each
    command process and time that instead."""
    import compileall
    import re

    import petition

    skip = re.compile(r"[/\\](?:\.venv|\.git|tests|bench|build)[/\\]")
    compileall.compile_dir(str(Path(petition.__file__).parent), quiet=1, rx=skip)


SCORER_CALL = 500  # files a call, as ../shared/corpus/score.py calls the command


def command_time(mails: list[tuple[str, bytes]], jobs: int | None, per_call: int) -> float:
    """Seconds for the command over every mail, ``per_call`` files a call."""
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for i, (name, data) in enumerate(mails):
            path = Path(tmp) / f"{i:05d}-{name}"
            path.write_bytes(data)
            paths.append(str(path))
        start = time.perf_counter()
        for k in range(0, len(paths), per_call):
            subprocess.run([sys.executable, "-m", "petition.cli", "parse", "--json",
                            *(["--jobs", str(jobs)] if jobs else []), *paths[k:k + per_call]],
                           stdout=subprocess.DEVNULL, check=False)
        elapsed = time.perf_counter() - start
    label = command_label(jobs, per_call, len(mails))
    print(f"{label:<42} {elapsed:7.3f} s  {len(mails) / elapsed:9.0f} msg/s")
    return elapsed


def command_label(jobs: int | None, per_call: int, count: int) -> str:
    calls = "one call" if per_call >= count else f"{per_call} a call"
    return f"(c) parse --json{f' --jobs {jobs}' if jobs else ''}, {calls}"


def pathological() -> dict[str, bytes]:
    head = b"From: Zoe Martin <z.martin@example.org>\r\nSubject: signature\r\n"
    nested = b"Content-Type: text/plain\r\n\r\nJe signe.\r\n"
    for depth in range(200):
        b = f"b{depth}".encode()
        nested = (b"Content-Type: multipart/mixed; boundary=" + b + b"\r\n\r\n--" + b
                  + b"\r\n" + nested + b"\r\n--" + b + b"--\r\n")
    return {
        "2 MB single-line body": head + b"\r\n" + b"a" * 2_000_000,
        "10,000 quoted lines": head + b"\r\n" + b"> conseillere municipale\r\n" * 10_000,
        "multipart nested 200 deep": head + b"MIME-Version: 1.0\r\n" + nested,
        "2 MB of words and digits": head + b"\r\n" + b"maire de 75 (93) Paris " * 90_000,
        "2 MB of negated sentences": head + b"\r\n" + b"je ne veux pas je signe. " * 80_000,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, help="folder of .eml files (default: samples)")
    ap.add_argument("-n", type=int, default=3000, help="messages to parse (default 3000)")
    ap.add_argument("--size", help="generated mails of about this size instead, e.g. 10k")
    ap.add_argument("--rounds", type=int, default=3,
                    help="measure everything this many times, interleaved (default 3)")
    ap.add_argument("--no-command", action="store_true", help="skip timing the command")
    ap.add_argument("--no-pathological", action="store_true", help="skip the hostile mails")
    args = ap.parse_args()
    logging.getLogger("mailparser").setLevel(logging.ERROR)  # "content not handled" noise
    if args.size:
        size = int(args.size.lower().rstrip("k")) * (1024 if args.size[-1] in "kK" else 1)
        mails = generated(args.n, size)
    else:
        mails = load(args.corpus, args.n)
    size = sum(len(d) for _, d in mails) / len(mails)
    print(f"{len(mails)} messages, mean size {size / 1024:.1f} KB, {usable_cpus()} usable CPUs")
    if not args.no_command:
        compiled()
    times: dict[str, list[float]] = {}
    for r in range(1, max(1, args.rounds) + 1):
        print(f"round {r}:")
        for label, run in measures(mails, not args.no_command):
            times.setdefault(label, []).append(run())
    summary(times, len(mails))
    if not args.no_pathological:
        hostile()


def measures(mails: list[tuple[str, bytes]], command: bool):
    """(label, a function timing it) for each measure, the baseline first."""
    yield BASE, lambda: timed(BASE, lambda m: mailparser.parse_from_bytes(m[1]), mails)
    yield OURS, lambda: timed(OURS, lambda m: parse_message(m[1], m[0]), mails)
    if not command:
        return
    for jobs, per_call in ((None, len(mails)), (None, SCORER_CALL), (1, SCORER_CALL)):
        yield (command_label(jobs, per_call, len(mails)),
               lambda jobs=jobs, per_call=per_call: command_time(mails, jobs, per_call))


BASE = "(a) mailparser.parse_from_bytes (baseline)"
OURS = "(b) parse_message (whole extraction)"


def summary(times: dict[str, list[float]], count: int) -> None:
    """Each measure's rate as a ratio to the baseline's: the median of the rounds' ratios
    (each round's baseline taken in that round) and the ratio of the best times."""
    base = times[BASE]
    print(f"ratios to (a), target ≥ 0.5 ({len(base)} rounds; median of the rounds, best):")
    for label, runs in times.items():
        if label == BASE:
            continue
        ratios = sorted(b / t for b, t in zip(base, runs, strict=True))
        median = statistics.median(ratios)
        print(f"  {label:<40} {median:5.2f}  best {min(base) / min(runs):5.2f}"
              f"  ({count / min(runs):.0f} msg/s at best; rounds: "
              f"{', '.join(f'{x:.2f}' for x in ratios)})")


def hostile() -> None:
    print("pathological mails (each must stay well under 1 s):")
    for label, data in pathological().items():
        start = time.perf_counter()
        record = parse_message(data, label)
        print(f"  {label:<32} {time.perf_counter() - start:6.3f} s  kind={record.kind}")


if __name__ == "__main__":
    main()
