"""The built book in a real browser: self-contained, no console errors, quizzes that work."""
from __future__ import annotations

import json
import os
from contextlib import contextmanager
from urllib.parse import urlsplit

import pytest

from browser import serve, visit
from conftest import ROOT
from coursekit.quiz import feedback_text, grade
from htmlscan import pages, scan

pytestmark = [pytest.mark.browser, pytest.mark.book]


@pytest.fixture(scope="session")
def site(built_book):
    with serve(built_book) as base:
        yield base


def quiz_pages(built_book):
    return [p.relative_to(built_book).as_posix() for p in pages(built_book)
            if 'class="ck-quiz"' in p.read_text(encoding="utf-8")]


def test_every_page_loads_with_no_outside_request_and_no_console_error(browser, site, built_book):
    problems = []
    for path in pages(built_book):
        rel = path.relative_to(built_book).as_posix()
        with visit(browser, site, rel) as v:
            v.page.wait_for_timeout(50)
            problems += [f"{rel}: outside request {u}" for u in v.outside]
            problems += [f"{rel}: console error {e}" for e in v.errors]
    assert not problems, "\n".join(problems)


def test_book_has_a_quiz_page(built_book):
    assert quiz_pages(built_book), "no page of the built book shows a quiz"


def test_quiz_answers_right_and_wrong_update_feedback_and_score(browser, site, built_book):
    rel = quiz_pages(built_book)[0]
    with visit(browser, site, rel) as v:
        quiz = v.page.locator(".ck-quiz").first
        key = json.loads(quiz.locator("script.ck-data").text_content())["key"]
        first = quiz.locator("fieldset.ck-q").first
        entry = key[0]
        assert entry["type"] == "multiple_choice", "the first question of a chapter quiz should be multiple choice"
        wrong = next(i for i in range(len(entry["feedback"])) if i not in entry["correct"])
        first.locator("input").nth(wrong).check()
        first.locator("button.ck-check").click()
        feedback = first.locator(".ck-feedback")
        assert feedback.text_content().startswith("Not quite. ")
        assert "Score: 0 of" in quiz.locator(".ck-score").text_content()
        first.locator("input").nth(entry["correct"][0]).check()
        first.locator("button.ck-check").click()
        assert feedback.text_content().startswith("Correct. ")
        assert quiz.locator(".ck-score").text_content() == f"Score: 1 of {len(key)} correct"
        assert not v.outside and not v.errors, (v.outside, v.errors)


def _responses(entry):
    """Responses worth trying for each question type (right, wrong, empty, malformed)."""
    if entry["type"] == "multiple_choice":
        return [None] + list(range(len(entry["feedback"])))
    if entry["type"] == "many_choice":
        n = len(entry["feedback"])
        return [[], entry["correct"], *[[i] for i in range(n)], list(range(n))]
    if entry["type"] == "string":
        return ["", "no such answer", *[a.upper() for a in entry["accepted"]]]
    lo, hi = entry["lo"], entry["hi"]
    return ["", "lots", f"{lo:,.4f}", f"{hi:.4f}", f"{hi + max(1, abs(hi)):.2f}", f"{lo - max(1, abs(lo)):.2f}"]


def test_page_grader_agrees_with_python_grader_on_every_question(browser, site, built_book):
    for rel in quiz_pages(built_book):
        with visit(browser, site, rel) as v:
            for quiz in v.page.locator(".ck-quiz").all():
                key = json.loads(quiz.locator("script.ck-data").text_content())["key"]
                for n, entry in enumerate(key):
                    fs = quiz.locator("fieldset.ck-q").nth(n)
                    for response in _responses(entry):
                        inputs = fs.locator("input")
                        if entry["type"] in {"multiple_choice", "many_choice"}:
                            fs.evaluate("f => f.querySelectorAll('input').forEach(i => { i.checked = false; })")
                            chosen = [] if response is None else ([response] if isinstance(response, int) else response)
                            for i in chosen:
                                inputs.nth(i).check()
                        else:
                            fs.locator("input[type=text]").fill(response)
                        fs.locator("button.ck-check").click()
                        shown = fs.locator(".ck-feedback").text_content()
                        expected = feedback_text(entry, grade(entry, response))
                        assert shown == expected, f"{rel} question {n + 1}, response {response!r}"
            assert not v.errors, v.errors


