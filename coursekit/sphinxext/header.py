"""The page header's buttons: the secondary ones fold into one "More" menu.

sphinx-book-theme puts up to eight icons in a chapter's header: the sidebar toggle, launch,
repository, download, full screen, colour mode, search and the page contents. At 390 px they
fill the bar edge to edge. :func:`fold_secondary_buttons` moves the repository link and the
full-screen button into a "More" menu (each with its name as text), so the header keeps the
buttons a reader of the page needs: launch, download, colour mode, search and contents. On a
phone the colour-mode switch moves into the same menu too (``assets/course.css`` hides the one
in the bar below 576 px and shows the menu's): it clicks the theme's own switch, so the theme
still cycles light, dark and the system's mode.
"""
from __future__ import annotations

# sphinx-book-theme's labels of the two buttons moved into the menu, and the names they get there
SECONDARY = {"source-repository-button": "Repository", "fullscreen-button": "Full screen"}
MORE_LABEL = "more-buttons"
COLOUR_MODE = {
    "type": "javascript",
    "javascript": "document.querySelector('.article-header-buttons > .theme-switch-button').click()",
    "text": "Colour mode",
    "tooltip": "Switch between light, dark and the system's colour mode",
    "icon": "fa-solid fa-circle-half-stroke",
    "label": "colour-mode-item",
}


def fold_secondary_buttons(app, pagename, templatename, context, doctree) -> None:
    """Move the repository and full-screen buttons of ``context["header_buttons"]`` into a menu."""
    buttons = context.get("header_buttons")
    if not isinstance(buttons, list) or any(b.get("label") == MORE_LABEL for b in buttons):
        return
    moved = []
    for button in list(buttons):
        name = SECONDARY.get(button.get("label"))
        if name is not None and button.get("type") in {"link", "javascript"}:
            buttons.remove(button)
            item = dict(button, text=name)
            item.pop("classes", None)  # the menu gives each item its own class
            moved.append(item)
    if not moved:
        return
    buttons.append({"type": "group", "tooltip": "More", "icon": "fa-solid fa-ellipsis-vertical",
                    "label": MORE_LABEL, "buttons": [*moved, dict(COLOUR_MODE)]})
