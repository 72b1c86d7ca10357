"""Drive Debian's Chromium through Playwright against the built book served on 127.0.0.1.

Every request to another host is aborted and recorded; console errors are recorded too.
"""
from __future__ import annotations

import functools
import os
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def require_browser():
    """Skip (or, with COURSE_REQUIRE_BROWSER=1, fail) when Chromium or Playwright is missing."""
    problem = None
    if not Path(CHROMIUM).exists():
        problem = f"Debian's Chromium is not installed at {CHROMIUM} (apt-get install chromium)"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            problem = "the playwright Python package is not installed"
    if problem:
        if os.environ.get("COURSE_REQUIRE_BROWSER") == "1":
            pytest.fail(f"browser tests are required here but {problem}")
        pytest.skip(f"browser tests skipped: {problem}")


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output clean
        pass


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):  # the browser closing a connection early is fine
        pass


@contextmanager
def serve(folder: Path):
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = _QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@dataclass
class Visit:
    page: object
    outside: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    requests: list[tuple[str, str]] = field(default_factory=list)  # (resource type, url) asked for


@contextmanager
def visit(browser, base: str, path: str):
    """Open one page with outside requests aborted; yields a Visit with what was recorded."""
    context = browser.new_context()
    page = context.new_page()
    record = Visit(page)
    allowed = urlsplit(base).netloc

    def route(r):
        parts = urlsplit(r.request.url)
        if parts.scheme in {"http", "https"} and parts.netloc != allowed:
            record.outside.append(r.request.url)
            r.abort()
        elif parts.scheme not in {"http", "https", "data", "blob"}:
            record.outside.append(r.request.url)
            r.abort()
        else:
            r.continue_()

    context.route("**/*", route)
    page.on("request", lambda r: record.requests.append((r.resource_type, r.url)))
    page.on("console", lambda m: record.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: record.errors.append(str(e)))
    page.on("response", lambda r: record.errors.append(f"HTTP {r.status} {r.url}") if r.status >= 400 else None)
    try:
        page.goto(f"{base}/{path.lstrip('/')}", wait_until="load")
        yield record
    finally:
        context.close()
