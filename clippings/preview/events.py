"""News for the browsers that have a preview page open, sent as Server-Sent Events."""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass


@dataclass(frozen=True)
class Event:
    number: int
    name: str  # "reload", "css", "failed"
    data: dict

    def encode(self) -> bytes:
        return f"id: {self.number}\nevent: {self.name}\ndata: {json.dumps(self.data)}\n\n".encode()


class Events:
    """The preview's state (build generation, current error) and a feed of its changes.

    The rebuild loop publishes; each open event stream waits for events after the last one it
    sent. Only the last few are kept: a stream that falls further behind gets a reload."""

    KEEP = 64

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._events: list[Event] = []
        self._number = 0
        self.generation = 0  # bumped by every build that changed pages
        self.error: str | None = None
        self.busy = False  # a rebuild or search update is running or due
        self.closed = False

    def publish(self, name: str, **data) -> None:
        with self._cond:
            if name in ("reload", "css"):
                self.generation += 1
                self.error = None
            elif name == "failed":
                self.error = data.get("message")
            self._number += 1
            self._events = [*self._events[-self.KEEP + 1:], Event(self._number, name, {
                "generation": self.generation, **data})]
            self._cond.notify_all()

    def snapshot(self) -> tuple[int, int, str | None]:
        """(last event number, generation, error), read together."""
        with self._cond:
            return self._number, self.generation, self.error

    def wait(self, after: int, timeout: float) -> list[Event]:
        """Events numbered above ``after``, waiting up to ``timeout`` seconds for one."""
        with self._cond:
            if self._number <= after and not self.closed:
                self._cond.wait(timeout)
            return [e for e in self._events if e.number > after]

    def close(self) -> None:
        with self._cond:
            self.closed = True
            self._cond.notify_all()
