"""Open the built book in a web browser when there is a desktop to open it on."""
from __future__ import annotations

import os
import sys
import webbrowser
from pathlib import Path


def main(argv: list[str]) -> int:
    page = Path(argv[0] if argv else "_build/html/index.html").resolve()
    if not page.exists():
        print(f"No book at {page}: run 'make book' first.")
        return 1
    has_desktop = sys.platform in {"darwin", "win32"} or os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    if os.environ.get("CI") or not has_desktop:
        print("(No desktop here: open the path above in a browser, or run 'make serve'.)")
        return 0
    webbrowser.open(page.as_uri())
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
