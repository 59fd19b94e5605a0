"""One error hierarchy for everything Stint reports to a user."""


class StintError(Exception):
    """Base of every error Stint reports with a clear message instead of a traceback."""


class ConfigError(StintError):
    """A settings or sources file that cannot be used; the message names the file and line."""


class FetchError(StintError):
    """A page or API call that could not be read (timeout, 5xx, refused)."""


class GoneError(FetchError):
    """A page or board that no longer exists (404, 410)."""


class ParseError(StintError):
    """A payload that cannot be turned into a listing."""


class MeiliError(StintError):
    """Meilisearch cannot be started, reached or used."""
