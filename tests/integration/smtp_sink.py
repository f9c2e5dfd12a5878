"""An SMTP server for the integration tests: it takes every mail and can hold its answer.

A mail counts as received when the client has sent it whole (the final "." of DATA), before the
server answers: from then on the mail is with the server, as with a real one whose "250" is
delayed or lost. ``delays`` holds the seconds to wait before answering the next mails (one value
per mail, then no wait), which is how a test kills a worker or restarts the database while a
mail is with the server. ``refuse_recipients`` answers every recipient with a 550 (the mail is
certainly not taken); ``hang_up_after_data`` closes the connection once the mail is whole,
without an answer (the mail is with the server, the client cannot know). The tests count what
arrived here, not rows.
"""

from __future__ import annotations

import email
import socketserver
import threading
import time
from email import policy


class _Handler(socketserver.StreamRequestHandler):
    timeout = 60

    def _reply(self, line: str) -> None:
        self.wfile.write(line.encode() + b"\r\n")
        self.wfile.flush()

    def handle(self):
        sink: SmtpSink = self.server.sink
        try:
            self._reply("220 sink.test ESMTP")
            while True:
                line = self.rfile.readline()
                if not line:
                    return
                verb = line.split(b" ", 1)[0].strip().upper()
                if verb == b"EHLO":
                    self._reply("250-sink.test")
                    self._reply("250 8BITMIME")
                elif verb == b"DATA":
                    self._reply("354 end with <CRLF>.<CRLF>")
                    data = []
                    while True:
                        chunk = self.rfile.readline()
                        if not chunk or chunk in (b".\r\n", b".\n"):
                            break
                        data.append(chunk[1:] if chunk.startswith(b"..") else chunk)
                    sink.received(b"".join(data))
                    if sink.hang_up_after_data:
                        return
                    delay = sink.next_delay()
                    if delay:
                        sink.release.wait(delay)
                    self._reply("250 queued")
                elif verb == b"RCPT" and sink.refuse_recipients:
                    self._reply("550 5.1.1 mailbox unavailable")
                elif verb == b"QUIT":
                    self._reply("221 bye")
                    return
                else:  # HELO, MAIL, RCPT, RSET, NOOP
                    self._reply("250 ok")
        except OSError:  # the client died (kill -9) while we held the answer
            return


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


class SmtpSink:
    def __init__(self):
        self.messages: list[bytes] = []
        self.delays: list[float] = []
        self.refuse_recipients = False
        self.hang_up_after_data = False
        self.release = threading.Event()
        self._lock = threading.Lock()
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.sink = self
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}"

    def start(self) -> SmtpSink:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.release.set()
        self._server.shutdown()
        self._server.server_close()

    def received(self, raw: bytes) -> None:
        with self._lock:
            self.messages.append(raw)

    def next_delay(self) -> float:
        with self._lock:
            return self.delays.pop(0) if self.delays else 0.0

    def message_ids(self) -> list[str]:
        with self._lock:
            raw = list(self.messages)
        return [str(email.message_from_bytes(m, policy=policy.default)["Message-ID"]) for m in raw]

    def recipients(self) -> list[str]:
        with self._lock:
            raw = list(self.messages)
        return [str(email.message_from_bytes(m, policy=policy.default)["To"]) for m in raw]

    def wait_for(self, count: int, timeout: float = 30) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if len(self.messages) >= count:
                return True
            time.sleep(0.05)
        return False