def test_quiz_can_be_answered_with_the_keyboard_alone(browser, site, built_book):
    rel = quiz_pages(built_book)[0]
    with visit(browser, site, rel) as v:
        page = v.page
        first_input = page.locator(".ck-quiz fieldset.ck-q").first.locator("input").first
        first_input.focus()
        page.keyboard.press("Tab")  # leave the radio group: focus moves to the Check button
        focused = page.evaluate("document.activeElement.className")
        assert "ck-check" in focused, f"Tab from the answers should reach the Check button, got {focused!r}"
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Space")  # select the focused radio
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")
        text = page.locator(".ck-quiz fieldset.ck-q").first.locator(".ck-feedback").text_content()
        assert text.startswith(("Correct. ", "Not quite. ")), text


AXE = ROOT / "tests" / "a11y" / "node_modules" / "axe-core" / "axe.min.js"


def require_axe():
    if not AXE.exists():
        message = "axe-core is not installed (run: cd tests/a11y && npm ci)"
        if os.environ.get("COURSE_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)


def content_pages(built_book) -> list[str]:
    """Every built page but the index redirect (its target page is checked itself)."""
    return [p.relative_to(built_book).as_posix() for p in pages(built_book)
            if 'http-equiv="Refresh"' not in p.read_text(encoding="utf-8")]


# What no page may have: any serious or critical finding, content outside every landmark (the
# moderate "region") and header cells that name nothing (the minor "empty-table-header").
AXE_RUN = """async () => {
    const r = await axe.run(document, {resultTypes: ['violations']});
    return r.violations
        .filter(v => ['serious', 'critical'].includes(v.impact) || ['region', 'empty-table-header'].includes(v.id))
        .map(v => v.impact + ' ' + v.id + ': ' + v.help + ' @ '
                  + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '));
}"""


def set_mode(page, mode: str) -> None:
    """Put the page in the theme's light or dark mode, as its colour-mode switch does."""
    page.evaluate("m => { document.documentElement.dataset.theme = m; document.documentElement.dataset.mode = m; }", mode)
    # buttons fade to their new colours (Bootstrap's .15 s transitions): check the end, not the fade
    page.evaluate("() => Promise.all(document.getAnimations().filter(a => a instanceof CSSTransition).map(a => a.finished.catch(() => null)))")
    # the proof that the mode took: the page's background is dark in dark mode and light in light
    luminance = page.evaluate("""() => {
        const [r, g, b] = getComputedStyle(document.body).backgroundColor.match(/\\d+/g).map(Number);
        return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255; }""")
    assert (luminance < 0.3) == (mode == "dark"), f"{mode} mode did not take: background luminance {luminance:.2f}"


@pytest.fixture(scope="module")
def axe_findings(browser, site, built_book) -> dict[str, list[str]]:
    """What axe-core finds that AXE_RUN forbids on every page, in light and in dark mode: one
    visit per page, checked in both modes."""
    require_axe()
    found = {"light": [], "dark": []}
    for rel in content_pages(built_book):
        with visit(browser, site, rel) as v:
            v.page.add_script_tag(path=str(AXE))
            for mode in found:
                set_mode(v.page, mode)
                found[mode] += [f"{rel} ({mode}): {item}" for item in v.page.evaluate(AXE_RUN)]
            assert not v.outside, v.outside
    return found


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_no_serious_accessibility_violations_on_any_page(axe_findings, mode):
    assert not axe_findings[mode], "\n".join(axe_findings[mode])


@contextmanager
def recorded_load(browser, base: str, rel: str, width: int):
    """Open a page at ``width`` px and let it settle; yields (page, failed), where ``failed``
    lists every request that failed: aborted or refused, answered with an error status, or sent
    to another host (aborted here)."""
    context = browser.new_context(viewport={"width": width, "height": 844})
    page = context.new_page()
    host = urlsplit(base).netloc
    failed: list[str] = []

    def route(r):
        parts = urlsplit(r.request.url)
        if parts.scheme not in {"data", "blob"} and parts.netloc != host:
            failed.append(f"request to another host: {r.request.url}")
            r.abort()
        else:
            r.continue_()

    context.route("**/*", route)
    page.on("requestfailed", lambda r: failed.append(f"failed ({r.failure}): {r.url}")
            if urlsplit(r.url).netloc == host else None)
    page.on("response", lambda r: failed.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None)
    try:
        page.goto(f"{base}/{rel}", wait_until="networkidle")
        page.evaluate("() => window.scrollTo(0, document.body.scrollHeight)")  # what loads lazily
        page.wait_for_load_state("networkidle")
        page.evaluate("() => window.scrollTo(0, 0)")
        yield page, failed
    finally:
        context.close()


OVERFLOWING_CODE = """() => [...document.querySelectorAll('.bd-article pre')]
    .filter(pre => pre.getClientRects().length && pre.scrollWidth > pre.clientWidth + 1)
    .map(pre => pre.textContent.split('\\n').reduce((a, b) => (b.length > a.length ? b : a), '').slice(0, 60))"""
CODE_BLOCKS = "() => [...document.querySelectorAll('.bd-article pre')].filter(p => p.getClientRects().length).length"
SIDEWAYS = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"

# the boxes that scroll a table: docutils tables (the theme's container), and code cells' tables
TABLE_BOXES = ".pst-scrollable-table-container, .cell_output .output.text_html"
WIDE_TABLES = """(boxes) => [...document.querySelectorAll(boxes)]
    .filter(box => box.querySelector(':scope > table, :scope > div > table') && !box.closest('.ck-quiz')
                   && box.scrollWidth > box.clientWidth + 1)
    .map(box => {
        const hint = box.previousElementSibling;
        return {label: box.getAttribute('aria-label'), role: box.getAttribute('role'), tabindex: box.tabIndex,
                wide: box.classList.contains('ck-wide'),
                hint: hint && hint.classList.contains('ck-scroll-hint') && hint.getClientRects().length
                      ? hint.textContent : null,
                fade: getComputedStyle(box).maskImage || getComputedStyle(box).webkitMaskImage};
    })"""


def keyboard_scrolls(page) -> bool:
    """Whether the page's first wide table takes the focus and then scrolls with the arrow keys."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    box = page.evaluate_handle("""(boxes) => [...document.querySelectorAll(boxes)].find(box =>
        box.querySelector(':scope > table, :scope > div > table') && !box.closest('.ck-quiz')
        && box.scrollWidth > box.clientWidth + 1)""", TABLE_BOXES)
    if not page.evaluate("b => { b.focus(); return document.activeElement === b; }", box):
        return False  # not a keyboard stop
    for _ in range(5):
        page.keyboard.press("ArrowRight")
    try:  # the theme scrolls smoothly: give it time
        page.wait_for_function("b => b.scrollLeft > 0", arg=box, timeout=2000)
    except PlaywrightTimeout:
        return False
    return True


@pytest.fixture(scope="module")
def layout(browser, site, built_book) -> dict[tuple[int, str], dict]:
    """One recorded load of every page at 390 and at 1280 px: its failed requests, its code
    blocks that run off, how far the page scrolls sideways and, at 390 px, its wide tables
    (with whether the keyboard scrolls them and what axe-core forbids on the page)."""
    report = {}
    content = set(content_pages(built_book))
    for width in (390, 1280):
        for path in pages(built_book):
            rel = path.relative_to(built_book).as_posix()
            with recorded_load(browser, site, rel, width) as (page, failed):
                entry = {"code": page.evaluate(CODE_BLOCKS), "overflowing": page.evaluate(OVERFLOWING_CODE),
                         "sideways": page.evaluate(SIDEWAYS)}
                if width == 390 and rel in content:
                    page.wait_for_timeout(200)  # course.js marks the tables after the load
                    entry["wide"] = page.evaluate(WIDE_TABLES, TABLE_BOXES)
                    if entry["wide"]:
                        entry["keyboard"] = keyboard_scrolls(page)
                        if AXE.exists():
                            page.add_script_tag(path=str(AXE))
                            entry["axe"] = page.evaluate(AXE_RUN)
                report[width, rel] = dict(entry, failed=list(failed))
    return report


@pytest.mark.parametrize("width", [390, 1280])
def test_no_request_fails_on_any_page_load(layout, width):
    problems = [f"{rel}: {item}" for (w, rel), entry in layout.items() if w == width for item in entry["failed"]]
    assert not problems, "\n".join(problems)


def test_the_request_check_sees_a_missing_file_and_another_host(browser, tmp_path):
    """The check above is real: a page that asks for a missing file and for a file on another
    host gets both reported."""
    (tmp_path / "broken.html").write_text(
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>t</title>'
        '<link rel="stylesheet" href="missing.css"><script src="https://cdn.example.org/x.js"></script>'
        '</head><body><p>t</p></body></html>', encoding="utf-8")
    with serve(tmp_path) as base, recorded_load(browser, base, "broken.html", 390) as (_page, failed):
        pass
    assert any("HTTP 404" in f and "missing.css" in f for f in failed), failed
    assert any("another host" in f and "cdn.example.org" in f for f in failed), failed


def test_every_image_has_meaningful_alt_text(built_book):
    missing = []
    for path in pages(built_book):
        for img in scan(path).images:
            alt = (img.get("alt") or "").strip()
            if len(alt) < 5 or alt.lower() in {"png", "image", "figure", "chart"} or alt.endswith(".png"):
                missing.append(f"{path.relative_to(built_book)}: {img.get('src')} alt={alt!r}")
    assert not missing, "\n".join(missing)


def test_offline_search_finds_a_term_in_its_chapter(browser, site):
    with visit(browser, site, "search.html?q=recalcitrant") as v:
        v.page.wait_for_selector("#search-results li", timeout=15000)
        hrefs = v.page.eval_on_selector_all("#search-results li a", "els => els.map(e => e.getAttribute('href'))")
        assert any(h.startswith("chapters/03") for h in hrefs), hrefs  # chapter 3 or one of its pages
        assert not v.outside and not v.errors, (v.outside, v.errors)


def test_icons_are_drawn_by_the_web_font_without_the_icon_script(browser, site):
    """The theme's 1.5 MB fontawesome.js is left out; its style sheet and web fonts draw the icons."""
    with visit(browser, site, "chapters/01_border_enforcement.html") as v:
        v.page.wait_for_load_state("networkidle")
        assert not [u for _kind, u in v.requests if "fontawesome.js" in u]
        assert any(kind == "font" and "fa-solid" in u for kind, u in v.requests), v.requests
        icons = v.page.evaluate("""() => [...document.querySelectorAll('i[class*="fa-"]')]
            .filter(icon => icon.offsetParent !== null)
            .map(icon => {
                const before = getComputedStyle(icon, '::before');
                return {cls: icon.className, content: before.content, family: before.fontFamily,
                        width: icon.getBoundingClientRect().width};
            })""")
        assert len(icons) >= 3, icons  # menu, search, launch and download buttons at least
        for glyph in icons:
            assert glyph["content"] not in ("none", "normal", '""') and "Font Awesome" in glyph["family"], glyph
            assert glyph["width"] > 0, glyph
        assert v.page.evaluate("() => document.fonts.check('900 16px \"Font Awesome 6 Free\"')")
        assert not v.outside and not v.errors, (v.outside, v.errors)


def test_the_page_grades_every_case_of_the_table_through_its_form(browser):
    """The web page's grader, driven through its own form in Chromium, gives every case of the one
    table of grading cases (tests/quiz_grading_cases.yml) the verdict and feedback the table gives."""
    import yaml

    from coursekit.quiz import Quiz

    doc = yaml.safe_load((ROOT / "tests" / "quiz_grading_cases.yml").read_text(encoding="utf-8"))
    quiz = Quiz(doc["bank"], name="cases")
    page_html = f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>cases</title></head><body>{quiz.to_html()}</body></html>'
    context = browser.new_context()
    page = context.new_page()
    page.route("**/*", lambda route: route.abort())  # nothing may be fetched
    wrong = []
    try:
        for case in doc["cases"]:
            page.set_content(page_html)
            fs = page.locator("fieldset.ck-q").nth(case["question"] - 1)
            kind, response = fs.get_attribute("data-type"), case["response"]
            inputs = fs.locator("input")
            if kind in {"multiple_choice", "many_choice"}:
                chosen = [] if response is None else (response if isinstance(response, list) else [response])
                for slot, option in enumerate(chosen):
                    box = inputs.nth(slot)
                    if not (isinstance(option, int) and 0 <= option < inputs.count()):
                        # not an option the page shows: a tampered form, the only way to send it
                        box.evaluate("(el, v) => { el.value = v; }", str(option))
                    else:
                        box = inputs.nth(option)
                    box.check()
            else:
                inputs.first.fill(response)
            fs.locator("button.ck-check").click()
            out = fs.locator(".ck-feedback")
            shown, cls = out.text_content(), out.get_attribute("class")
            verdict = ("correct" if "ck-right" in cls else "incorrect" if "ck-wrong" in cls else "unusable")
            score = page.locator(".ck-score").text_content()
            expected_score = f"Score: {1 if case['verdict'] == 'correct' else 0} of {len(doc['bank']['questions'])} correct"
            if (shown, verdict, score) != (case["feedback"], case["verdict"], expected_score):
                wrong.append(f"question {case['question']}, response {response!r}: page says {verdict} "
                             f"{shown!r} ({score}); the table says {case['verdict']} {case['feedback']!r}")
    finally:
        context.close()
    assert wrong == []


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_quizzes_meet_contrast_in_light_and_dark_mode(browser, site, built_book, theme):
    if not AXE.exists():
        pytest.skip("axe-core is not installed (run: cd tests/a11y && npm ci)")
    problems = []
    for rel in quiz_pages(built_book):
        with visit(browser, site, rel) as v:
            v.page.evaluate("t => { document.documentElement.dataset.theme = t; document.documentElement.dataset.mode = t; }", theme)
            # show every feedback line, right and wrong, so their colours are checked too
            v.page.evaluate("""() => document.querySelectorAll('.ck-quiz .ck-feedback').forEach((el, i) => {
                el.textContent = 'Feedback text'; el.className = 'ck-feedback ' + (i % 2 ? 'ck-wrong' : 'ck-right'); })""")
            v.page.add_script_tag(path=str(AXE))
            found = v.page.evaluate("""async () => {
                const r = await axe.run('.ck-quiz', {runOnly: ['color-contrast'], resultTypes: ['violations']});
                return r.violations.flatMap(v => v.nodes.slice(0, 3).map(n => n.target.join(' ') + ': ' + n.failureSummary.split('\\n').slice(-1)[0]));
            }""")
            problems += [f"{rel} ({theme}): {item}" for item in found]
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("width", [390, 1280])
def test_every_quiz_option_sits_on_its_controls_line(browser, site, built_book, width):
    rel = quiz_pages(built_book)[0]
    with visit(browser, site, rel) as v:
        v.page.set_viewport_size({"width": width, "height": 900})
        off = v.page.evaluate("""() => Array.from(document.querySelectorAll('.ck-quiz .ck-opt')).flatMap(opt => {
            const input = opt.querySelector('input[type=radio], input[type=checkbox]');
            const label = opt.querySelector('label');
            if (!input || !label) return [];
            const a = input.getBoundingClientRect(), range = document.createRange();
            range.selectNodeContents(label);
            const first = range.getClientRects()[0];
            const middle = (a.top + a.bottom) / 2;
            return (middle >= first.top && middle <= first.bottom && a.right <= first.left + 1) ? [] : [label.textContent.slice(0, 40)];
        })""")
    assert off == [], f"options not beside their control at {width} px: {off}"


# --- layout at phone (390 px) and desktop (1280 px) widths ---------------------------------------

@pytest.mark.parametrize("width", [390, 1280])
def test_no_code_block_overflows_and_no_page_scrolls_sideways(layout, width):
    problems, blocks = [], 0
    for (w, rel), entry in layout.items():
        if w != width:
            continue
        blocks += entry["code"]
        problems += [f"{rel}: code runs off its block: {line!r}" for line in entry["overflowing"]]
        if entry["sideways"] > 0:
            problems.append(f"{rel}: the page scrolls sideways by {entry['sideways']} px")
    assert blocks >= 50, f"only {blocks} code blocks seen: the selector no longer finds the book's code"
    assert not problems, f"at {width} px:\n" + "\n".join(problems)


def test_code_wraps_in_print_too(browser, site, built_book):
    rel = "chapters/01_border_enforcement.html"
    with visit(browser, site, rel) as v:
        v.page.emulate_media(media="print")
        v.page.set_viewport_size({"width": 700, "height": 1000})  # A4's text width, about 17 cm
        assert v.page.evaluate("() => document.querySelectorAll('.bd-article pre').length") > 0
        assert v.page.evaluate(OVERFLOWING_CODE) == []


def test_wide_tables_show_they_scroll_and_scroll_with_the_keyboard_on_a_phone(layout):
    require_axe()
    problems, seen = [], 0
    for (_width, rel), entry in layout.items():
        wide = entry.get("wide") or []
        seen += len(wide)
        for box in wide:
            if not (box["wide"] and box["hint"] and box["fade"] not in (None, "", "none")):
                problems.append(f"{rel}: a wide table shows no hint that it scrolls: {box}")
            if box["role"] != "region" or not box["label"] or box["tabindex"] != 0:
                problems.append(f"{rel}: a wide table is not a named, focusable region: {box}")
        labels = [box["label"] for box in wide]
        if len(set(labels)) != len(labels):
            problems.append(f"{rel}: two wide tables share a name: {labels}")
        if wide and not entry["keyboard"]:
            problems.append(f"{rel}: the arrow keys do not scroll a wide table")
        problems += [f"{rel} (390 px): {item}" for item in entry.get("axe", [])]
    assert seen >= 3, f"only {seen} tables are wider than a phone: the check has nothing to check"
    assert not problems, "\n".join(problems)


def test_tables_that_fit_carry_no_hint_and_no_tab_stop(browser, site):
    """At desktop width the timeline fits: no hint, no region, no extra tab stop."""
    with visit(browser, site, "chapters/timeline.html") as v:
        v.page.set_viewport_size({"width": 1280, "height": 900})
        v.page.wait_for_timeout(300)
        assert v.page.evaluate(WIDE_TABLES, TABLE_BOXES) == []
        assert v.page.locator(".ck-scroll-hint").count() == 0
        assert v.page.locator(".ck-wide, [role=region].pst-scrollable-table-container").count() == 0


HEADER_BUTTONS = """() => [...document.querySelectorAll('.bd-header-article button, .bd-header-article a')]
    .filter(el => !el.closest('.dropdown-menu') && el.getClientRects().length
                  && getComputedStyle(el).visibility !== 'hidden')
    .map(el => (el.getAttribute('aria-label') || el.getAttribute('title') || el.dataset.bsOriginalTitle
                || el.dataset.bsTitle || el.textContent || '').trim())"""


@pytest.mark.parametrize("width", [390, 1280])
def test_the_header_keeps_every_function_with_fewer_icons(browser, site, width):
    """The header's buttons at each width: at most six icons on a phone (there were eight), and
    every function still there: launch, download, search, page contents, colour mode, the
    repository and full screen (the last two, and on a phone the colour mode, in "More")."""
    import yaml

    repository = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))["repository"]["url"]
    with visit(browser, site, "chapters/01_border_enforcement.html") as v:
        page = v.page
        page.set_viewport_size({"width": width, "height": 844})
        shown = page.evaluate(HEADER_BUTTONS)
        assert len(shown) <= (6 if width == 390 else 5), shown
        for name in ("Launch interactive content", "Download this page", "More"):
            assert name in shown, (name, shown)
        more = page.locator(".dropdown-more-buttons")
        more.locator("button.dropdown-toggle").click()
        items = more.locator(".dropdown-menu a, .dropdown-menu button")
        names = {items.nth(i).text_content().strip(): items.nth(i) for i in range(items.count())
                 if items.nth(i).is_visible()}
        assert names["Repository"].get_attribute("href") == repository
        assert "toggleFullScreen" in names["Full screen"].get_attribute("onclick")
        if width == 390:
            assert "Color mode" not in shown and "Search" in shown, shown
            before = page.evaluate("() => document.documentElement.dataset.mode")
            names["Colour mode"].click()
            after = page.evaluate("() => document.documentElement.dataset.mode")
            assert after != before, f"the menu's colour mode left the mode at {before!r}"
        else:
            assert "Color mode" in shown and "Colour mode" not in names, (shown, list(names))
        assert not v.errors, v.errors
