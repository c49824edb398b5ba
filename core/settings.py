"""User settings (analyst name, spaCy pipeline, cue lexicon) and default paths, via platformdirs."""
from __future__ import annotations

import getpass
import json
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from platformdirs import user_config_path, user_data_path

from core.errors import BylineError

APP_NAME = "byline"


def default_database_path() -> Path:
    """The database used when ``--db`` is not given, in the user's data folder."""
    return user_data_path(APP_NAME, appauthor=False, ensure_exists=True) / "byline.db"


def settings_path() -> Path:
    return user_config_path(APP_NAME, appauthor=False) / "settings.json"


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no name for this uid (e.g. in containers)
        return "analyst"


@dataclass(frozen=True)
class Settings:
    analyst: str
    model: str | None = None  # None: the default English pipeline
    lexicon: str | None = None  # a cue lexicon file for the quote finder; None: resources/cue_verbs.json

    def with_changes(self, **changes) -> Settings:
        return replace(self, **changes)


def load_settings() -> Settings:
    """Settings from the user's config file; defaults where it has none."""
    path = settings_path()
    data = {}
    if path.exists():
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise BylineError(f"cannot read the settings file {path}: {exc}") from exc
    return Settings(analyst=data.get("analyst") or _os_user(), model=data.get("model") or None,
                    lexicon=data.get("lexicon") or None)


def save_settings(settings: Settings) -> None:
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(asdict(settings), indent=2), encoding="utf-8")
