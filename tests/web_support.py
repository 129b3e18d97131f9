"""Test support for the web face: an archive of the fixture cables, the fictional
citation web of :mod:`tests.citing_cables` and one hostile cable whose subject and
text carry markup (it cites 08ANKARA150, held, and 08ATHENS299, missing)."""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from cablegram.archive import Archive
from tests.citing_cables import Sketch, telegram, write

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "cables"
HOSTILE = Sketch(
    "ATHENS",
    377,
    (4, 2),
    "GREECE: <B>BOLD</B> CLAIMS ABOUT FERRIES",
    refs=("ANKARA 150", "ATHENS 299"),
    text="The minister wrote <script>alert(1)</script> on the ferry notice board.",
)


def build_web_archive(root: Path) -> Path:
    """Ingest the web test cables into ``root/archive.db`` and return its path."""
    extra = write(root / "citing")
    (extra / f"{HOSTILE.reference_id}.txt").write_text(telegram(HOSTILE))
    path = root / "archive.db"
    with Archive.open(path) as archive:
        report = archive.ingest([FIXTURES, extra], workers=1)
    assert report.added >= 7
    return path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextlib.contextmanager
def served(archive: Path, log_path: Path, *options: str) -> Iterator[str]:
    """``cablegram serve`` over ``archive`` on a free loopback port, as a child process,
    until the block ends; yields its base URL. The server's output goes to ``log_path``."""
    port = free_port()
    command = [sys.executable, "-m", "cablegram", "serve", "--db", str(archive)]
    command += ["--host", "127.0.0.1", "--port", str(port), *options]
    with log_path.open("wb") as log:
        server = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 60
            while True:
                if server.poll() is not None:
                    pytest.fail(f"cablegram serve exited: {log_path.read_text()}")
                try:
                    with urllib.request.urlopen(url + "/openapi.json", timeout=2) as answer:
                        if answer.status == 200:
                            break
                except OSError:
                    if time.monotonic() > deadline:
                        pytest.fail("cablegram serve did not answer within 60 s")
                    time.sleep(0.2)
            yield url
        finally:
            server.terminate()
            server.wait(timeout=30)
