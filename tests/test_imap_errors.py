"""Bad configuration and hostile servers: one line, what to check, exit 1, nothing lost."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from petition.intake.poll import open_database, poll_command
from petition.settings import Settings
from petition.storage.models import Message

if TYPE_CHECKING:
    from dovecot import Mailbox

pytest_plugins = ["dovecot"]
pytestmark = pytest.mark.imap


def one_failure(settings: Settings, capsys: pytest.CaptureFixture[str], *,
                verbose: bool = False) -> str:
    status = poll_command(settings, watch=False, verbose=verbose)
    out, err = capsys.readouterr()
    assert status == 1
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("petition: ")
    assert "Traceback" not in err
    return lines[0]


def nothing_stored(settings: Settings) -> bool:
    with Session(open_database(settings)) as s:
        return s.scalar(select(func.count()).select_from(Message)) == 0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# A failed login makes Dovecot slow down the next logins from 127.0.0.1 (auth
# penalty): those tests use a server of their own, not the shared one.

def test_wrong_password(dovecot_factory, make_email, capsys) -> None:
    _server, mailbox = dovecot_factory()
    mailbox.seed([make_email("Je signe.")])
    settings = mailbox.with_imap(password="not-the-password")
    line = one_failure(settings, capsys)
    assert "refused the login" in line and "PETITION_IMAP_PASSWORD" in line
    assert nothing_stored(settings)


def test_unknown_host(mailbox: Mailbox, capsys) -> None:
    line = one_failure(mailbox.with_imap(host="no-such-host.invalid"), capsys)
    assert "cannot find the IMAP server 'no-such-host.invalid'" in line
    assert "[imap] host" in line


def test_refused_connection(mailbox: Mailbox, capsys) -> None:
    line = one_failure(mailbox.with_imap(port=free_port()), capsys)
    assert "refused the connection" in line and "port" in line


def test_certificate_not_trusted(mailbox: Mailbox, capsys) -> None:
    server = mailbox.server
    settings = mailbox.with_imap(tls="ssl", port=server.ssl_port, ca_file="")
    line = one_failure(settings, capsys)
    assert "not trusted" in line and "ca_file" in line


def test_certificate_for_another_name(mailbox: Mailbox, capsys) -> None:
    server = mailbox.server
    settings = mailbox.with_imap(tls="ssl", host="localhost", port=server.ssl_port,
                                 ca_file=server.cafile)
    line = one_failure(settings, capsys)
    assert "not trusted" in line and "localhost" in line


def test_tls_against_a_plain_port(mailbox: Mailbox, capsys) -> None:
    settings = mailbox.with_imap(tls="ssl", ca_file=mailbox.server.cafile)
    line = one_failure(settings, capsys)
    assert "TLS" in line and "[imap] tls" in line


def test_missing_folder(mailbox: Mailbox, capsys) -> None:
    line = one_failure(mailbox.with_imap(folder="Nope/Absent"), capsys)
    assert "'Nope/Absent'" in line and "[imap] folder" in line


def test_verbose_shows_the_details(dovecot_factory, capsys) -> None:
    import logging

    _server, mailbox = dovecot_factory()
    root = logging.getLogger()
    handler = logging.StreamHandler()
    root.addHandler(handler)
    level = root.level
    try:
        status = poll_command(mailbox.with_imap(password="bad"), watch=False, verbose=True)
    finally:
        root.removeHandler(handler)
        root.setLevel(level)
    err = capsys.readouterr().err
    assert status == 1
    assert "LoginError" in err  # the chained exception, shown with -v


@pytest.fixture
def bye_server() -> Iterator[int]:
    """A server that greets with BYE and hangs up."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    listener.settimeout(5)

    def serve() -> None:
        try:
            conn, _ = listener.accept()
        except OSError:
            return
        with conn:
            conn.sendall(b"* BYE Too many connections, come back later\r\n")

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield listener.getsockname()[1]
    listener.close()
    thread.join(5)


def test_server_answering_bye(mailbox: Mailbox, bye_server: int, capsys) -> None:
    line = one_failure(mailbox.with_imap(port=bye_server), capsys)
    assert "Too many connections" in line


@pytest.mark.parametrize("tls", ["ssl", "starttls"])
def test_imaps_and_starttls_with_the_test_ca(mailbox: Mailbox, make_email, tls: str,
                                             capsys) -> None:
    server = mailbox.server
    port = server.ssl_port if tls == "ssl" else server.port
    settings = mailbox.with_imap(tls=tls, port=port, ca_file=server.cafile)
    mailbox.seed([make_email("Je signe. Nina Exemple, maire de Pézenas")])
    assert poll_command(settings, watch=False, verbose=False) in (0, 1)
    out, _err = capsys.readouterr()
    assert out.startswith("polled 1 new messages: 1 stored")
    assert mailbox.left() == [] and not nothing_stored(settings)


def test_missing_imap_settings_exit_2(settings: Settings, capsys) -> None:
    assert poll_command(settings, watch=False, verbose=False) == 2
    assert "[imap] host" in capsys.readouterr().err
