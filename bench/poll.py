"""Time `petition poll` on a big backlog against the floor measured in the same run.

    python bench/poll.py [-n 10000] [--batch 200]

Starts a throwaway Dovecot (tests/dovecot.py), seeds two folders with the same N
generated French mails of 2–20 KB, then measures:

    floor  batched imapclient UID FETCH BODY.PEEK[] + mailparser.parse_from_bytes,
           before and after the poll (it varies by 10-30 % from run to run on these
           machines): the ratio is to the mean of the two
    poll   poll_once into a fresh SQLite database (store, parse, move, checkpoint);
           a long backlog is parsed by one worker process per CPU
    parse  petition's own parse_message on the same mails in one process, no IMAP,
           no database: the poll cannot beat parse / workers
    quiet  a second poll with nothing new

Target: poll <= 2 x floor. Prints one line per measurement and the ratio.

``--mails replies`` (default): signatures written on top of the quoted call, as they
arrive (bench/mailgen.py: plain and multipart/alternative with Outlook-like HTML, QP,
base64 and 8bit, utf-8 and iso-8859-1). ``--mails long-lines``: the stress case, own
text of 2–20 KB in one line without a break (plain and HTML alternative).
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from dataclasses import replace
from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path

import mailparser

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from dovecot import DovecotInstance
from mailgen import padded_mail

from petition.intake.pipeline import PARALLEL_MIN
from petition.intake.poll import open_database, poll_once
from petition.intake.workers import default_workers
from petition.settings import DatabaseSettings, Settings

FIRST = ["Marie", "Jean", "Élodie", "François", "Anaïs", "Loïc", "Hélène", "Jérôme"]
LAST = ["Dupont", "Lefèvre", "Moreau", "Girard", "Rousseau", "Bézier", "Caron", "Noël"]
PLACES = [("Grenoble", "grenoble.fr"), ("Sète", "ville-sete.fr"), ("Nîmes", "nimes.fr"),
          ("Lunel", "ville-lunel.fr"), ("Béziers", "ville-beziers.fr")]
OFFICES = ["maire de", "adjointe au maire de", "conseiller municipal de",
           "conseillère municipale et communautaire de"]
FILLER = ("Madame, Monsieur, je souhaite apporter mon soutien à la pétition contre la "
          "vidéosurveillance algorithmique, qui menace nos libertés publiques. ")


def reply_mail(i: int, rng: random.Random) -> bytes:
    return padded_mail(i, rng.randint(2_000, 20_000))


def long_line_mail(i: int, rng: random.Random) -> bytes:
    first, last = rng.choice(FIRST), rng.choice(LAST)
    place, domain = rng.choice(PLACES)
    office = rng.choice(OFFICES)
    size = rng.randint(2_000, 20_000)
    body = (FILLER * (size // len(FILLER) + 1))[:size - 300]
    text = f"{body}\n\nCordialement,\n{first} {last}\n{office} {place}\n"
    msg = EmailMessage(policy=SMTP)
    msg["From"] = f"{first} {last} <{first.lower()}.{last.lower()}@{domain}>".encode(
        "ascii", "ignore").decode()
    msg["To"] = "petition@technopolice.fr"
    msg["Subject"] = f"Signature de la pétition {i}"
    msg["Message-ID"] = f"<bench-{i}@{domain}>"
    msg["Date"] = "Tue, 03 Nov 2026 09:00:00 +0100"
    kind = i % 4
    charset = "iso-8859-1" if kind == 2 else "utf-8"
    cte = {0: "quoted-printable", 1: "base64", 2: "quoted-printable", 3: "8bit"}[kind]
    msg.set_content(text, charset=charset, cte=cte)
    if i % 3 == 0:
        msg.add_alternative(f"<html><body><p>{text}</p></body></html>", subtype="html")
    return msg.as_bytes()


MAILS = {"replies": reply_mail, "long-lines": long_line_mail}


def floor(server: DovecotInstance, folder: str, batch: int) -> float:
    started = time.perf_counter()
    with server.client() as client:
        client.select_folder(folder, readonly=True)
        uids = sorted(client.search("ALL"))
        for i in range(0, len(uids), batch):
            for item in client.fetch(uids[i:i + batch], ["BODY.PEEK[]"]).values():
                m = mailparser.parse_from_bytes(item[b"BODY[]"])
                _ = (m.subject, m.from_, m.text_plain, m.date)
    return time.perf_counter() - started


def parse_only(mails: list[bytes]) -> float:
    from petition.intake.parse import ParseSettings, parse_message

    settings = ParseSettings(auth=Settings().auth, policy=Settings().policy)
    started = time.perf_counter()
    for i, data in enumerate(mails):
        parse_message(data, f"bench#{i}", settings)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=10_000)
    parser.add_argument("--batch", type=int, default=200)
    parser.add_argument("--mails", choices=MAILS, default="replies")
    args = parser.parse_args()
    rng = random.Random(4)
    mails = [MAILS[args.mails](i, rng) for i in range(args.n)]
    print(f"{args.n} mails, {sum(map(len, mails)) / 1e6:.1f} MB")
    server = DovecotInstance()
    server.start()
    try:
        server.seed("Floor", mails)
        server.seed("Inbox2", mails)
        before = floor(server, "Floor", args.batch)
        print(f"floor  {before:7.2f} s  ({args.n / before:,.0f} msg/s)  before the poll")
        with tempfile.TemporaryDirectory() as tmp:
            settings = replace(
                Settings(), database=DatabaseSettings(url=f"sqlite:///{tmp}/bench.db"),
                imap=server.imap_settings("Inbox2", "Inbox2/Done", batch_size=args.batch))
            engine = open_database(settings)
            started = time.perf_counter()
            report = poll_once(engine, settings)
            poll_s = time.perf_counter() - started
            print(f"poll   {poll_s:7.2f} s  ({args.n / poll_s:,.0f} msg/s)  {report.line()}")
            started = time.perf_counter()
            poll_once(engine, settings)
            print(f"quiet  {time.perf_counter() - started:7.3f} s")
        after = floor(server, "Floor", args.batch)
        floor_s = (before + after) / 2
        print(f"floor  {after:7.2f} s  ({args.n / after:,.0f} msg/s)  after the poll; "
              f"mean {floor_s:.2f} s")
        parse_s = parse_only(mails)
        workers = default_workers() if args.n >= PARALLEL_MIN else 1
        print(f"parse  {parse_s:7.2f} s  in one process; / {workers} workers = "
              f"{parse_s / workers:.2f} s, {parse_s / workers / poll_s:.0%} of the poll")
    finally:
        server.cleanup()
    ratio = poll_s / floor_s
    print(f"ratio  {ratio:.2f} x the floor (target <= 2)")
    return 0 if ratio <= 2 else 1


if __name__ == "__main__":
    sys.exit(main())
