"""Quiz banks are validated; the widget and the HTML form grade alike; text is escaped."""
from __future__ import annotations

import collections
import copy
import json
import html
import re
from pathlib import Path

import pytest
import yaml

from coursekit.quiz import (MESSAGES, QUIZ_DIR, Quiz, QuizError, answer_key, feedback_text, grade, load_bank, parse_number,
                            show_quiz)

BANK = {
    "title": "Demo quiz",
    "questions": [
        {"id": "north", "level": "remember", "question": "Which country borders Guatemala to the north?", "type": "multiple_choice",
         "objective": "1.1", "explanation": "See section 1.1.",
         "answers": [{"answer": "Mexico", "correct": True, "feedback": "Mexico lies to the north."},
                     {"answer": "Belize only", "correct": False, "feedback": "Belize is to the east."}]},
        {"id": "triangle", "level": "remember", "question": "Which are Northern Triangle countries?", "type": "many_choice",
         "objective": "1.2", "explanation": "See section 1.2.",
         "answers": [{"answer": "Honduras", "correct": True, "feedback": "Honduras is one."},
                     {"answer": "Guatemala", "correct": True, "feedback": "Guatemala is one."},
                     {"answer": "Panama", "correct": False, "feedback": "Panama is not."}]},
        {"id": "how-many", "level": "apply", "question": "How many?", "type": "numeric", "objective": "1.3", "explanation": "See section 1.3.",
         "value_key": "total", "tolerance": 10,
         "feedback_correct": "That is the total.", "feedback_incorrect": "Recompute the total."},
        {"id": "agency", "level": "remember", "question": "Name the agency.", "type": "string", "objective": "1.4", "explanation": "See section 1.4.",
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
    assert click(q, 1) == "Correct. Mexico lies to the north. (See section 1.1.)"
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
        assert click(q, 3).startswith("Correct. That is the total."), typed
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


# --- one grading truth: the table both graders pass ---------------------------------------------

CASES_DOC = yaml.safe_load((Path(__file__).with_name("quiz_grading_cases.yml")).read_text(encoding="utf-8"))
VERDICTS = {"correct": True, "incorrect": False, "unusable": None}


def case_id(case) -> str:
    return f"q{case['question']}-{case['response']!r}"


@pytest.mark.parametrize("case", CASES_DOC["cases"], ids=case_id)
def test_the_widget_grades_every_case_of_the_table(case):
    q = Quiz(copy.deepcopy(CASES_DOC["bank"]), name="cases")
    number, response = case["question"], case["response"]
    verdict = q.check(number, response)
    assert (verdict.correct, feedback_text(q.key[number - 1], verdict)) == (VERDICTS[case["verdict"]], case["feedback"])
    # and through the widget's own controls, where they can hold the response
    kind = q.questions[number - 1]["type"]
    q.widget  # build the form
    control = q.controls[number - 1]
    options = len(q.questions[number - 1].get("answers", []))
    if kind == "multiple_choice":
        if response is not None and (not isinstance(response, int) or not 0 <= response < options):
            return  # a radio button cannot hold an option that is not shown
        control.value = response
    elif kind == "many_choice":
        if any(not isinstance(i, int) or not 0 <= i < options for i in response):
            return
        for i, box in enumerate(control.children):
            box.value = i in response
    else:
        control.value = response
    assert click(q, number) == case["feedback"]
    assert q.score == ((1 if case["verdict"] == "correct" else 0), len(q.questions))


def test_the_table_covers_every_kind_of_response():
    cases = CASES_DOC["cases"]
    kinds = {q["type"] for q in CASES_DOC["bank"]["questions"]}
    assert kinds == {"multiple_choice", "many_choice", "numeric", "string"}
    texts = [str(c["response"]) for c in cases]
    for needle in ("-", "−", ",", "１", "ＣＯＭＡＲ", "  comar ", "%"):
        assert any(needle in t for t in texts), f"no grading case types {needle!r}"
    assert any(c["response"] in ("", None, []) for c in cases)
    assert any(c["feedback"] == MESSAGES["not_an_option"] for c in cases)
    assert {c["verdict"] for c in cases} == set(VERDICTS)


# --- banks as students see them -----------------------------------------------------------------

def test_numbers_from_the_data_are_written_into_questions_and_a_missing_measure_is_named(tmp_path):
    from coursekit import measures
    from coursekit.quiz import fill_numbers

    bank = copy.deepcopy(BANK)
    bank["questions"][0]["question"] = "TRAC counted {ch02.trac_total:,} cases. Which country?"
    bank["questions"][0]["table"] = {"columns": ["measure", "value"], "rows": [["relief rate", "{ch02.relief_rate:.1%}"]]}
    filled = fill_numbers(bank)
    assert filled["questions"][0]["question"] == f"TRAC counted {measures.ch02.trac_total():,} cases. Which country?"
    assert filled["questions"][0]["table"]["rows"][0][1] == f"{measures.ch02.relief_rate():.1%}"
    assert "{ch02" in bank["questions"][0]["question"], "the bank itself is left as written"
    bank["questions"][0]["question"] = "{ch02.no_such_measure:,}"
    with pytest.raises(QuizError, match=r"question 1, field 'question': .*no_such_measure"):
        fill_numbers(bank)


def test_arranged_answers_are_reproducible_and_keep_every_answer():
    from coursekit.quiz import arrange

    bank = copy.deepcopy(BANK)
    once, twice = arrange(bank), arrange(copy.deepcopy(bank))
    assert once == twice
    for before, after in zip(bank["questions"], once["questions"], strict=True):
        key = lambda a: json.dumps(a, sort_keys=True)  # noqa: E731
        assert sorted(map(key, before.get("answers", []))) == sorted(map(key, after.get("answers", [])))


CHAPTER_BANKS = sorted(QUIZ_DIR.glob("*.yml"))


@pytest.fixture(scope="module")
def banks():
    return {p.stem: load_bank(p) for p in CHAPTER_BANKS}


def single_answer(banks):
    return [q for bank in banks.values() for q in bank["questions"] if q["type"] == "multiple_choice"]


def test_the_right_answer_is_not_given_away_by_its_place_or_its_length(banks):
    questions = single_answer(banks)
    assert len(questions) >= 12
    longest = [q["id"] for q in questions
               if (lengths := [len(str(a["answer"])) for a in q["answers"]])
               and lengths[next(i for i, a in enumerate(q["answers"]) if a["correct"])] == max(lengths)
               and lengths.count(max(lengths)) == 1]
    assert len(longest) <= 0.35 * len(questions), f"the right answer is the longest in {longest}"
    positions = collections.Counter(next(i for i, a in enumerate(q["answers"]) if a["correct"]) for q in questions)
    assert max(positions.values()) <= 0.4 * len(questions), f"right answers by position: {dict(positions)}"
    many = [q for bank in banks.values() for q in bank["questions"] if q["type"] == "many_choice"]
    first = [q["id"] for q in many
             if (marks := [a["correct"] for a in q["answers"]]) == sorted(marks, reverse=True)]
    assert len(first) <= 0.5 * len(many), f"every right answer comes before the wrong ones in {first}"


def test_at_least_half_the_questions_ask_students_to_apply_or_analyse(banks):
    levels = collections.Counter(q["level"] for bank in banks.values() for q in bank["questions"])
    assert levels["apply"] + levels["analyse"] >= 0.5 * sum(levels.values()), dict(levels)
    for name, bank in banks.items():
        higher = sum(q["level"] in {"apply", "analyse"} for q in bank["questions"])
        assert higher >= 0.4 * len(bank["questions"]), f"{name}: {higher} of {len(bank['questions'])}"


def test_feedback_never_repeats_itself(banks):
    repeated = []
    for name, bank in banks.items():
        for number, (q, entry) in enumerate(zip(bank["questions"], answer_key(bank), strict=True), start=1):
            verdicts = ([grade(entry, i) for i in range(len(q["answers"]))] if q["type"] == "multiple_choice"
                        else [grade(entry, [i]) for i in range(len(q["answers"]))] if q["type"] == "many_choice"
                        else [grade(entry, a["answer"]) for a in q["answers"]] if q["type"] == "string"
                        else [grade(entry, str(entry["lo"])), grade(entry, str(entry["hi"] + 1e6))])
            for verdict in verdicts:
                text = feedback_text(entry, verdict)
                sentences = [t.strip().lower() for t in re.split(r"(?<=[.!?])\s+", text) if t.strip()]
                words = [re.sub(r"\W", "", t.split()[0]) for t in sentences if t.split()]
                if len(set(sentences)) < len(sentences) or words[:2] in (["correct", "correct"], ["not", "not"]):
                    repeated.append(f"{name} question {number}: {text}")
    assert repeated == []


def test_a_feedback_that_opens_with_a_verdict_is_refused():
    bank = copy.deepcopy(BANK)
    bank["questions"][0]["answers"][0]["feedback"] = "Correct: Mexico lies to the north."
    with pytest.raises(QuizError, match=r"question 1, field 'answers \(answer 1\): feedback': feedback must not open with a verdict"):
        Quiz(bank, name="demo")
    bank = copy.deepcopy(BANK)
    bank["questions"][2]["feedback_incorrect"] = "Not quite. Recompute."
    with pytest.raises(QuizError, match="field 'feedback_incorrect'"):
        Quiz(bank, values={"total": 1}, name="demo")


def test_question_ids_are_unique_and_tables_are_rectangular():
    bank = copy.deepcopy(BANK)
    bank["questions"][1]["id"] = bank["questions"][0]["id"]
    with pytest.raises(QuizError, match="question 2, field 'id': 'north' is already the id of question 1"):
        Quiz(bank, values={"total": 1}, name="demo")
    bank = copy.deepcopy(BANK)
    bank["questions"][0]["table"] = {"columns": ["a", "b"], "rows": [[1, 2], [3]]}
    with pytest.raises(QuizError, match="row 2 has 1 cells for 2 columns"):
        Quiz(bank, values={"total": 1}, name="demo")


def shown_numbers(page: Path) -> list[float]:
    """Every number a built chapter page prints in its prose (pasted or typed), as plain floats;
    a percentage counts both as printed (80.8) and as a share (0.808)."""
    from htmlscan import scan

    text = " ".join(scan(page).text)
    found = []
    for m in re.finditer(r"(?<![\w.])-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?<![\w.,])-?\d+(?:\.\d+)?(?P<pct>\s?%)?", text):
        raw = m.group(0).replace(",", "").replace("%", "").strip()
        number = float(raw)
        found.append(number)
        if m.group("pct"):
            found.append(number / 100)
    return found


@pytest.mark.book
def test_no_numeric_answer_can_be_read_off_the_chapter(built_book, banks):
    verbatim = []
    for name, bank in banks.items():
        page = built_book / "chapters" / f"{name}.html"
        numbers = shown_numbers(page)
        for number, (q, entry) in enumerate(zip(bank["questions"], answer_key(bank), strict=True), start=1):
            if q["type"] != "numeric":
                continue
            hits = sorted({x for x in numbers if entry["lo"] <= x <= entry["hi"]})
            if hits:
                verbatim.append(f"{name} question {number} ({q['id']}): the chapter prints {hits}")
    assert verbatim == []
