"""Serve a built book the way its static host does: compressed text, exact types, short caching.

The published book is on GitHub Pages, which answers a browser that accepts gzip with gzipped
HTML, CSS, JavaScript, JSON, SVG and other text, leaves images and web fonts as they are (they
are compressed already), and sends ``Cache-Control: max-age=600`` with every file. Python's
``http.server`` compresses nothing, so a page measured through it looks several times heavier
than it is. ``make serve`` and the Lighthouse part of ``make bench`` use this server instead.

    python -m coursekit.serve [FOLDER] [--port 8000] [--bind 127.0.0.1]

Only gzip is offered, as GitHub Pages offers it, and only with the standard library. Like the
host, it serves a folder's ``index.html`` (never a listing), redirects a folder named without
its final slash, answers a missing file with the folder's ``404.html`` when there is one, and
refuses any path that would leave the folder (``..`` segments, links to outside).
"""
from __future__ import annotations

import argparse
import email.utils
import gzip
import mimetypes
import os
import posixpath
import sys
import threading
from contextlib import contextmanager
from functools import lru_cache, partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

CACHE_CONTROL = "max-age=600"
GZIP_LEVEL = 6  # zlib's default, the level web servers and CDNs use for on-the-fly compression

# The types of the files a Jupyter Book site holds, written out so that the answer does not
# depend on the machine's /etc/mime.types; other suffixes fall back to the mimetypes module.
TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "application/javascript; charset=utf-8",
    ".mjs": "application/javascript; charset=utf-8",
    ".json": "application/json; charset=utf-8",
    ".map": "application/json; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".md": "text/markdown; charset=utf-8",
    ".xml": "application/xml",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".ico": "image/x-icon",
    ".woff2": "font/woff2",
    ".woff": "font/woff",
    ".ttf": "font/ttf",
    ".eot": "application/vnd.ms-fontobject",
    ".pdf": "application/pdf",
    ".zip": "application/zip",
    ".ipynb": "application/x-ipynb+json",
    ".inv": "application/octet-stream",  # Sphinx's objects.inv: zlib-compressed already
}
# Types sent gzipped to a client that accepts gzip: text, and text-based formats.
COMPRESSIBLE = ("text/", "application/javascript", "application/json", "application/xml",
                "application/x-ipynb+json", "image/svg+xml")


def content_type(path: str | os.PathLike) -> str:
    suffix = Path(path).suffix.lower()
    if suffix in TYPES:
        return TYPES[suffix]
    guessed, _encoding = mimetypes.guess_type(str(path))
    return guessed or "application/octet-stream"


def compressible(ctype: str) -> bool:
    return ctype.split(";")[0].strip().startswith(COMPRESSIBLE)


def accepts_gzip(header: str | None) -> bool:
    """Whether an ``Accept-Encoding`` header accepts gzip (RFC 9110: ``q=0`` refuses it)."""
    if not header:
        return False
    for item in header.split(","):
        token, _, params = item.strip().partition(";")
        if token.strip().lower() not in {"gzip", "x-gzip", "*"}:
            continue
        quality = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        return quality > 0
    return False


@lru_cache(maxsize=256)
def _gzipped(path: str, mtime_ns: int, size: int) -> bytes:
    """The gzip body of a file, computed once per version of the file (its mtime and size)."""
    return gzip.compress(Path(path).read_bytes(), compresslevel=GZIP_LEVEL, mtime=0)


class StaticHandler(SimpleHTTPRequestHandler):
    """GET and HEAD of the files under ``directory``, as GitHub Pages answers them."""

    server_version = "coursekit-serve"
    protocol_version = "HTTP/1.1"  # keep-alive, as every real host offers
    quiet = False

    def log_message(self, format, *args):  # noqa: A002 (the base class's name)
        if not self.quiet:
            super().log_message(format, *args)

    def _inside(self, path: str) -> bool:
        root = Path(self.directory).resolve()
        return Path(path).resolve().is_relative_to(root)

    def send_head(self):
        url_path = urlsplit(self.path).path
        if ".." in unquote(url_path).replace("\\", "/").split("/"):
            self.send_error(HTTPStatus.BAD_REQUEST, "The path leaves the served folder")
            return None
        path = self.translate_path(self.path)
        if not self._inside(path):
            self.send_error(HTTPStatus.FORBIDDEN, "The path leaves the served folder")
            return None
        if os.path.isdir(path):
            if not url_path.endswith("/"):
                self.send_response(HTTPStatus.MOVED_PERMANENTLY)
                parts = urlsplit(self.path)
                self.send_header("Location", posixpath.join(parts.path, "") + (f"?{parts.query}" if parts.query else ""))
                self.send_header("Content-Length", "0")
                self.end_headers()
                return None
            path = os.path.join(path, "index.html")
        status = HTTPStatus.OK
        if not os.path.isfile(path) or not self._inside(path):
            missing = os.path.join(self.directory, "404.html")
            if not os.path.isfile(missing):
                self.send_error(HTTPStatus.NOT_FOUND, "File not found")
                return None
            path, status = missing, HTTPStatus.NOT_FOUND
        return self._send_file(path, status)

    def _send_file(self, path: str, status: HTTPStatus):
        stat = os.stat(path)
        ctype = content_type(path)
        gzip_it = compressible(ctype)
        if gzip_it and accepts_gzip(self.headers.get("Accept-Encoding")):
            body = _gzipped(path, stat.st_mtime_ns, stat.st_size)
            encoding = "gzip"
        else:
            body = Path(path).read_bytes()
            encoding = None
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        if encoding:
            self.send_header("Content-Encoding", encoding)
        if gzip_it:
            self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", email.utils.formatdate(stat.st_mtime, usegmt=True))
        self.send_header("Cache-Control", CACHE_CONTROL)
        self.end_headers()
        return _Body(body)

    def list_directory(self, path):  # a static host never lists a folder
        self.send_error(HTTPStatus.NOT_FOUND, "File not found")
        return None


class _Body:
    """The file-like object ``SimpleHTTPRequestHandler`` copies to the client after the headers."""

    def __init__(self, data: bytes):
        self.data = data

    def read(self, size: int = -1) -> bytes:
        data, self.data = (self.data, b"") if size < 0 else (self.data[:size], self.data[size:])
        return data

    def close(self) -> None:
        self.data = b""


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):  # a browser closing a connection early is fine
        if not issubclass(sys.exc_info()[0] or Exception, ConnectionError):
            super().handle_error(request, client_address)


def make_server(folder: str | os.PathLike, bind: str = "127.0.0.1", port: int = 0, quiet: bool = True) -> _Server:
    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(f"no folder to serve at {folder}")
    handler = type("Handler", (StaticHandler,), {"quiet": quiet})
    return _Server((bind, port), partial(handler, directory=str(folder)))


@contextmanager
def serve(folder: str | os.PathLike, bind: str = "127.0.0.1", port: int = 0):
    """Serve ``folder`` in a background thread; yields the base URL (no final slash)."""
    server = make_server(folder, bind, port)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    try:
        yield f"http://{bind}:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default="_build/html", help="the folder to serve (default: _build/html)")
    parser.add_argument("--bind", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    args = parser.parse_args(argv)
    try:
        server = make_server(args.folder, args.bind, args.port, quiet=False)
    except FileNotFoundError as error:
        parser.error(str(error))
    print(f"Serving {args.folder} at http://{args.bind}:{server.server_address[1]}/ (Ctrl-C stops)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
