"""Settings: frozen objects read once by cli.py and passed down.

Order of precedence for the file: ``--config PATH``, ``$PETITION_CONFIG``,
``./config.toml``, then built-in defaults. Secrets (IMAP and SMTP passwords) come
only from the environment or a ``.env`` file, never from the TOML.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

DEFAULT_FAR_RIGHT: tuple[str, ...] = (
    "RN", "FN", "Reconquête", "Les Patriotes", "Debout la France", "UDR",
    "Parti de la France", "Ligue du Sud", "Comités Jeanne", "MNR", "Civitas",
    "Les Identitaires", "SIEL",
)
TLS_MODES = ("ssl", "starttls", "none")
PASSWORD_VARS = {"imap": "PETITION_IMAP_PASSWORD", "smtp": "PETITION_SMTP_PASSWORD"}


class ConfigError(Exception):
    """A configuration problem, said in one line naming the key and the file."""


@dataclass(frozen=True)
class DatabaseSettings:
    url: str = "sqlite:///petition.db"


@dataclass(frozen=True)
class ImapSettings:
    host: str = ""
    port: int = 993
    user: str = ""
    tls: str = "ssl"
    ca_file: str = ""
    folder: str = "INBOX"
    processed_folder: str = "Processed"
    timeout: float = 30.0
    batch_size: int = 200
    password: str | None = field(default=None, repr=False)


@dataclass(frozen=True)
class SmtpSettings:
    host: str = ""
    port: int = 587
    user: str = ""
    sender: str = "petition@technopolice.fr"
    password: str | None = field(default=None, repr=False)


@dataclass(frozen=True)
class AuthSettings:
    trusted_authserv_ids: tuple[str, ...] = ("mx.technopolice.fr",)


@dataclass(frozen=True)
class RenderSettings:
    output_dir: str = "public"


@dataclass(frozen=True)
class PolicySettings:
    far_right: tuple[str, ...] = DEFAULT_FAR_RIGHT
    auto_publish: bool = True


@dataclass(frozen=True)
class HealthSettings:
    max_poll_age_minutes: float = 60.0


@dataclass(frozen=True)
class Settings:
    database: DatabaseSettings = DatabaseSettings()
    imap: ImapSettings = ImapSettings()
    smtp: SmtpSettings = SmtpSettings()
    auth: AuthSettings = AuthSettings()
    render: RenderSettings = RenderSettings()
    policy: PolicySettings = PolicySettings()
    health: HealthSettings = HealthSettings()
    source: str = "built-in defaults"


SECTIONS: dict[str, type] = {
    "database": DatabaseSettings,
    "imap": ImapSettings,
    "smtp": SmtpSettings,
    "auth": AuthSettings,
    "render": RenderSettings,
    "policy": PolicySettings,
    "health": HealthSettings,
}
SECRET_KEYS = {"password"}


def find_config(explicit: str | None, environ: Mapping[str, str]) -> Path | None:
    """The file to read: --config, $PETITION_CONFIG, ./config.toml, or none."""
    if explicit:
        return Path(explicit)
    if environ.get("PETITION_CONFIG"):
        return Path(environ["PETITION_CONFIG"])
    local = Path("config.toml")
    return local if local.is_file() else None


def load_settings(
    explicit: str | None = None,
    environ: Mapping[str, str] | None = None,
    dotenv_path: str | os.PathLike[str] | None = ".env",
) -> Settings:
    """Read the settings once; raise ConfigError with a one-line reason."""
    env = dict(os.environ if environ is None else environ)
    if dotenv_path and Path(dotenv_path).is_file():
        from dotenv import dotenv_values  # imported when there is a file to read

        for key, value in dotenv_values(dotenv_path).items():
            if value is not None:
                env.setdefault(key, value)
    path = find_config(explicit, env)
    data: dict[str, Any] = {}
    if path is not None:
        data = _read_toml(path)
    settings = settings_from_mapping(data, str(path) if path else "built-in defaults")
    return with_secrets(settings, env)


def _read_toml(path: Path) -> dict[str, Any]:
    import tomllib  # imported when there is a file to read

    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        raise ConfigError(f"{path}: configuration file not found") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read configuration ({exc.strerror})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from None


def settings_from_mapping(data: Mapping[str, Any], source: str) -> Settings:
    """Build Settings from parsed TOML, checking every key and type."""
    sections: dict[str, Any] = {}
    for name, value in data.items():
        if name not in SECTIONS:
            raise ConfigError(f"{source}: unknown section [{name}]")
        if not isinstance(value, Mapping):
            raise ConfigError(f"{source}: [{name}] must be a table")
        sections[name] = _section(SECTIONS[name], name, value, source)
    settings = Settings(**sections, source=source)
    _check_values(settings)
    return settings


def _section(cls: type, name: str, values: Mapping[str, Any], source: str) -> Any:
    known = {f.name: f for f in fields(cls)}
    kwargs: dict[str, Any] = {}
    for key, value in values.items():
        where = f"{source}: [{name}] {key}"
        if key in SECRET_KEYS:
            var = PASSWORD_VARS.get(name, "the environment")
            raise ConfigError(f"{where}: secrets are not read from the file; set {var}")
        if key not in known:
            raise ConfigError(f"{where}: unknown key")
        kwargs[key] = _coerce(known[key].default, value, where)
    return cls(**kwargs)


def _coerce(default: Any, value: Any, where: str) -> Any:
    if isinstance(default, bool):
        if not isinstance(value, bool):
            raise ConfigError(f"{where}: expected true or false, got {value!r}")
        return value
    if isinstance(default, int):
        if isinstance(value, bool) or not isinstance(value, int):
            raise ConfigError(f"{where}: expected an integer, got {value!r}")
        return value
    if isinstance(default, float):
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ConfigError(f"{where}: expected a number, got {value!r}")
        return float(value)
    if isinstance(default, tuple):
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{where}: expected a list of strings, got {value!r}")
        return tuple(value)
    if not isinstance(value, str):
        raise ConfigError(f"{where}: expected a string, got {value!r}")
    return value


def _check_values(settings: Settings) -> None:
    src = settings.source
    if settings.imap.tls not in TLS_MODES:
        raise ConfigError(
            f"{src}: [imap] tls: expected one of {', '.join(TLS_MODES)}, got {settings.imap.tls!r}"
        )
    if not 0 < settings.imap.port < 65536:
        raise ConfigError(f"{src}: [imap] port: expected 1-65535, got {settings.imap.port}")
    if settings.imap.batch_size < 1:
        raise ConfigError(f"{src}: [imap] batch_size: expected a positive integer")
    if settings.health.max_poll_age_minutes <= 0:
        raise ConfigError(f"{src}: [health] max_poll_age_minutes: expected a positive number")
    if not settings.auth.trusted_authserv_ids:
        raise ConfigError(f"{src}: [auth] trusted_authserv_ids: name at least one server")


def with_secrets(settings: Settings, env: Mapping[str, str]) -> Settings:
    imap = replace(settings.imap, password=env.get(PASSWORD_VARS["imap"]) or None)
    smtp = replace(settings.smtp, password=env.get(PASSWORD_VARS["smtp"]) or None)
    return replace(settings, imap=imap, smtp=smtp)


def require_imap(settings: Settings) -> ImapSettings:
    """The IMAP settings, when complete enough to connect; ConfigError otherwise."""
    imap, src = settings.imap, settings.source
    if not imap.host:
        raise ConfigError(f"{src}: [imap] host: not set; name the IMAP server to poll")
    if not imap.user:
        raise ConfigError(f"{src}: [imap] user: not set; name the mailbox account")
    if imap.password is None:
        raise ConfigError(
            f"{src}: {PASSWORD_VARS['imap']} is not set; put it in the environment or .env"
        )
    return imap
