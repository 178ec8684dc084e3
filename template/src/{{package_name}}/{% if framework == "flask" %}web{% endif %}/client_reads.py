"""Reads from a client's connection: bounded in time, failing as HTTP errors.

gunicorn's threaded worker reads request heads and bodies with blocking socket
calls and no timeout of its own, so a client that goes quiet mid-request holds
a thread until it hangs up; a few such clients hold them all. Here every read
and write gives up after a while, and a body that stalls or ends early becomes
a 408 or a 400 problem rather than a 500 with a traceback.
"""

from __future__ import annotations

import logging
import socket
import struct
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from gunicorn.http.errors import ParseException

from ..request_context import current_request_id
from .errors import BodyIncomplete, BodyStalled

if TYPE_CHECKING:
    from _typeshed.wsgi import (
        InputStream,
        StartResponse,
        WSGIApplication,
        WSGIEnvironment,
    )

logger = logging.getLogger(__name__)


def bound_socket_io(listeners: Iterable[socket.socket], seconds: int) -> None:
    """Make each read or write on an accepted connection give up after `seconds`.

    The options are set on the listening sockets: the kernel copies them to
    every connection accepted from them (Linux and the BSDs do), which covers
    the request head as well as the body, before any hook could run. gunicorn
    keeps these sockets in blocking mode, where Python leaves the timing to
    the kernel; a read that runs out raises BlockingIOError (EAGAIN).
    """
    timeval = struct.pack("@ll", seconds, 0)  # struct timeval

    for listener in listeners:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_RCVTIMEO, timeval)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_SNDTIMEO, timeval)


def shorten_socket_timeouts(record: logging.LogRecord) -> bool:
    """Log a connection that timed out as one warning line, not a traceback.

    A filter for gunicorn's error logger, which reports every socket error it
    does not expect at ERROR, traceback included, and does not expect these:
    a client stalling its request head (or not reading its response) would
    otherwise write some thirty lines per connection.
    """
    error = record.exc_info[1] if record.exc_info else None

    if isinstance(error, (BlockingIOError, TimeoutError)):
        record.msg, record.args = "client connection stalled; closed", ()
        record.exc_info, record.exc_text = None, None
        record.levelno, record.levelname = logging.WARNING, "WARNING"

    return True


class GuardedInputMiddleware:
    """Give the app a wsgi.input whose failures are typed errors."""

    def __init__(self, app: WSGIApplication) -> None:
        self.app = app

    def __call__(
        self, environ: WSGIEnvironment, start_response: StartResponse
    ) -> Iterable[bytes]:
        """Swap the input stream, then run the app."""
        environ["wsgi.input"] = GuardedInput(environ["wsgi.input"])
        return self.app(environ, start_response)


class GuardedInput:
    """A PEP 3333 input stream that raises BodyStalled or BodyIncomplete."""

    def __init__(self, stream: InputStream) -> None:
        self._stream = stream

    def read(self, size: int = -1) -> bytes:
        """Up to `size` bytes of the body; all of it if `size` is negative."""
        with _failures_as_http_errors():
            return self._stream.read(size)

    def readline(self, size: int = -1) -> bytes:
        """One line of the body."""
        with _failures_as_http_errors():
            return self._stream.readline(size)

    def readlines(self, hint: int = -1) -> list[bytes]:
        """The remaining lines of the body."""
        with _failures_as_http_errors():
            return self._stream.readlines(hint)

    def __iter__(self) -> Iterator[bytes]:
        """The body, line by line."""
        while line := self.readline():
            yield line


@contextmanager
def _failures_as_http_errors() -> Iterator[None]:
    # BlockingIOError is the kernel's timeout (SO_RCVTIMEO), TimeoutError a
    # socket timeout set in Python; both subclass OSError, so come first.
    try:
        yield
    except (BlockingIOError, TimeoutError):
        logger.warning("request body stalled: request_id=%s", current_request_id())
        raise BodyStalled from None
    # NoMoreData (the client hung up) is an OSError; a ParseException is a
    # chunk gunicorn could not frame. Neither says anything the client needs.
    except (OSError, ParseException):
        logger.info("request body incomplete: request_id=%s", current_request_id())
        raise BodyIncomplete from None
