"""The server's clock: the one source of "now" for tokens, lockouts, answer deadlines and market days.

In production it is the system clock. For tests only (serve.py --test-clock), it may start at a fixed
time or at an offset from the system clock, and POST /api/test/clock moves it; without the flag that
endpoint does not exist (404), so nobody can move a real server's time.
"""

import threading
import time


class Clock:
    def __init__(self, offset_s: float = 0.0, fixed_s=None, movable: bool = False):
        self.lock = threading.Lock()
        self.offset_s = offset_s
        self.fixed_s = fixed_s  # a frozen time (only moves when a test moves it), or None
        self.movable = movable

    def now(self) -> float:
        """Seconds since the Unix epoch, as the server counts them."""
        with self.lock:
            return self.fixed_s if self.fixed_s is not None else time.time() + self.offset_s

    def now_ms(self) -> int:
        return int(self.now() * 1000)

    def advance(self, seconds: float):
        with self.lock:
            if self.fixed_s is not None:
                self.fixed_s += seconds
            else:
                self.offset_s += seconds

    def set(self, epoch_s: float):
        with self.lock:
            if self.fixed_s is not None:
                self.fixed_s = epoch_s
            else:
                self.offset_s = epoch_s - time.time()


def parse_clock_spec(text: str) -> Clock:
    """--test-clock SPEC: `now` (the system clock, movable), `offset:<seconds>` or `fixed:<epoch seconds>`."""
    kind, _, value = text.partition(":")
    if kind == "now" and not value:
        return Clock(movable=True)
    try:
        number = float(value)
    except ValueError:
        raise ValueError("%r is not now, offset:<seconds> or fixed:<epoch seconds>" % text)
    if kind == "offset":
        return Clock(offset_s=number, movable=True)
    if kind == "fixed" and number >= 0:
        return Clock(fixed_s=number, movable=True)
    raise ValueError("%r is not now, offset:<seconds> or fixed:<epoch seconds>" % text)


# The process's clock: serve.py replaces it once at start (before any request) when --test-clock is given.
CLOCK = Clock()


def now() -> float:
    return CLOCK.now()


def now_ms() -> int:
    return CLOCK.now_ms()
