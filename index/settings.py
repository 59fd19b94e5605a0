"""Where Stint keeps things and how it reaches its parts.

Everything Stint keeps (store, Meilisearch data and keys) lives under one home folder:
`--home`, else `STINT_HOME`, else `./data`. Two homes never mix.

Environment (read here and only here, once at start-up; index/ is the lowest layer needing it):
  STINT_HOME        the home folder (default ./data)
  STINT_STORE_URL   SQLAlchemy URL of the store (default sqlite:///<home>/stint.db)
  MEILI_URL         use this Meilisearch server instead of starting a local one
  MEILI_MASTER_KEY  its master (or admin) key
  MEILI_BIN         start this Meilisearch binary instead of the pinned one in .bin/
  STINT_INDEX       the Meilisearch index uid (default listings)
  STINT_DEDUPE_OVERRIDES  dedup corrections (default <home>/dedupe.toml)
  STINT_ADMIN_TOKEN       turns on `stint serve`'s admin routes; STINT_CORS_ORIGINS: a,b
  STINT_PUBLIC_URL        `stint serve --public-url`: the base of every absolute link
  STINT_ALLOWED_HOSTS     `stint serve --allowed-hosts`: Host names answered (a,b; * for any)
  STINT_DEMO_TODAY        YYYY-MM-DD: the day the demo's sample postings are dated around
                          (default: today)
  STINT_SMTP_URL, STINT_MAIL_FROM  email alerts: the SMTP server and the sender (search_api/mail.py)
The CLI's --config option also takes STINT_SOURCES.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
PINNED_MEILI_BIN = PROJECT_ROOT / ".bin" / "meilisearch"


@dataclass(frozen=True)
class Settings:
    home: Path
    store_url: str
    meili_url: str | None = None
    meili_master_key: str | None = None
    meili_bin: Path | None = None
    index_uid: str = "listings"
    dedupe_overrides: Path | None = None
    admin_token: str | None = None
    cors_origins: tuple[str, ...] = ()
    smtp_url: str | None = None
    mail_from: str | None = None
    public_url: str | None = None
    allowed_hosts: tuple[str, ...] | None = None
    demo_today: str | None = None

    @classmethod
    def load(cls, home: str | Path | None = None, env: dict[str, str] | None = None) -> Settings:
        env = dict(os.environ if env is None else env)
        home_path = Path(home or env.get("STINT_HOME") or "data").resolve()
        store_url = env.get("STINT_STORE_URL") or f"sqlite:///{home_path / 'stint.db'}"
        meili_bin = env.get("MEILI_BIN")
        overrides = env.get("STINT_DEDUPE_OVERRIDES")
        return cls(
            home=home_path,
            store_url=store_url,
            meili_url=env.get("MEILI_URL") or None,
            meili_master_key=env.get("MEILI_MASTER_KEY") or None,
            meili_bin=Path(meili_bin) if meili_bin else None,
            index_uid=env.get("STINT_INDEX") or "listings",
            dedupe_overrides=Path(overrides) if overrides else None,
            admin_token=env.get("STINT_ADMIN_TOKEN") or None,
            cors_origins=tuple(o for o in env.get("STINT_CORS_ORIGINS", "").split(",") if o.strip()),
            smtp_url=env.get("STINT_SMTP_URL") or None,
            mail_from=env.get("STINT_MAIL_FROM") or None,
            public_url=env.get("STINT_PUBLIC_URL") or None,
            allowed_hosts=_names(env.get("STINT_ALLOWED_HOSTS")),
            demo_today=env.get("STINT_DEMO_TODAY") or None,
        )

    @property
    def meili_dir(self) -> Path:
        return self.home / "meili"


def _names(value: str | None) -> tuple[str, ...] | None:
    """'a, b' -> ('a', 'b'); unset or blank -> None (the default applies)."""
    names = tuple(n.strip() for n in (value or "").split(",") if n.strip())
    return names or None
