"""coursekit.serve answers as the book's static host does: gzip for text, exact types, caching."""
from __future__ import annotations

import gzip
import http.client
import shutil
import subprocess
import zlib
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from coursekit import serve as static

SECRET = b"not for the web"


def _png(width: int = 8, height: int = 8) -> bytes:
    """A real PNG file, written with zlib (no imaging library needed)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return len(data).to_bytes(4, "big") + kind + data + zlib.crc32(kind + data).to_bytes(4, "big")

    rows = b"".join(b"\x00" + bytes((x * 30) % 256 for x in range(width * 3)) for _ in range(height))
    header = width.to_bytes(4, "big") + height.to_bytes(4, "big") + bytes([8, 2, 0, 0, 0])
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("serve")
    root = tmp_path / "html"
    (root / "chapters").mkdir(parents=True)
    (root / "empty").mkdir()
    page = "<!DOCTYPE html><html lang=\"en\"><title>Page</title>" + "<p>Cooperation at the border.</p>\n" * 400
    (root / "chapters" / "page.html").write_text(page, encoding="utf-8")
    (root / "chapters" / "index.html").write_text("<p>chapters</p>", encoding="utf-8")
    (root / "style.css").write_text("body { color: black; }\n" * 100, encoding="utf-8")
    (root / "script.js").write_text("console.log('hello');\n" * 100, encoding="utf-8")
    (root / "font.woff2").write_bytes(b"wOF2" + bytes(range(256)) * 8)
    (root / "chart.png").write_bytes(_png())
    (tmp_path / "secret.txt").write_bytes(SECRET)
    (root / "link.txt").symlink_to(tmp_path / "secret.txt")
    with static.serve(root) as base:
        yield root, base


def get(base: str, path: str, accept: str | None = "gzip, deflate, br", method: str = "GET"):
    """One request with the path sent exactly as given (no client-side clean-up)."""
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        connection.putrequest(method, path, skip_accept_encoding=True)
        if accept is not None:
            connection.putheader("Accept-Encoding", accept)
        connection.endheaders()
        response = connection.getresponse()
        return response, response.read()
    finally:
        connection.close()


def test_a_text_file_comes_back_gzipped_and_identical_after_decompression(site):
    root, base = site
    response, body = get(base, "/chapters/page.html")
    original = (root / "chapters" / "page.html").read_bytes()
    assert response.status == 200
    assert response.getheader("Content-Encoding") == "gzip"
    assert response.getheader("Content-Type") == "text/html; charset=utf-8"
    assert response.getheader("Vary") == "Accept-Encoding"
    assert int(response.getheader("Content-Length")) == len(body)
    assert len(body) < len(original) / 5
    assert gzip.decompress(body) == original


@pytest.mark.parametrize("name, ctype", [("style.css", "text/css; charset=utf-8"),
                                         ("script.js", "application/javascript; charset=utf-8")])
def test_style_sheets_and_scripts_are_gzipped_with_their_types(site, name, ctype):
    root, base = site
    response, body = get(base, f"/{name}", accept="gzip")
    assert (response.getheader("Content-Type"), response.getheader("Content-Encoding")) == (ctype, "gzip")
    assert gzip.decompress(body) == (root / name).read_bytes()


@pytest.mark.parametrize("accept", [None, "", "identity", "br", "deflate", "gzip;q=0", "gzip; q=0.0", "*;q=0"],
                         ids=["no header", "empty", "identity", "brotli only", "deflate only", "gzip refused",
                              "gzip refused with spaces", "everything refused"])
def test_a_text_file_is_sent_as_it_is_to_a_client_that_does_not_accept_gzip(site, accept):
    root, base = site
    response, body = get(base, "/chapters/page.html", accept=accept)
    assert response.status == 200
    assert response.getheader("Content-Encoding") is None
    assert body == (root / "chapters" / "page.html").read_bytes()


@pytest.mark.parametrize("header, accepted", [
    ("gzip", True), ("GZIP", True), ("x-gzip", True), ("*", True), ("deflate, gzip;q=0.5", True),
    ("br;q=1, gzip;q=0.001", True), ("gzip;q=0", False), ("gzip;q=0.000", False), ("gzip;q=nonsense", False),
    ("identity", False), ("", False), (None, False), ("gzipped", False)])
def test_accept_encoding_is_read_by_its_tokens_and_weights(header, accepted):
    assert static.accepts_gzip(header) is accepted


@pytest.mark.parametrize("name, ctype", [("chart.png", "image/png"), ("font.woff2", "font/woff2")])
def test_images_and_web_fonts_are_not_compressed_again(site, name, ctype):
    root, base = site
    response, body = get(base, f"/{name}", accept="gzip")
    assert response.status == 200
    assert response.getheader("Content-Type") == ctype
    assert response.getheader("Content-Encoding") is None
    assert response.getheader("Vary") is None
    assert body == (root / name).read_bytes()


def test_every_file_is_cached_for_ten_minutes_as_github_pages_does(site):
    _root, base = site
    for path in ("/chapters/page.html", "/chart.png", "/style.css"):
        response, _body = get(base, path)
        assert response.getheader("Cache-Control") == "max-age=600", path
        assert response.getheader("Last-Modified"), path


def test_a_missing_file_is_a_404(site):
    _root, base = site
    for path in ("/no-such-page.html", "/chapters/nothing.css", "/empty/"):
        response, _body = get(base, path)
        assert response.status == 404, path


def test_a_missing_file_gets_the_site_s_404_page_when_it_has_one(site):
    root, base = site
    (root / "404.html").write_text("<p>Not here</p>", encoding="utf-8")
    try:
        response, body = get(base, "/no-such-page.html", accept=None)
    finally:
        (root / "404.html").unlink()
    assert (response.status, body) == (404, b"<p>Not here</p>")


@pytest.mark.parametrize("path", ["/../secret.txt", "/chapters/../../secret.txt", "/%2e%2e/secret.txt",
                                  "/%2E%2E%2Fsecret.txt", "/..%5csecret.txt"])
def test_a_path_that_leaves_the_folder_is_refused(site, path):
    _root, base = site
    response, body = get(base, path)
    assert response.status == 400
    assert SECRET not in body


def test_a_link_that_points_outside_the_folder_is_refused(site):
    _root, base = site
    response, body = get(base, "/link.txt")
    assert response.status == 403
    assert SECRET not in body


def test_a_folder_redirects_to_its_slash_and_serves_its_index(site):
    _root, base = site
    response, _body = get(base, "/chapters?x=1")
    assert (response.status, response.getheader("Location")) == (301, "/chapters/?x=1")
    response, body = get(base, "/chapters/", accept=None)
    assert (response.status, body) == (200, b"<p>chapters</p>")


def test_head_sends_the_headers_of_get_and_no_body(site):
    _root, base = site
    got, body = get(base, "/chapters/page.html")
    head, nothing = get(base, "/chapters/page.html", method="HEAD")
    assert nothing == b""
    for name in ("Content-Type", "Content-Encoding", "Content-Length", "Cache-Control"):
        assert head.getheader(name) == got.getheader(name), name


def test_the_command_line_names_a_missing_folder(tmp_path, capsys):
    missing = tmp_path / "not-built"
    with pytest.raises(SystemExit) as stop:
        static.main([str(missing), "--port", "0"])
    assert stop.value.code == 2
    assert f"no folder to serve at {missing}" in capsys.readouterr().err


def test_make_serve_runs_this_server():
    if not shutil.which("make"):
        pytest.skip("make is not installed")
    plan = subprocess.run(["make", "-n", "serve"], cwd=Path(__file__).resolve().parent.parent,
                          capture_output=True, text=True, check=True).stdout
    assert "-m coursekit.serve _build/html" in plan and "http.server" not in plan, plan
