"""Request bodies are bounded whatever the headers say, and a silent connection is cut off.

Each case writes raw HTTP to a real ``hrgraph serve`` on loopback (no client library that would
"fix" the headers) and reads the status line; the oracle is the status the HTTP contract gives
each header (RFC 9110/9112: 400 for a malformed length, 411 for a length the server requires, 413
for a body over the bound)."""

from __future__ import annotations

import select
import socket
import time
from urllib.parse import urlsplit

import pytest

from hrgraph.serve.endpoint import CONNECTION_TIMEOUT, MAX_REQUEST_BYTES

from .conftest import Engine

pytestmark = [pytest.mark.server, pytest.mark.slow]

#: Seconds to wait for an answer to the headers alone before sending the body.
HEADERS_ANSWER = 0.5


def _exchange(engine: Engine, head: str, body: bytes = b"", wait: float = 10.0) -> str:
    """Send ``head`` (request line and headers), then ``body`` unless the server has answered
    on the headers alone (it may close then: a body still being sent would meet a broken pipe,
    and the answer could be lost to the reset); the status line answered."""
    parts = urlsplit(engine.query_url)
    with socket.create_connection((parts.hostname or "127.0.0.1", parts.port or 80), timeout=wait) as conn:
        conn.sendall(head.replace("\n", "\r\n").encode())
        answered, _, _ = select.select([conn], [], [], HEADERS_ANSWER)
        if body and not answered:
            conn.sendall(body)
        reply = b""
        while b"\r\n" not in reply:
            chunk = conn.recv(4096)
            if not chunk:
                break
            reply += chunk
    return reply.split(b"\r\n", 1)[0].decode()


def _post(length: str | None, extra: str = "") -> str:
    lines = ["POST /sparql HTTP/1.1", "Host: localhost", "Content-Type: application/x-www-form-urlencoded"]
    if length is not None:
        lines.append(f"Content-Length: {length}")
    return "\n".join([*lines, *([extra] if extra else []), ""]) + "\n"


QUERY = b"query=ASK+%7B%7D"


@pytest.mark.parametrize(
    ("length", "extra", "body", "status"),
    [
        ("-1", "", QUERY * 100_000, "400"),  # before: the bound was bypassed, a 200 MB query ran
        ("abc", "", QUERY, "400"),  # before: no answer at all
        ("1e9", "", QUERY, "400"),
        (None, "Transfer-Encoding: chunked", b"10\r\n" + QUERY + b"\r\n0\r\n\r\n", "411"),
        (str(MAX_REQUEST_BYTES + 1), "", b"x" * (MAX_REQUEST_BYTES + 1), "413"),
        (str(len(QUERY)), "", QUERY, "200"),
    ],
    ids=["negative", "non-numeric", "float", "chunked", "over-bound", "well-formed"],
)
def test_request_body_is_bounded_whatever_the_headers_say(
    hrgraph_server: Engine, length: str | None, extra: str, body: bytes, status: str
) -> None:
    line = _exchange(hrgraph_server, _post(length, extra), body)
    assert line.split(" ")[1] == status, line


def test_missing_content_length_reads_no_body(hrgraph_server: Engine) -> None:
    """A POST without Content-Length is answered as one with an empty body (400: no query),
    and the server does not wait for a body that has no announced end."""
    started = time.monotonic()
    line = _exchange(hrgraph_server, _post(None), QUERY)
    assert line.split(" ")[1] == "400", line
    assert time.monotonic() - started < 5


def test_a_client_that_sends_less_than_it_announced_is_cut_off(hrgraph_server: Engine) -> None:
    """Content-Length 100 and 6 bytes sent: the server closes the connection after its connection
    timeout instead of holding a thread forever (slowloris)."""
    parts = urlsplit(hrgraph_server.query_url)
    with socket.create_connection((parts.hostname or "127.0.0.1", parts.port or 80)) as conn:
        conn.settimeout(CONNECTION_TIMEOUT + 15)
        conn.sendall(_post("100").replace("\n", "\r\n").encode() + QUERY)
        started = time.monotonic()
        data = conn.recv(4096)  # b"" when the server closes
        waited = time.monotonic() - started
    assert data == b"" or data.startswith(b"HTTP/1.1 4"), data[:80]
    assert waited <= CONNECTION_TIMEOUT + 5
