"""Configuration: file lookup order, validation, secrets only from the environment."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from petition.settings import (
    DEFAULT_FAR_RIGHT,
    ConfigError,
    Settings,
    find_config,
    load_settings,
    require_imap,
    settings_from_mapping,
)

EXAMPLE = Path(__file__).resolve().parent.parent / "config.example.toml"


def write(tmp_path: Path, text: str, name: str = "config.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_without_any_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    settings = load_settings(None, environ={})
    assert settings.database.url == "sqlite:///petition.db"
    assert settings.auth.trusted_authserv_ids == ("mx.technopolice.fr",)
    assert settings.imap.tls == "ssl"
    assert settings.policy.far_right == DEFAULT_FAR_RIGHT
    assert settings.source == "built-in defaults"


def test_example_file_documents_every_key_and_loads():
    data = tomllib.loads(EXAMPLE.read_text(encoding="utf-8"))
    settings = settings_from_mapping(data, str(EXAMPLE))
    for section in ("database", "imap", "smtp", "auth", "render", "policy"):
        assert section in data
    for key in ("host", "port", "user", "tls", "ca_file", "folder", "processed_folder"):
        assert key in data["imap"]
    assert settings.policy.auto_publish is True
    text = EXAMPLE.read_text(encoding="utf-8")
    assert "PETITION_IMAP_PASSWORD" in text and "PETITION_SMTP_PASSWORD" in text


def test_every_setting_field_is_in_the_example():
    from dataclasses import fields

    data = tomllib.loads(EXAMPLE.read_text(encoding="utf-8"))
    for section in fields(Settings):
        if section.name == "source":
            continue
        for f in fields(section.default):
            if f.name == "password":
                continue
            assert f.name in data[section.name], f"[{section.name}] {f.name} undocumented"


def test_lookup_order(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, '[render]\noutput_dir = "local"\n')
    env_file = write(tmp_path, '[render]\noutput_dir = "from-env"\n', "env.toml")
    explicit = write(tmp_path, '[render]\noutput_dir = "explicit"\n', "explicit.toml")
    env = {"PETITION_CONFIG": str(env_file)}
    assert load_settings(str(explicit), environ=env).render.output_dir == "explicit"
    assert load_settings(None, environ=env).render.output_dir == "from-env"
    assert load_settings(None, environ={}).render.output_dir == "local"
    assert find_config(None, {}) == Path("config.toml")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('[imap]\nprot = 993\n', "[imap] prot: unknown key"),
        ('[imap]\nport = "993"\n', "[imap] port: expected an integer"),
        ('[imap]\ntls = "yes"\n', "[imap] tls: expected one of ssl, starttls, none"),
        ('[policy]\nauto_publish = "no"\n', "[policy] auto_publish: expected true or false"),
        ('[policy]\nfar_right = "RN"\n', "[policy] far_right: expected a list of strings"),
        ('[nope]\nx = 1\n', "unknown section [nope]"),
        ('[imap]\npassword = "hunter2"\n', "set PETITION_IMAP_PASSWORD"),
        ('[imap\n', "not valid TOML"),
    ],
)
def test_bad_config_names_key_and_file(tmp_path, text, expected):
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as err:
        load_settings(str(path), environ={})
    message = str(err.value)
    assert expected in message
    assert str(path) in message
    assert "\n" not in message


def test_missing_file_is_reported(tmp_path):
    with pytest.raises(ConfigError, match="not found"):
        load_settings(str(tmp_path / "absent.toml"), environ={})


def test_secrets_from_environment_and_dotenv(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".env").write_text("PETITION_IMAP_PASSWORD=s3cret\n", encoding="utf-8")
    settings = load_settings(None, environ={})
    assert settings.imap.password == "s3cret"
    assert "s3cret" not in repr(settings)
    override = load_settings(None, environ={"PETITION_IMAP_PASSWORD": "env-wins"})
    assert override.imap.password == "env-wins"


def test_missing_imap_secret_names_variable_and_file(tmp_path):
    path = write(tmp_path, '[imap]\nhost = "imap.example.org"\nuser = "petition"\n')
    settings = load_settings(str(path), environ={}, dotenv_path=None)
    with pytest.raises(ConfigError) as err:
        require_imap(settings)
    assert "PETITION_IMAP_PASSWORD" in str(err.value)
    assert str(path) in str(err.value)


def test_settings_are_frozen():
    settings = Settings()
    with pytest.raises(AttributeError):
        settings.database.url = "sqlite://"  # type: ignore[misc]
