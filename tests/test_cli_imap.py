"""The IMAP commands through the real CLI: configuration errors and a real poll."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from petition.cli import cli
from petition.exit_codes import ExitStatus

pytest_plugins = ["dovecot"]


@pytest.fixture
def runner(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for var in ("PETITION_CONFIG", "PETITION_IMAP_PASSWORD"):
        monkeypatch.delenv(var, raising=False)
    return CliRunner()


def test_poll_without_imap_settings_is_a_configuration_error(runner):
    result = runner.invoke(cli, ["poll"])
    assert result.exit_code == ExitStatus.USAGE
    assert "[imap] host" in result.stderr
    assert "Traceback" not in result.output


def test_poll_without_password_names_the_variable(runner, tmp_path):
    cfg = tmp_path / "c.toml"
    cfg.write_text('[imap]\nhost = "127.0.0.1"\nuser = "bot"\n', encoding="utf-8")
    result = runner.invoke(cli, ["--config", str(cfg), "poll"])
    assert result.exit_code == ExitStatus.USAGE
    assert "PETITION_IMAP_PASSWORD" in result.stderr and str(cfg) in result.stderr


def test_status_on_a_fresh_database_is_unhealthy(runner):
    result = runner.invoke(cli, ["status", "--json"])
    assert result.exit_code == ExitStatus.FAILED
    assert json.loads(result.stdout)["ok"] is False


def test_health_age_is_a_setting(runner, tmp_path):
    cfg = tmp_path / "c.toml"
    cfg.write_text("[health]\nmax_poll_age_minutes = -1\n", encoding="utf-8")
    result = runner.invoke(cli, ["--config", str(cfg), "status"])
    assert result.exit_code == ExitStatus.USAGE
    assert "max_poll_age_minutes" in result.stderr


def test_poll_then_status_through_the_cli(runner, tmp_path, mailbox):
    imap = mailbox.settings.imap
    cfg = tmp_path / "c.toml"
    cfg.write_text(
        f'[database]\nurl = "sqlite:///{tmp_path / "cli.db"}"\n'
        f'[imap]\nhost = "{imap.host}"\nport = {imap.port}\nuser = "{imap.user}"\n'
        f'tls = "none"\nfolder = "{mailbox.folder}"\n'
        f'processed_folder = "{mailbox.processed}"\n', encoding="utf-8")
    mailbox.seed([b"From: Lina Roux <lina.roux@example.org>\r\nSubject: je signe\r\n"
                  b"Message-ID: <cli-imap-1@example.org>\r\n\r\n"
                  b"Je signe. Lina Roux, conseillere municipale de Die (26)\r\n"])
    env = {"PETITION_IMAP_PASSWORD": imap.password}
    result = runner.invoke(cli, ["--config", str(cfg), "poll"], env=env)
    assert result.exit_code == ExitStatus.DONE, result.output
    assert mailbox.left() == [] and len(mailbox.done()) == 1
    stats = runner.invoke(cli, ["--config", str(cfg), "stats", "--json"], env=env)
    assert json.loads(stats.stdout)["messages"]["total"] == 1
    status = runner.invoke(cli, ["--config", str(cfg), "status"], env=env)
    assert status.exit_code == ExitStatus.DONE, status.output
    again = runner.invoke(cli, ["--config", str(cfg), "run"], env=env)
    assert again.exit_code == ExitStatus.DONE, again.output
    assert again.stdout == ""
