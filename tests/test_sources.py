"""Disk sources: .eml files, Maildir folders, mbox files, folders, and what fails."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from petition.intake.errors import SourceError
from petition.intake.sources import ImapRaw, RawMessage, iter_messages


def mails(make_email, n: int) -> list[bytes]:
    return [make_email(f"Bonjour,\n\nMessage numéro {i}.\n\nLéa Martin\n") for i in range(n)]


def write_mbox(path: Path, messages: list[bytes]) -> Path:
    with path.open("wb") as fh:
        for msg in messages:
            fh.write(b"From petition@technopolice.fr Tue Nov  3 09:00:00 2026\n")
            fh.write(msg.replace(b"\r\n", b"\n"))
            if not msg.endswith(b"\n"):
                fh.write(b"\n")
            fh.write(b"\n")
    return path


def as_lf(msg: bytes) -> bytes:
    return msg.replace(b"\r\n", b"\n")


def test_one_eml_file(tmp_path, make_email):
    raw = make_email("Je signe.")
    path = tmp_path / "a.eml"
    path.write_bytes(raw)
    assert list(iter_messages([path])) == [RawMessage(str(path), raw)]


def test_any_file_that_is_not_an_mbox_is_one_message(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_bytes(b"no headers at all")
    assert list(iter_messages([str(path)])) == [RawMessage(str(path), b"no headers at all")]


def test_mbox_entries_are_numbered_from_one(tmp_path, make_email):
    originals = mails(make_email, 3)
    path = write_mbox(tmp_path / "archive.mbox", originals)
    got = list(iter_messages([path]))
    assert [m.source for m in got] == [f"{path}#1", f"{path}#2", f"{path}#3"]
    assert [m.data.rstrip(b"\n") for m in got] == [as_lf(m).rstrip(b"\n") for m in originals]
    assert not any(m.data.startswith(b"From ") for m in got)


def test_mbox_detection_needs_the_from_line_first(tmp_path, make_email):
    raw = make_email("Bonjour")  # starts with "From:", not "From "
    path = tmp_path / "From-colon.eml"
    path.write_bytes(raw)
    assert list(iter_messages([path])) == [RawMessage(str(path), raw)]


def test_truncated_mbox_keeps_its_complete_messages(tmp_path, make_email):
    originals = mails(make_email, 3)
    whole = write_mbox(tmp_path / "whole.mbox", originals).read_bytes()
    third = whole.rindex(b"From petition@")
    cut = tmp_path / "cut.mbox"
    cut.write_bytes(whole[: third + 120])  # in the middle of the third message's headers
    got = list(iter_messages([cut]))
    assert len(got) == 3
    assert [m.data.rstrip(b"\n") for m in got[:2]] == [
        as_lf(m).rstrip(b"\n") for m in originals[:2]]
    assert isinstance(got[2], RawMessage) and len(got[2].data) < len(originals[2])


def test_mbox_with_empty_entries_reports_them(tmp_path, make_email):
    path = tmp_path / "broken.mbox"
    path.write_bytes(b"From a Tue Nov  3 09:00:00 2026\n\nFrom b Tue Nov  3 09:00:00 2026\n"
                     + as_lf(make_email("Bonjour")))
    got = list(iter_messages([path]))
    assert got[0] == SourceError(f"{path}#1", "empty mbox entry")
    assert isinstance(got[1], RawMessage) and got[1].source == f"{path}#2"


def test_maildir_new_then_cur_and_never_tmp(tmp_path, make_email):
    box = tmp_path / "Maildir"
    for sub in ("cur", "new", "tmp"):
        (box / sub).mkdir(parents=True)
    a, b, c, d = mails(make_email, 4)
    (box / "new" / "2.host").write_bytes(b)
    (box / "new" / "1.host").write_bytes(a)
    (box / "cur" / "0.host:2,S").write_bytes(c)
    (box / "tmp" / "3.host").write_bytes(d)  # still being delivered
    (box / "cur" / ".hidden").write_bytes(d)
    got = list(iter_messages([box]))
    assert got == [RawMessage(str(box / "new" / "1.host"), a),
                   RawMessage(str(box / "new" / "2.host"), b),
                   RawMessage(str(box / "cur" / "0.host:2,S"), c)]


def test_folder_of_files_sorted_recursive_hidden_skipped(tmp_path, make_email):
    a, b, c = mails(make_email, 3)
    (tmp_path / "b.eml").write_bytes(b)
    (tmp_path / "a.eml").write_bytes(a)
    (tmp_path / ".DS_Store").write_bytes(b"junk")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.eml").write_bytes(c)
    write_mbox(tmp_path / "sub" / "d.mbox", [a])
    got = list(iter_messages([tmp_path]))
    assert [m.source for m in got] == [
        str(tmp_path / "a.eml"), str(tmp_path / "b.eml"),
        str(tmp_path / "sub" / "c.eml"), f"{tmp_path / 'sub' / 'd.mbox'}#1"]


def test_a_maildir_inside_a_folder(tmp_path, make_email):
    (a,) = mails(make_email, 1)
    box = tmp_path / "mail" / "Petition"
    for sub in ("cur", "new", "tmp"):
        (box / sub).mkdir(parents=True)
    (box / "new" / "1.host").write_bytes(a)
    assert [m.source for m in iter_messages([tmp_path / "mail"])] == [str(box / "new" / "1.host")]


def test_empty_file_is_an_error(tmp_path):
    path = tmp_path / "empty.eml"
    path.write_bytes(b"")
    assert list(iter_messages([path])) == [SourceError(str(path), "empty file")]


def test_missing_path_is_an_error_and_the_next_one_is_read(tmp_path, make_email):
    raw = make_email("Bonjour")
    (tmp_path / "ok.eml").write_bytes(raw)
    got = list(iter_messages([tmp_path / "nope.eml", tmp_path / "ok.eml"]))
    assert got == [SourceError(str(tmp_path / "nope.eml"), "no such file or directory"),
                   RawMessage(str(tmp_path / "ok.eml"), raw)]
    assert got[0].line == f"{tmp_path / 'nope.eml'}: no such file or directory"


def test_a_fifo_is_not_read(tmp_path):
    path = tmp_path / "pipe"
    os.mkfifo(path)
    assert list(iter_messages([path])) == [SourceError(str(path), "not a file or a folder")]


def test_symlink_loops_are_visited_once(tmp_path, make_email):
    (tmp_path / "a.eml").write_bytes(make_email("Bonjour"))
    (tmp_path / "loop").symlink_to(tmp_path)
    assert [m.source for m in iter_messages([tmp_path])] == [str(tmp_path / "a.eml")]


def test_iteration_is_lazy(tmp_path, make_email):
    (tmp_path / "a.eml").write_bytes(make_email("Bonjour"))
    later = tmp_path / "later.eml"
    messages = iter_messages([tmp_path / "a.eml", later])
    first = next(messages)
    later.write_bytes(make_email("Écrit après le début de la lecture"))
    second = next(messages)
    assert isinstance(first, RawMessage) and isinstance(second, RawMessage)


def test_big_mbox_is_streamed(tmp_path, make_email):
    """A 30 MB mbox of 3 messages: each comes out whole, one at a time."""
    big = [make_email("x", attachments=[("scan.pdf", os.urandom(7_000_000),
                                         "application/pdf")]) for _ in range(3)]
    path = write_mbox(tmp_path / "big.mbox", big)
    assert path.stat().st_size > 25_000_000
    sizes = [len(m.data) for m in iter_messages([path])]
    assert len(sizes) == 3 and all(s > 9_000_000 for s in sizes)


def test_imap_raw_source():
    raw = ImapRaw(account="petition", folder="INBOX", uidvalidity=3, uid=42, data=b"x")
    assert raw.source == "imap://petition/INBOX"


@pytest.mark.parametrize("name", ["a.eml", "b.msg", "c"])
def test_names_do_not_matter(tmp_path, name, make_email):
    raw = make_email("Bonjour")
    (tmp_path / name).write_bytes(raw)
    assert list(iter_messages([tmp_path / name])) == [RawMessage(str(tmp_path / name), raw)]
