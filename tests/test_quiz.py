"""Quiz banks are validated; the widget and the HTML form grade alike; text is escaped."""
from __future__ import annotations

import copy
import html
from pathlib import Path

import pytest
import yaml

from coursekit.quiz import QUIZ_DIR, Quiz, QuizError, answer_key, grade, load_bank, parse_number, show_quiz

BANK = {
    "title": "Demo quiz",
    "questions": [
        {"question": "Which country borders Guatemala to the north?", "type": "multiple_choice",
         "objective": "1.1", "explanation": "See section 1.1.",
         "answers": [{"answer": "Mexico", "correct": True, "feedback": "Yes: Mexico."},
                     {"answer": "Belize only", "correct": False, "feedback": "Belize is to the east."}]},
        {"question": "Which are Northern Triangle countries?", "type": "many_choice",
         "objective": "1.2", "explanation": "See section 1.2.",
         "answers": [{"answer": "Honduras", "correct": True, "feedback": "Honduras is one."},
                     {"answer": "Guatemala", "correct": True, "feedback": "Guatemala is one."},
                     {"answer": "Panama", "correct": False, "feedback": "Panama is not."}]},
        {"question": "How many?", "type": "numeric", "objective": "1.3", "explanation": "See section 1.3.",
         "value_key": "total", "tolerance": 10,
         "feedback_correct": "Right.", "feedback_incorrect": "Recompute the total."},
        {"question": "Name the agency.", "type": "string", "objective": "1.4", "explanation": "See section 1.4.",
         "answers": [{"answer": "COMAR", "correct": True, "feedback": "COMAR decides asylum claims."},
                     {"answer": "INM", "correct": False, "feedback": "INM enforces; it does not decide claims."}]},
    ],
}


def quiz(values=None):
    return Quiz(copy.deepcopy(BANK), values=values or {"total": 1234}, name="demo")


def click(q: Quiz, number: int) -> str:
    """Press a question's Check button; the feedback the student reads, as plain text."""
    q.buttons[number - 1].click()
    shown = q.feedback[number - 1].value
    assert shown.startswith("<p>") and shown.endswith("</p>"), shown
    return html.unescape(shown[3:-4])


# --- banks -------------------------------------------------------------------------------

def write(tmp_path: Path, doc) -> Path:
    path = tmp_path / "bank.yml"
    path.write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    return path


BAD_BANKS = [
    (lambda d: d["questions"][1].pop("objective"), "question 2, field 'objective'"),
    (lambda d: d["questions"][0]["answers"][1].pop("feedback"), "question 1, field 'answers' (answer 2)"),
    (lambda d: d["questions"][2].update(type="numerical"), "question 3, field 'type'"),
    (lambda d: d["questions"][0]["answers"][1].update(correct=True), "question 1, field 'answers': a multiple_choice"),
    (lambda d: d["questions"][3].update(value=3), "question 4, field 'type'"),
    (lambda d: d["questions"][2].update(objective="one"), "question 3, field 'objective'"),
    (lambda d: d["questions"][2].update(precision=2), "question 3, field 'tolerance'"),
    (lambda d: d["questions"][0].update(hint="x"), "question 1, field 'hint': this field is not allowed"),
]


@pytest.mark.parametrize("mutate, expected", BAD_BANKS)
def test_invalid_bank_names_file_question_and_field(tmp_path, mutate, expected):
    doc = copy.deepcopy(BANK)
    mutate(doc)
    path = write(tmp_path, doc)
    with pytest.raises(QuizError) as err:
        load_bank(path)
    assert str(path) in str(err.value) or "bank.yml" in str(err.value)
    assert expected in str(err.value)


def test_bad_yaml_and_unknown_bank(tmp_path):
    path = tmp_path / "broken.yml"
    path.write_text("title: [unclosed\n", encoding="utf-8")
    with pytest.raises(QuizError, match="not valid YAML"):
        load_bank(path)
    with pytest.raises(QuizError, match="no quiz bank"):
        show_quiz("99_nonexistent")


def test_value_from_data_is_required_and_numeric():
    with pytest.raises(QuizError, match="question 3 takes its value from the data"):
        Quiz(copy.deepcopy(BANK), values={}, name="demo")
    with pytest.raises(QuizError, match="must be a number, got str"):
        Quiz(copy.deepcopy(BANK), values={"total": "many"}, name="demo")


@pytest.mark.parametrize("path", sorted(QUIZ_DIR.glob("*.yml")), ids=lambda p: p.name)
def test_every_chapter_bank_is_valid(path):
    bank = load_bank(path)
    assert len(bank["questions"]) >= 1


# --- grading -----------------------------------------------------------------------------

@pytest.mark.parametrize("text, value", [("1234", 1234), ("1,234", 1234), (" -1,234.5 ", -1234.5),
                                         ("12.5%", 12.5), (".5", 0.5), ("1,23", None), ("abc", None),
                                         ("", None), ("1.2.3", None), ("12,345,678", 12345678)])
