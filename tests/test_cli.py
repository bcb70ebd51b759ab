"""The command line: the exit-status contract and the output of each command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from petition.cli import cli
from petition.exit_codes import ExitStatus

SIGNATURE = (
    "From: =?utf-8?q?Claire_Vasseur?= <claire.vasseur@ville-exemple.fr>\r\n"
    "To: petition@technopolice.fr\r\n"
    "Subject: Signature de la pétition\r\n"
    "Message-ID: <cli-test-1@ville-exemple.fr>\r\n"
    "Date: Tue, 03 Nov 2026 10:00:00 +0100\r\n"
    "MIME-Version: 1.0\r\n"
    "Content-Type: text/plain; charset=utf-8\r\n"
    "Content-Transfer-Encoding: 8bit\r\n\r\n"
    "Bonjour,\r\n\r\nJe signe la pétition contre la VSA.\r\n\r\n"
    "Claire Vasseur\r\nConseillère municipale de Grenoble (38)\r\nEELV\r\n"
).encode()

CONTRACT_KEYS = {"file", "message_id", "sender", "kind", "official_address",
                 "decision", "signatories"}


@pytest.fixture
def runner(tmp_path, monkeypatch):
    """A CliRunner in an empty folder, no config, no .env, no PETITION_* variables."""
    monkeypatch.chdir(tmp_path)
    for var in ("PETITION_CONFIG", "PETITION_IMAP_PASSWORD", "PETITION_SMTP_PASSWORD"):
        monkeypatch.delenv(var, raising=False)
    return CliRunner()


@pytest.fixture
def mail(tmp_path) -> Path:
    path = tmp_path / "signature.eml"
    path.write_bytes(SIGNATURE)
    return path


def test_exit_codes_are_the_documented_ones():
    assert [int(s) for s in ExitStatus] == [0, 1, 2, 130]


def test_parse_json_prints_one_contract_line_per_file(runner, mail, tmp_path):
    other = tmp_path / "second.eml"
    other.write_bytes(SIGNATURE.replace(b"cli-test-1", b"cli-test-2"))
    result = runner.invoke(cli, ["parse", "--json", str(mail), str(other)])
    assert result.exit_code == ExitStatus.DONE, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    records = [json.loads(line) for line in lines]
    assert [r["file"] for r in records] == [str(mail), str(other)]
    assert set(records[0]) == CONTRACT_KEYS
    assert records[0]["message_id"] == "<cli-test-1@ville-exemple.fr>"
    assert records[0]["sender"] == "claire.vasseur@ville-exemple.fr"
    assert records[0]["kind"] == "signature"


def test_parse_not_an_email_gets_error_line_and_status_1(runner, mail, tmp_path):
    junk = tmp_path / "photo.eml"
    junk.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    missing = tmp_path / "missing.eml"
    result = runner.invoke(cli, ["parse", "--json", str(junk), str(mail), str(missing)])
    assert result.exit_code == ExitStatus.FAILED
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["kind"] for r in records] == ["error", "signature", "error"]
    assert records[0]["error"] and records[2]["error"]
    assert records[0]["signatories"] == [] and records[0]["decision"] == "ignore"


def test_parse_without_json_prints_a_readable_summary(runner, mail):
    result = runner.invoke(cli, ["parse", str(mail)])
    assert result.exit_code == ExitStatus.DONE, result.output
    assert "signature" in result.output
    assert "why:" in result.output


def test_usage_error_exits_2(runner):
    assert runner.invoke(cli, ["parse"]).exit_code == ExitStatus.USAGE
    assert runner.invoke(cli, ["no-such-command"]).exit_code == ExitStatus.USAGE


def test_bad_configuration_exits_2_with_one_line(runner, tmp_path, mail):
    bad = tmp_path / "bad.toml"
    bad.write_text("[imap]\nprot = 993\n", encoding="utf-8")
    result = runner.invoke(cli, ["--config", str(bad), "parse", "--json", str(mail)])
    assert result.exit_code == ExitStatus.USAGE
    assert result.stdout == ""
    assert result.stderr.strip().count("\n") == 0
    assert "[imap] prot: unknown key" in result.stderr and str(bad) in result.stderr


def test_config_from_environment_variable(runner, tmp_path, mail):
    bad = tmp_path / "env.toml"
    bad.write_text("[policy]\nauto_publish = 1\n", encoding="utf-8")
    result = runner.invoke(cli, ["stats"], env={"PETITION_CONFIG": str(bad)})
    assert result.exit_code == ExitStatus.USAGE
    assert "auto_publish" in result.stderr


def test_ingest_then_stats_and_render(runner, mail, tmp_path):
    result = runner.invoke(cli, ["ingest", str(mail)])
    assert result.exit_code == ExitStatus.DONE, result.output
    assert "1 stored" in result.stdout
    again = runner.invoke(cli, ["ingest", str(mail)])
    assert again.exit_code == ExitStatus.DONE, again.output
    assert "1 duplicates" in again.stdout
    stats = runner.invoke(cli, ["stats", "--json"])
    assert stats.exit_code == ExitStatus.DONE, stats.output
    counts = json.loads(stats.stdout)
    assert counts["messages"]["total"] == 1
    assert counts["messages"]["by_kind"] == {"signature": 1}
    assert set(counts["signatories"]) == {"published", "pending", "rejected", "withdrawn"}
    table = runner.invoke(cli, ["stats"])
    assert table.exit_code == ExitStatus.DONE and "messages" in table.stdout
    out = tmp_path / "site"
    rendered = runner.invoke(cli, ["render", "--output", str(out)])
    assert rendered.exit_code == ExitStatus.DONE, rendered.output
    for name in ("index.html", "signataires.json", "signataires.csv"):
        assert (out / name).is_file()
    assert (tmp_path / "petition.db").is_file()


def test_ingest_with_a_bad_file_goes_on_and_exits_1(runner, mail, tmp_path):
    empty = tmp_path / "empty.eml"
    empty.write_bytes(b"")
    result = runner.invoke(cli, ["ingest", str(empty), str(mail), str(tmp_path / "nope")])
    assert result.exit_code == ExitStatus.FAILED
    assert "1 stored" in result.stdout
    errors = [line for line in result.stderr.splitlines() if line.startswith("petition:")]
    assert len(errors) >= 2
    assert all("Traceback" not in line for line in result.stderr.splitlines())


def test_requeue_with_nothing_in_error_exits_0(runner, mail):
    assert runner.invoke(cli, ["ingest", str(mail)]).exit_code == ExitStatus.DONE
    result = runner.invoke(cli, ["requeue"])
    assert result.exit_code == ExitStatus.DONE, result.output


def test_db_upgrade_and_current(runner, tmp_path):
    result = runner.invoke(cli, ["db", "upgrade"])
    assert result.exit_code == ExitStatus.DONE, result.output
    current = runner.invoke(cli, ["db", "current"])
    assert current.exit_code == ExitStatus.DONE
    assert current.stdout.strip() != "base"
    down = runner.invoke(cli, ["db", "downgrade", "base"])
    assert down.exit_code == ExitStatus.DONE, down.output
    assert runner.invoke(cli, ["db", "current"]).stdout.strip() == "base"


def test_unwritable_database_is_one_line_exit_1(runner, tmp_path):
    cfg = tmp_path / "c.toml"
    cfg.write_text('[database]\nurl = "sqlite:////nonexistent-dir/x/petition.db"\n',
                   encoding="utf-8")
    result = runner.invoke(cli, ["--config", str(cfg), "stats"])
    assert result.exit_code == ExitStatus.FAILED
    assert "Traceback" not in result.output
    assert result.stderr.startswith("petition: ")


def test_demo_in_an_empty_directory(runner, tmp_path):
    result = runner.invoke(cli, ["demo"])
    assert result.exit_code == ExitStatus.DONE, result.output
    page = tmp_path / "petition-demo" / "public" / "index.html"
    assert f"page: {page}" in result.stdout
    assert page.is_file()
    assert "ingested" in result.stdout and "rendered" in result.stdout
    assert not (tmp_path / "petition.db").exists()  # the demo never uses the real database
