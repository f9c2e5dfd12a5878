"""A deadline provider for tests: our own provider interface fed from a Python dict, no mock.

``Board.put(key, due, ...)`` adds or moves an item; ``done_on`` closes it from that day on;
``recipients`` maps each user to the day they did their part (None: never), which is how a
submission request stops reminding the units that have submitted.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from notifications.providers import Deadline


@dataclass
class Item:
    key: str
    due: datetime.date
    title: str
    recipients: dict = field(default_factory=dict)
    escalate_to: list = field(default_factory=list)
    done_on: datetime.date | None = None
    url: str = ""
    summary: str = ""


class Board:
    kind = "test_board"
    label = "Việc thử nghiệm"

    def __init__(self):
        self.items: dict[str, Item] = {}

    def put(self, key, due, *, title=None, recipients=(), escalate_to=(), done_on=None, url=None, summary=""):
        if not isinstance(recipients, dict):
            recipients = dict.fromkeys(recipients)
        self.items[key] = Item(
            key=key,
            due=due,
            title=title or f"Việc {key}",
            recipients=recipients,
            escalate_to=list(escalate_to),
            done_on=done_on,
            url=url if url is not None else f"/plans/tasks/{key.rsplit(':', 1)[-1]}/",
            summary=summary,
        )
        return self.items[key]

    def move(self, key, due):
        self.items[key].due = due

    def deadlines(self, today):
        for item in self.items.values():
            if item.done_on is not None and today >= item.done_on:
                continue
            yield Deadline(
                key=item.key,
                due_date=item.due,
                title=item.title,
                url=item.url,
                recipients=[u for u, done in item.recipients.items() if done is None or today < done],
                escalate_to=item.escalate_to,
                summary=item.summary,
            )
