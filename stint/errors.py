"""Every error Stint reports to a user as a one-line message instead of a traceback.

Each layer raises its own (imports point down, so the classes live where they are raised);
this is the one list of them, which the CLI catches.
"""

from crawlers.sources import ConfigError  # a sources, settings or overrides file that cannot be used
from index.errors import MeiliError  # Meilisearch cannot be started, reached or used


class StintError(Exception):
    """An error of the shell itself (the demo, `stint serve`, a source check)."""


USER_ERRORS: tuple[type[Exception], ...] = (StintError, ConfigError, MeiliError)

__all__ = ["USER_ERRORS", "ConfigError", "MeiliError", "StintError"]
