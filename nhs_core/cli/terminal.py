"""What the command line prints, made safe and plain: control characters (ANSI escapes, a carriage return or
bidi override in a file or member name) never reach the terminal, and OS errors read as sentences."""

from __future__ import annotations

import errno
import re
from typing import TextIO

# C0 and C1 controls except tab and newline, DEL, and the bidirectional overrides that reorder what is shown.
_CONTROL = re.compile("[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f\\u202a-\\u202e\\u2066-\\u2069]")
_OS_ERRORS = {
    errno.ENOSPC: "the disk is full (no space or no free inodes left)",
    errno.EDQUOT: "the disk quota is used up",
    errno.EROFS: "the disk is read-only",
    errno.EACCES: "permission denied",
    errno.EPERM: "the operation is not permitted",
    errno.ENOENT: "no such file or folder",
    errno.ENOTDIR: "a file stands where a folder is needed",
    errno.EISDIR: "a folder stands where a file is needed",
    errno.EEXIST: "a file of that name already exists where a folder is needed",
}


def clean(text: str) -> str:
    """`text` without control characters (tabs and newlines are kept).

    >>> clean("ok\\x1b[31m red\\r")
    'ok[31m red'
    """
    return _CONTROL.sub("", text)


class Safe:
    """A text stream that drops control characters from everything written to it."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        return self._stream.write(clean(text))

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


def os_error_text(exc: OSError) -> str:
    """An OS error as words: what went wrong, and the path it concerns."""
    what = _OS_ERRORS.get(exc.errno, exc.strerror or type(exc).__name__)
    path = exc.filename or ""
    return f"{what} ({clean(str(path))})" if path else what


def resource(exc: BaseException) -> str:
    """'memory' or 'nesting' for the error that stopped a command."""
    return "memory" if isinstance(exc, MemoryError) else "nesting (files inside files)"