def test_parse_number(text, value):
    assert parse_number(text) == value


def test_precision_and_range_intervals():
    bank = copy.deepcopy(BANK)
    bank["questions"][2] = {"question": "Share?", "type": "numeric", "objective": "1.3", "explanation": "x",
                            "value": 0.456, "precision": 2, "feedback_correct": "ok", "feedback_incorrect": "no"}
    (entry,) = [e for e in answer_key(bank) if e["type"] == "numeric"]
    assert grade(entry, "0.46").correct and grade(entry, "0.455").correct
    assert grade(entry, "0.47").correct is False
    bank["questions"][2].pop("precision")
    bank["questions"][2].update(value=2014, range=[2013, 2015])
    (entry,) = [e for e in answer_key(bank) if e["type"] == "numeric"]
    assert grade(entry, "2015").correct and not grade(entry, "2016").correct


# --- the live widget, driven as a student would ------------------------------------------

def test_widget_multiple_choice_right_wrong_and_empty():
    q = quiz()
    q.widget  # noqa: B018 (building the form is the point)
    assert click(q, 1) == "Choose an answer first."
    q.controls[0].value = 1
    assert click(q, 1).startswith("Not quite. Belize is to the east.")
    q.controls[0].value = 0
    assert click(q, 1) == "Correct. Yes: Mexico. (See section 1.1.)"
    assert "Score: 1 of 4 correct" in q.score_label.value


def test_widget_many_choice_needs_exact_set():
    q = quiz()
    q.widget  # noqa: B018 (building the form is the point)
    boxes = q.controls[1].children
    boxes[0].value = True
    assert click(q, 2).startswith("Not quite. Tick every answer")
    boxes[1].value = True
    assert click(q, 2).startswith("Correct.")
    boxes[2].value = True
    assert "Panama is not." in click(q, 2)


def test_widget_numeric_accepts_separators_and_rejects_words():
    q = quiz({"total": 1234})
    q.widget  # noqa: B018 (building the form is the point)
    for typed in ("1234", "1,234", "1,240"):
        q.controls[2].value = typed
        assert click(q, 3).startswith("Correct. Right."), typed
    q.controls[2].value = "about a thousand"
    assert click(q, 3) == "Please type a number, such as 1234 or 1,234."
    q.controls[2].value = "2000"
    assert click(q, 3).startswith("Not quite. Recompute the total.")
    assert q.score == (0, 4), "a wrong answer replaces an earlier right one in the running score"


def test_widget_string_is_case_insensitive():
    q = quiz()
    q.widget  # noqa: B018 (building the form is the point)
    q.controls[3].value = "  comar "
    assert click(q, 4).startswith("Correct. COMAR decides")
    q.controls[3].value = "inm"
    assert click(q, 4).startswith("Not quite. INM enforces")
    q.controls[3].value = ""
    assert click(q, 4) == "Type an answer first."


def test_check_rejects_a_question_that_does_not_exist():
    with pytest.raises(QuizError, match="there is no question 9"):
        quiz().check(9, "x")


# --- the static HTML ---------------------------------------------------------------------

def test_html_escapes_question_and_answer_text():
    bank = copy.deepcopy(BANK)
    bank["questions"][0]["question"] = "<script>alert('x')</script> & more"
    bank["questions"][0]["answers"][0]["answer"] = "<b>bold</b>"
    bank["questions"][0]["answers"][0]["feedback"] = "</script><script>alert(1)</script>"
    page = Quiz(bank, values={"total": 1}, name="demo").to_html()
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; more" in page
    assert "&lt;b&gt;bold&lt;/b&gt;" in page
    assert "<script>alert" not in page
    assert page.count("<script") == 2, "only the key and the grader are scripts"


def test_html_is_accessible_markup_with_deterministic_ids():
    a, b = quiz().to_html(), quiz().to_html()
    assert a == b
    assert a.count("<fieldset") == 4 and a.count("<legend>") == 4
    assert 'aria-live="polite"' in a
    assert "http://" not in a and "https://" not in a, "the HTML version must not load anything"
    assert '<label for="' in a


def test_mimebundle_carries_widget_and_html():
    bundle = quiz()._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert bundle["text/html"].startswith('<div class="ck-quiz"')
    assert bundle["text/plain"] == "Demo quiz (4 questions)"


def test_widget_is_one_flat_box_sharing_layouts_without_output_widgets():
    """Each model is a message to the front end: a flat form with shared layouts shows quickly."""
    import ipywidgets as w

    q = quiz()
    form = q.widget
    widgets, stack = [], [form]
    while stack:
        widget = stack.pop()
        widgets.append(widget)
        stack.extend(getattr(widget, "children", ()))
    assert not any(isinstance(x, w.Output) for x in widgets)
    assert all(not isinstance(x, w.Box) for x in form.children if x not in q.controls), "no box per question"
    assert len({id(x.layout) for x in widgets}) <= 3, "widgets of a kind share one layout"
    assert len(form.children) == 2 + 4 * len(q.questions)
