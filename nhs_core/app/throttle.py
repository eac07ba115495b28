"""Back-off for wrong admin passwords: after `free` failures each further failure doubles the wait before the next
try (1 s, 2 s, 4 s ... up to `cap`). The app keeps one throttle per server (shared by every session, so opening
new tabs does not help a guesser) and one per session; a right password clears both. No Streamlit here."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field


@dataclass
class Throttle:
    """Failures counted since the last success, and the time before which no new try is accepted."""

    free: int = 5
    base: float = 1.0
    cap: float = 300.0
    failures: int = 0
    until: float = 0.0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def wait(self, now: float | None = None) -> float:
        """Seconds left before the next try is accepted (0 when it may be made now)."""
        now = time.monotonic() if now is None else now
        with self._lock:
            return max(0.0, self.until - now)

    def failed(self, now: float | None = None) -> None:
        """Count a wrong password; past `free` failures, make the next try wait twice as long as the last."""
        now = time.monotonic() if now is None else now
        with self._lock:
            self.failures += 1
            if self.failures > self.free:
                self.until = now + min(self.cap, self.base * 2 ** (self.failures - self.free - 1))

    def succeeded(self) -> None:
        with self._lock:
            self.failures = 0
            self.until = 0.0
