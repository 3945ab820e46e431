"""Where marsad keeps its files: ``$MARSAD_HOME`` if set, else the user's data directory."""
from __future__ import annotations

import os
from pathlib import Path


def data_home() -> Path:
    env = os.environ.get("MARSAD_HOME")
    if env:
        p = Path(env)
    else:
        from platformdirs import user_data_dir
        p = Path(user_data_dir("marsad", appauthor=False))
    p.mkdir(parents=True, exist_ok=True)
    return p


def default_db_path() -> Path:
    return data_home() / "marsad.sqlite"
