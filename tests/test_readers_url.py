"""A URL argument is fetched (from a local server here, never the internet)."""
from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from pubextract.cli import main

PAGE = ("<html><head><meta charset='windows-1252'></head><body><h2>Publications</h2><ol>"
        "<li>A. Smith and B. Jones. <b>Caf\xe9 Systems for Everyone</b>. In Proceedings of SOSP, 2021.</li>"
        "</ol></body></html>").encode("cp1252")


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (the stdlib's name)
        pass


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("site")
    (root / "page.html").write_bytes(PAGE)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(_QuietHandler, directory=str(root)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_a_page_is_fetched_and_decoded(server: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", f"{server}/page.html", "--format", "json"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert [r["title"] for r in records] == ["Café Systems for Everyone"]


def test_missing_page_is_one_line_and_exit_1(server: str, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    assert main(["extract", f"{server}/missing.html", "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "404" in err and "Traceback" not in err
    assert not out.exists()


def test_refused_connection_is_one_line_and_exit_1(capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    assert main(["extract", f"http://127.0.0.1:{port}/page.html"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "cannot fetch" in err and "refused" in err.lower()
