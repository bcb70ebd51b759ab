"""A throwaway Dovecot on 127.0.0.1 for the IMAP tests (plain and IMAPS).

    dovecot_server   session fixture: a running DovecotInstance (skipped with a
                     reason when Dovecot is not installed; under CI=true it fails)
    mailbox          function fixture: a fresh folder pair on that server and the
                     Settings (database + imap) that point a poll at it

The instance is `dovecot -F -c FILE`, our own child in its own session, stdout and
stderr to a file (an orphan must not hold pytest's pipes), stopped with killpg.
The certificate is a self-signed EC P-256 one for IP 127.0.0.1 made by openssl.
Test modules import the fixtures explicitly:

    pytest_plugins = ["dovecot"]  # in the test module: the fixtures below
"""

from __future__ import annotations

import grp
import os
import pwd
import shutil
import signal
import socket
import ssl
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from imapclient import IMAPClient

from petition.settings import DatabaseSettings, ImapSettings, Settings

USER = "petition@example.org"
PASSWORD = "s3cret-test"
START_TIMEOUT = 10.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def dovecot_binary() -> str | None:
    return shutil.which("dovecot") or (
        "/usr/sbin/dovecot" if os.access("/usr/sbin/dovecot", os.X_OK) else None)


CONFIG = """\
instance_name = {name}
base_dir = {root}/run
state_dir = {root}/state
protocols = imap
listen = 127.0.0.1
log_path = {root}/dovecot.log
info_log_path = {root}/dovecot.log
debug_log_path = {root}/dovecot.log
default_internal_user = {user}
default_internal_group = {group}
default_login_user = {login_user}
first_valid_uid = {uid}
first_valid_gid = {gid}
ssl = yes
ssl_cert = <{root}/cert.pem
ssl_key = <{root}/key.pem
disable_plaintext_auth = no
auth_mechanisms = plain login
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/users
}}
userdb {{
  driver = passwd-file
  args = username_format=%u {root}/users
  default_fields = uid={uid} gid={gid} home={root}/mail/%u
}}
mail_location = maildir:~/Maildir:LAYOUT=fs
mail_fsync = never
namespace inbox {{
  inbox = yes
  separator = /
}}
mailbox_idle_check_interval = 1 secs
auth_failure_delay = 0 secs
{extra}
service imap-login {{
  {chroot}
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {ssl_port}
    ssl = yes
  }}
}}
{nonroot_services}
"""


