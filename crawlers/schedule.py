"""A source's schedule and its due check (the part of the sources model that reads `schedule`).

A source's `schedule` is an interval (`30m`, `6h`, `1d`, `every 2h`) or a five-field cron
expression (`0 */6 * * *`, UTC). A source is due when it has never run, or when its next
scheduled time after its last run's start has passed. A source without a schedule is never due.
The process that starts due crawls is stint/scheduler.py; per-source locks are stint/locks.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from croniter import croniter

_INTERVAL = re.compile(r"^(?:every\s+)?(\d+)\s*(s|m|h|d)$", re.IGNORECASE)
_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days"}


@dataclass(frozen=True)
class Schedule:
    text: str
    interval: timedelta | None = None
    cron: str | None = None

    def next_after(self, moment: datetime) -> datetime:
        if self.interval is not None:
            return moment + self.interval
        return croniter(self.cron, moment).get_next(datetime)


def parse_schedule(text: str) -> Schedule:
    """Parse an interval or a cron expression; ValueError with a readable message otherwise."""
    text = text.strip()
    match = _INTERVAL.match(text)
    if match:
        amount, unit = int(match[1]), match[2].lower()
        if amount <= 0:
            raise ValueError(f"schedule {text!r}: the interval must be positive")
        return Schedule(text, interval=timedelta(**{_UNITS[unit]: amount}))
    if len(text.split()) == 5 and croniter.is_valid(text):
        return Schedule(text, cron=text)
    raise ValueError(f"schedule {text!r} is neither an interval (30m, 6h, 1d) "
                     "nor a five-field cron expression")


def parse_time(value: str) -> datetime:
    moment = datetime.fromisoformat(value)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def is_due(schedule: Schedule, last_started_at: str | None, now: datetime) -> bool:
    if last_started_at is None:
        return True
    return schedule.next_after(parse_time(last_started_at)) <= now
