"""One scheduler at a time: take the service lock (or wait for it), renew it in the background."""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine

from db.dialect import ServiceLease, acquire_service_lock, lock_holder

log = logging.getLogger(__name__)
LOCK_NAME = "scheduler"

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


class LockHeldError(RuntimeError):
    """Another scheduler holds the lock; the message says which and since when."""


def holder_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def _held_message(engine: Engine) -> str:
    held = lock_holder(engine, LOCK_NAME)
    who = f" ({held[0]}, last heartbeat {held[1]:%Y-%m-%d %H:%M:%S} UTC)" if held else ""
    return f"another fundwatch scheduler is running on this database{who}; not starting a second one"


class HeldLock:
    """The held lock and its heartbeat thread; `on_lost` is called once if the lock slips away."""

    def __init__(
        self, lease: ServiceLease, lease_for: timedelta, on_lost: Callable[[], None], clock: Clock
    ) -> None:
        self.lease, self.lease_for, self.on_lost, self.clock = lease, lease_for, on_lost, clock
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._beat, name="fundwatch-lock-heartbeat", daemon=True)
        self._thread.start()

    def _beat(self) -> None:
        interval = max(self.lease_for.total_seconds() / 3, 0.05)
        while not self._stop.wait(interval):
            try:
                held = self.lease.renew(self.clock(), self.lease_for)
            except Exception:  # a database hiccup: try again next beat, give up when the lease is gone
                log.warning("could not renew the scheduler lock", exc_info=True)
                continue
            if not held:
                log.error("the scheduler lock was lost; stopping")
                self.on_lost()
                return

    def release(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self.lease.release()


def take_lock(
    engine: Engine,
    lease_for: timedelta,
    on_lost: Callable[[], None],
    *,
    wait: bool = False,
    poll_s: float = 5.0,
    clock: Clock = utc_now,
    should_stop: Callable[[], bool] = lambda: False,
) -> HeldLock:
    """The service lock, or LockHeldError (with `wait`: poll until it is free or `should_stop`)."""
    holder = holder_id()
    announced = False
    while True:
        lease = acquire_service_lock(engine, LOCK_NAME, holder, clock(), lease_for)
        if lease is not None:
            return HeldLock(lease, lease_for, on_lost, clock)
        if not wait or should_stop():
            raise LockHeldError(_held_message(engine))
        if not announced:
            log.warning("%s; waiting for it to stop", _held_message(engine).split(";")[0])
            announced = True
        time.sleep(poll_s)