class DovecotInstance:
    """One Dovecot with its own config, ports, certificate and mail folders."""

    def __init__(self, extra_config: str = "") -> None:
        binary = dovecot_binary()
        if binary is None:
            raise FileNotFoundError("dovecot is not installed (apt-get install dovecot-imapd)")
        self.binary = binary
        self.root = tempfile.mkdtemp(prefix="dovecot-test-")
        os.chmod(self.root, 0o755)
        self.port, self.ssl_port = free_port(), free_port()
        self.conf = f"{self.root}/dovecot.conf"
        self.cafile = f"{self.root}/cert.pem"
        self.proc: subprocess.Popen[bytes] | None = None
        self._write_files(extra_config)

    def _write_files(self, extra: str) -> None:
        root = Path(self.root)
        for sub in ("run", "state", "mail"):
            (root / sub).mkdir()
        if os.geteuid() == 0:
            owner = pwd.getpwnam("dovecot")
            uid, gid = owner.pw_uid, owner.pw_gid
            user = group = "dovecot"
            login_user, chroot, services = "dovenull", "chroot = login", ""
        else:
            uid, gid = os.getuid(), os.getgid()
            user, group = pwd.getpwuid(uid).pw_name, grp.getgrgid(gid).gr_name
            login_user, chroot = user, "chroot ="
            services = "service anvil {\n  chroot =\n}\nservice ipc {\n  chroot =\n}"
        os.chown(root / "mail", uid, gid)
        (root / "users").write_text(f"{USER}:{{PLAIN}}{PASSWORD}::::::\n")
        self._make_certificate()
        (root / "dovecot.conf").write_text(CONFIG.format(
            name=root.name, root=self.root, user=user, group=group, login_user=login_user,
            uid=uid, gid=gid, port=self.port, ssl_port=self.ssl_port, chroot=chroot,
            nonroot_services=services, extra=extra))

    def _make_certificate(self) -> None:
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
             "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
             "-addext", "subjectAltName=IP:127.0.0.1",
             "-keyout", f"{self.root}/key.pem", "-out", self.cafile],
            check=True, capture_output=True)

    # ------------------------------------------------------------------ lifecycle

    def start(self) -> None:
        log = open(f"{self.root}/startup.log", "ab")  # handed to the child
        try:
            self.proc = subprocess.Popen(
                [self.binary, "-F", "-c", self.conf], stdin=subprocess.DEVNULL,
                stdout=log, stderr=log, start_new_session=True)
        finally:
            log.close()
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"dovecot exited {self.proc.returncode}: {self.startup_log()}")
            if self._greets():
                return
            time.sleep(0.01)
        self.stop()
        raise RuntimeError(f"dovecot did not answer within {START_TIMEOUT} s: {self.startup_log()}")

    def _greets(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1) as s:
                return s.recv(64).startswith(b"* OK")
        except OSError:
            return False

    def stop(self) -> None:
        if self.proc is None:
            return
        try:
            os.killpg(self.proc.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()
        self.proc = None

    def restart(self) -> None:
        self.stop()
        self.start()

    def kick(self, user: str = USER) -> None:
        """Disconnect every session of USER (the server says BYE)."""
        subprocess.run(["doveadm", "-c", self.conf, "kick", user], check=False,
                       capture_output=True)

    def cleanup(self) -> None:
        self.stop()
        shutil.rmtree(self.root, ignore_errors=True)

    def startup_log(self) -> str:
        path = Path(self.root) / "startup.log"
        return path.read_text(errors="replace")[-2000:] if path.exists() else ""

    # ------------------------------------------------------------------ clients

    def client(self, tls: bool = False) -> IMAPClient:
        if tls:
            context = ssl.create_default_context(cafile=self.cafile)
            c = IMAPClient("127.0.0.1", port=self.ssl_port, ssl=True, ssl_context=context,
                           timeout=10)
        else:
            c = IMAPClient("127.0.0.1", port=self.port, ssl=False, timeout=10)
        c.login(USER, PASSWORD)
        return c

    def seed(self, folder: str, messages: Sequence[bytes], chunk: int = 100) -> None:
        """Append MESSAGES to FOLDER (created when missing), in order."""
        with self.client() as c:
            if not c.folder_exists(folder):
                c.create_folder(folder)
            for i in range(0, len(messages), chunk):
                c.multiappend(folder, list(messages[i:i + chunk]))

    def uids(self, folder: str) -> list[int]:
        with self.client() as c:
            if not c.folder_exists(folder):
                return []
            c.select_folder(folder, readonly=True)
            return sorted(c.search("ALL"))

    def bodies(self, folder: str) -> list[bytes]:
        with self.client() as c:
            if not c.folder_exists(folder):
                return []
            c.select_folder(folder, readonly=True)
            uids = sorted(c.search("ALL"))
            data = c.fetch(uids, ["BODY.PEEK[]"]) if uids else {}
            return [data[u][b"BODY[]"] for u in uids]

    def imap_settings(self, folder: str, processed: str, *, tls: str = "none",
                      **overrides: object) -> ImapSettings:
        port = self.ssl_port if tls == "ssl" else self.port
        base = ImapSettings(host="127.0.0.1", port=port, user=USER, tls=tls,
                            ca_file=self.cafile if tls != "none" else "", folder=folder,
                            processed_folder=processed, timeout=10.0, batch_size=50,
                            password=PASSWORD)
        return replace(base, **overrides)  # type: ignore[arg-type]


def start_instance(extra_config: str = "") -> DovecotInstance:
    """A started instance; skip (locally) or fail (CI=true) without Dovecot."""
    try:
        instance = DovecotInstance(extra_config)
    except FileNotFoundError as exc:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{exc}: CI must install dovecot-imapd and openssl")
        pytest.skip(f"IMAP tests need a local Dovecot: {exc}")
    instance.start()
    return instance


@pytest.fixture(scope="session")
def dovecot_server() -> Iterator[DovecotInstance]:
    instance = start_instance()
    try:
        yield instance
    finally:
        instance.cleanup()


@dataclass
class Mailbox:
    """A fresh folder and processed folder on the test server, and settings for them."""

    server: DovecotInstance
    folder: str
    processed: str
    settings: Settings

    def seed(self, messages: Sequence[bytes]) -> None:
        self.server.seed(self.folder, messages)

    def left(self) -> list[int]:
        return self.server.uids(self.folder)

    def done(self) -> list[int]:
        return self.server.uids(self.processed)

    def with_imap(self, **overrides: object) -> Settings:
        return replace(self.settings, imap=replace(self.settings.imap, **overrides))


def make_mailbox(server: DovecotInstance, db_url: str) -> Mailbox:
    name = f"t-{uuid.uuid4().hex[:10]}"
    folder, processed = name, f"{name}/Done"
    server.seed(folder, [])
    settings = replace(Settings(), database=DatabaseSettings(url=db_url),
                       imap=server.imap_settings(folder, processed))
    return Mailbox(server, folder, processed, settings)


@pytest.fixture
def mailbox(dovecot_server: DovecotInstance, db_url: str) -> Mailbox:
    return make_mailbox(dovecot_server, db_url)


@pytest.fixture
def dovecot_factory(db_url: str) -> Iterator[object]:
    """start(extra_config) -> (DovecotInstance, Mailbox): a second server for one test."""
    started: list[DovecotInstance] = []

    def start(extra_config: str = "") -> tuple[DovecotInstance, Mailbox]:
        instance = start_instance(extra_config)
        started.append(instance)
        return instance, make_mailbox(instance, db_url)

    yield start
    for instance in started:
        instance.cleanup()
