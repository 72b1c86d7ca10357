"""The built book in a real browser: self-contained, no console errors, quizzes that work."""
from __future__ import annotations

import json
import os

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


def test_no_serious_accessibility_violations_on_any_page(browser, site, built_book):
    if not AXE.exists():
        message = "axe-core is not installed (run: cd tests/a11y && npm ci)"
        if os.environ.get("COURSE_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    problems = []
    for path in pages(built_book):
        rel = path.relative_to(built_book).as_posix()
        if 'http-equiv="Refresh"' in path.read_text(encoding="utf-8"):
            continue  # a redirect: its target page is checked itself
        with visit(browser, site, rel) as v:
            v.page.add_script_tag(path=str(AXE))
            found = v.page.evaluate("""async () => {
                const r = await axe.run(document, {resultTypes: ['violations']});
                return r.violations.filter(v => ['serious', 'critical'].includes(v.impact))
                    .map(v => v.impact + ' ' + v.id + ': ' + v.help + ' @ ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '));
            }""")
            problems += [f"{rel}: {item}" for item in found]
            assert not v.outside, v.outside
    assert not problems, "\n".join(problems)


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
        assert any("chapters/03_removals" in h for h in hrefs), hrefs
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
