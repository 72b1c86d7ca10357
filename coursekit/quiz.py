"""End-of-chapter quizzes that work in live Jupyter and in the static web book.

A question bank is a YAML file in ``chapters/quizzes/``, checked against
``coursekit/quiz-bank.schema.json``. Its field names follow jupyterquiz's where they mean the same
(``question``, ``type``, ``answers: [{answer, correct, feedback}]``, numeric ``value`` with
``precision`` or ``range``), but the banks are this module's own format, not jupyterquiz's:
numeric questions take ``tolerance``, ``value_key``, ``scale``, ``unit`` and
``feedback_correct``/``feedback_incorrect`` instead of jupyterquiz's numeric ``answers`` list, and
every question adds ``objective`` (the learning-objective id it assesses) and ``explanation``
(which section of the chapter answers it). Numeric questions may take their
value from the course data: ``value_key: ch02.relief_rate`` names a function of
:mod:`coursekit.measures` (with ``scale: 100`` for a percentage).

:class:`Quiz` displays as an ipywidgets form in a live kernel. Its mimebundle also carries a
self-contained ``text/html`` form (inline CSS and JavaScript, nothing fetched) that the web book
shows instead. Grading is defined once, here: :func:`answer_key` compiles each question into
plain data (the set of correct choices, the interval of accepted numbers, the accepted strings,
the feedback texts) that both the Python grader and the page's script apply, and one table of
grading cases (``tests/quiz_grading_cases.yml``) holds both graders to the same verdicts and
feedback, through the widget and through the page's form in a browser.
"""
from __future__ import annotations

import hashlib
import html
import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping

from coursekit._paths import QUIZ_DIR, ROOT  # a checkout's quiz banks, or the wheel's copies
SCHEMA_PATH = Path(__file__).with_name("quiz-bank.schema.json")

# One definition of "a number" for both graders: 1234, 1,234, -3.5, 12.5 %, 1,234.5. Both first
# normalise what was typed (Unicode NFKC, so full-width digits and spaces become ASCII, and the
# minus sign U+2212 becomes "-"); the pattern then uses only ASCII classes, which Python and
# JavaScript read alike.
NUMBER_PATTERN = r"^[ \t]*([-+]?)((?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?|\.[0-9]+)[ \t]*%?[ \t]*$"
_NUMBER = re.compile(NUMBER_PATTERN)
SPACES = r"[ \t\n\r\f\v]+"
_SPACES = re.compile(SPACES)

MESSAGES = {
    "correct": "Correct.",
    "incorrect": "That is not one of the expected answers. Have another look and try again.",
    "empty_choice": "Choose an answer first.",
    "empty_many": "Tick at least one answer first.",
    "empty_text": "Type an answer first.",
    "not_a_number": "Please type a number, such as 1234 or 1,234.",
    "many_partial": "Tick every answer that applies, and only those.",
    "not_an_option": "That is not one of the options. Choose one of the answers shown.",
}
VERDICT_LEADS = {True: "Correct.", False: "Not quite."}  # the grader's, never the bank's


class QuizError(ValueError):
    """A question bank is missing, malformed or used wrongly. The message says where."""


# ----------------------------------------------------------------------------- banks

def bank_path(name: str) -> Path:
    return QUIZ_DIR / f"{name}.yml"


def load_bank(source: str | Path) -> dict:
    """Read and validate a bank, by chapter name (``"01_border_enforcement"``) or path, with its
    answers in the order students see them (:func:`arrange`)."""
    path = Path(source)
    if not path.suffix:
        path = bank_path(str(source))
    if not path.exists():
        known = sorted(p.stem for p in QUIZ_DIR.glob("*.yml"))
        raise QuizError(f"no quiz bank at {_show(path)}; banks available: {', '.join(known) or 'none'}")
    import yaml

    try:
        # the C parser (libyaml) when PyYAML has it: ten times faster than the pure-Python one
        doc = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark else ""
        raise QuizError(f"{_show(path)} is not valid YAML{where}: {getattr(exc, 'problem', exc)}") from None
    validate_bank(doc, _show(path))
    return arrange(fill_numbers(doc, _show(path)))


def _show(path: Path) -> str:
    try:
        return str(Path(path).resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


@lru_cache(maxsize=1)
def _schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def validate_bank(doc: Any, label: str = "quiz bank") -> None:
    """Raise :class:`QuizError` naming the file, question number and field of the first problem."""
    from coursekit._schema import iter_errors

    errors = sorted(iter_errors(_schema(), doc), key=lambda e: (len(e.absolute_path), list(map(str, e.absolute_path))))
    if errors:
        err = min(errors, key=lambda e: -len(e.absolute_path))  # the most specific location
        raise QuizError(f"{label}: {_locate(list(err.absolute_path), err)}")
    seen_ids: dict[str, int] = {}
    for number, q in enumerate(doc["questions"], start=1):
        where = f"{label}: question {number}"
        if q["id"] in seen_ids:
            raise QuizError(f"{where}, field 'id': '{q['id']}' is already the id of question {seen_ids[q['id']]}")
        seen_ids[q["id"]] = number
        for field, text in _feedback_fields(q):
            if LEAD.match(text):
                raise QuizError(f"{where}, field '{field}': feedback must not open with a verdict "
                                f"('{LEAD.match(text).group(0).strip()}'); the grader writes "
                                f"'{VERDICT_LEADS[True]}' or '{VERDICT_LEADS[False]}' before it")
        if "table" in q:
            width = len(q["table"]["columns"])
            for r, row in enumerate(q["table"]["rows"], start=1):
                if len(row) != width:
                    raise QuizError(f"{where}, field 'table': row {r} has {len(row)} cells for {width} columns")
        kind = q["type"]
        if kind in {"multiple_choice", "many_choice", "string"}:
            n_correct = sum(a["correct"] for a in q["answers"])
            if kind == "multiple_choice" and n_correct != 1:
                raise QuizError(f"{where}, field 'answers': a multiple_choice question needs exactly one "
                                f"correct answer (found {n_correct})")
            if n_correct < 1:
                raise QuizError(f"{where}, field 'answers': no answer is marked correct")
            if kind != "string" and len(q["answers"]) < 2:
                raise QuizError(f"{where}, field 'answers': a choice question needs at least two answers")
        if kind == "numeric":
            given = [k for k in ("precision", "range", "tolerance") if k in q]
            if len(given) > 1:
                raise QuizError(f"{where}, field '{given[1]}': give only one of precision, range or tolerance")
            if "range" in q:
                if "value_key" in q:
                    raise QuizError(f"{where}, field 'range': a range needs a fixed value; with value_key use "
                                    f"tolerance or precision")
                lo, hi = q["range"]
                if not lo <= q["value"] <= hi:
                    raise QuizError(f"{where}, field 'range': the value {q['value']} lies outside {q['range']}")


# A feedback text that opens with a verdict would be read twice ("Correct. Correct: ...").
LEAD = re.compile(r"^\s*(correct|incorrect|not quite|wrong|right|yes|no|exactly|that's right)\b[\s.,:;!]*",
                  re.IGNORECASE)


def _feedback_fields(q: dict):
    for i, a in enumerate(q.get("answers", []), start=1):
        yield f"answers (answer {i}): feedback", a["feedback"]
    for field in ("feedback_correct", "feedback_incorrect"):
        if field in q:
            yield field, q[field]


# A number from the course data written into a question, a table cell, an answer or a feedback
# text: {ch02.relief_rate:.1%} is coursekit.measures.ch02.relief_rate(), formatted with ".1%".
PLACEHOLDER = re.compile(r"\{(?P<key>ch0[0-9]\.[a-z][a-z0-9_]*)(?::(?P<spec>[^{}]*))?\}")


def fill_numbers(bank: dict, label: str = "quiz bank") -> dict:
    """A copy of ``bank`` with every ``{chNN.measure:spec}`` replaced by the measure's value."""
    from coursekit import measures

    def fill(text, where):
        if not isinstance(text, str) or "{" not in text:
            return text

        def one(match):
            try:
                number = measures.resolve(match["key"])
                return format(number, match["spec"] or "")
            except measures.MeasureError as err:
                raise QuizError(f"{label}: {where}: {err}") from None
            except (TypeError, ValueError) as err:
                raise QuizError(f"{label}: {where}: cannot format {match['key']} with '{match['spec']}': {err}") from None
        return PLACEHOLDER.sub(one, text)

    out = json.loads(json.dumps(bank))
    for number, q in enumerate(out["questions"], start=1):
        where = f"question {number}"
        for field in ("question", "explanation", "feedback_correct", "feedback_incorrect"):
            if field in q:
                q[field] = fill(q[field], f"{where}, field '{field}'")
        for i, a in enumerate(q.get("answers", []), start=1):
            a["answer"] = fill(a["answer"], f"{where}, answer {i}")
            a["feedback"] = fill(a["feedback"], f"{where}, answer {i} feedback")
        if "table" in q:
            q["table"]["rows"] = [[fill(v, f"{where}, field 'table'") for v in row] for row in q["table"]["rows"]]
            if "caption" in q["table"]:
                q["table"]["caption"] = fill(q["table"]["caption"], f"{where}, field 'table'")
    return out


def arrange(bank: dict) -> dict:
    """The bank as students see it: the answers of each choice question in an order drawn from
    the question's ``id`` (so every build shows the same order), with the correct answer of the
    single-answer questions spread evenly over the positions across the bank.

    The authors' order is never shown: a bank may list the right answer first. Both graders read
    the key of the arranged bank, so they agree with what is on the screen.
    """
    import random

    out = json.loads(json.dumps(bank))
    counts: dict[int, int] = {}
    for q in out["questions"]:
        if q["type"] not in {"multiple_choice", "many_choice"}:
            continue
        rng = random.Random(hashlib.sha256(f"{out['title']}/{q['id']}".encode()).hexdigest())
        answers = q["answers"]
        order = list(range(len(answers)))
        rng.shuffle(order)
        if q["type"] == "multiple_choice":
            # put the correct answer where the bank has had it least often so far (ties drawn)
            right = next(i for i, a in enumerate(answers) if a["correct"])
            fewest = min(counts.get(pos, 0) for pos in range(len(answers)))
            target = rng.choice([pos for pos in range(len(answers)) if counts.get(pos, 0) == fewest])
            order.remove(right)
            order.insert(target, right)
            counts[target] = counts.get(target, 0) + 1
        q["answers"] = [answers[i] for i in order]
    return out


def _locate(path: list, err) -> str:
    if len(path) >= 2 and path[0] == "questions" and isinstance(path[1], int):
        field = path[2] if len(path) > 2 else None
        rest = f" (answer {path[3] + 1})" if len(path) > 3 and isinstance(path[3], int) else ""
        message = err.message
        if err.validator == "required" and field is None:
            missing = re.findall(r"'([^']+)' is a required property", message)
            if missing:
                return f"question {path[1] + 1}, field '{missing[0]}': this field is required"
        if err.validator in {"oneOf", "not", "allOf"} and field is None:
            return f"question {path[1] + 1}, field 'type': the fields do not fit a {err.instance.get('type', '?')} question " \
                   f"(numeric questions need value or value_key and no answers; choice and string questions need " \
                   f"answers and no value)"
        if err.validator == "additionalProperties" and field is None:
            extra = re.findall(r"'([^']+)'", message)
            return f"question {path[1] + 1}, field '{extra[0] if extra else '?'}': this field is not allowed"
        return f"question {path[1] + 1}, field '{field or '(question)'}'{rest}: {message}"
    where = "/".join(map(str, path)) or "(top level)"
    return f"at {where}: {err.message}"


# ----------------------------------------------------------------------------- the key

def _interval(q: dict, value: float) -> tuple[float, float]:
    if "range" in q:
        return float(q["range"][0]), float(q["range"][1])
    if "tolerance" in q:
        return value - q["tolerance"], value + q["tolerance"]
    if "precision" in q:
        if value == 0:
            return 0.0, 0.0
        exponent = math.floor(math.log10(abs(value)))
        half = 0.5 * 10 ** (exponent - q["precision"] + 1)
        rounded = round(value, -(exponent - q["precision"] + 1))
        return rounded - half, rounded + half
    return value, value


def typed(text) -> str:
    """What a student typed, as both graders read it: Unicode NFKC (full-width letters, digits
    and spaces become plain ones) and the minus sign U+2212 as "-"."""
    import unicodedata

    return unicodedata.normalize("NFKC", str(text)).replace("\u2212", "-")


def normalise_text(text: str) -> str:
    """How string answers are compared: case-insensitive, spaces collapsed."""
    return " ".join(part for part in _SPACES.split(typed(text)) if part).lower()


def answer_key(bank: dict, values: Mapping[str, float] | None = None) -> list[dict]:
    """Compile a bank into plain data both graders apply (no HTML, no logic)."""
    values = dict(values or {})
    key = []
    for number, q in enumerate(bank["questions"], start=1):
        entry: dict[str, Any] = {"type": q["type"], "explanation": q["explanation"]}
        if q["type"] in {"multiple_choice", "many_choice"}:
            entry["correct"] = [i for i, a in enumerate(q["answers"]) if a["correct"]]
            entry["feedback"] = [a["feedback"] for a in q["answers"]]
        elif q["type"] == "string":
            entry["accepted"] = {normalise_text(a["answer"]): i for i, a in enumerate(q["answers"])}
            entry["correct"] = [i for i, a in enumerate(q["answers"]) if a["correct"]]
            entry["feedback"] = [a["feedback"] for a in q["answers"]]
        else:
            value = _numeric_value(q, values, number)
            lo, hi = _interval(q, value)
            entry.update(lo=lo, hi=hi, feedback_correct=q["feedback_correct"],
                         feedback_incorrect=q["feedback_incorrect"])
        key.append(entry)
    return key


def _numeric_value(q: dict, values: Mapping[str, float], number: int) -> float:
    """A numeric question's expected value: fixed in the bank, or the measure its key names.

    ``value_key: ch02.relief_rate`` calls :func:`coursekit.measures.ch02.relief_rate`, and
    ``scale: 100`` turns its share into the percentage the question asks for. ``values`` (used
    for banks written for a test) may give a value by a plain name instead.
    """
    if "value" in q:
        return float(q["value"])
    name = q["value_key"]
    if name in values:
        raw = values[name]
    elif "." in name:
        from coursekit import measures

        try:
            raw = measures.resolve(name)
        except measures.MeasureError as err:
            raise QuizError(f"question {number}: value_key {err}") from None
    else:
        raise QuizError(f"question {number} takes its value from the data: name a measure "
                        f"(value_key: ch02.relief_rate) or pass values={{'{name}': ...}} to Quiz")
    try:
        value = float(raw) * float(q.get("scale", 1))
    except (TypeError, ValueError):
        raise QuizError(f"question {number}: the value '{name}' must be a number, got "
                        f"{type(raw).__name__} {raw!r}") from None
    if math.isnan(value):
        raise QuizError(f"question {number}: the value '{name}' is NaN")
    return value


def parse_number(text: str) -> float | None:
    """A number typed by a student, or None if it is not one (``1,234`` and ``1234`` both work)."""
    match = _NUMBER.fullmatch(typed(text))
    if not match:
        return None
    sign, body = match.groups()
    value = float(body.replace(",", ""))
    return -value if sign == "-" else value


@dataclass(frozen=True)
class Verdict:
    """The result of checking one response: ``correct`` is None when the response was unusable."""

    correct: bool | None
    message: str


def grade(entry: dict, response: Any) -> Verdict:
    """Grade one response against one compiled key entry (see :func:`answer_key`)."""
    kind = entry["type"]
    if kind == "multiple_choice":
        if response is None or response == "":
            return Verdict(None, MESSAGES["empty_choice"])
        index = _option(response, len(entry["feedback"]))
        if index is None:
            return Verdict(None, MESSAGES["not_an_option"])
        ok = index in entry["correct"]
        return Verdict(ok, entry["feedback"][index])
    if kind == "many_choice":
        picked = [_option(i, len(entry["feedback"])) for i in (response or [])]
        if None in picked:
            return Verdict(None, MESSAGES["not_an_option"])
        chosen = sorted(set(picked))
        if not chosen:
            return Verdict(None, MESSAGES["empty_many"])
        if chosen == sorted(entry["correct"]):
            return Verdict(True, " ".join(entry["feedback"][i] for i in chosen))
        wrong = [i for i in chosen if i not in entry["correct"]]
        detail = " ".join(entry["feedback"][i] for i in wrong) if wrong else ""
        return Verdict(False, (MESSAGES["many_partial"] + (" " + detail if detail else "")).strip())
    text = "" if response is None else str(response)
    if not text.strip():
        return Verdict(None, MESSAGES["empty_text"])
    if kind == "string":
        index = entry["accepted"].get(normalise_text(text))
        if index is None:
            return Verdict(False, MESSAGES["incorrect"])
        return Verdict(index in entry["correct"], entry["feedback"][index])
    number = parse_number(text)
    if number is None:
        return Verdict(None, MESSAGES["not_a_number"])
    ok = entry["lo"] <= number <= entry["hi"]
    return Verdict(ok, entry["feedback_correct"] if ok else entry["feedback_incorrect"])


def _option(response, count: int) -> int | None:
    """The option a response picks (0-based), or None if it names none of the ``count`` shown."""
    if isinstance(response, bool):
        return None
    if isinstance(response, str):
        response = response.strip()
        if not re.fullmatch(r"[0-9]+", response):
            return None
    if isinstance(response, float) and not response.is_integer():
        return None
    try:
        index = int(response)
    except (TypeError, ValueError):
        return None
    return index if 0 <= index < count else None


def feedback_text(entry: dict, verdict: Verdict) -> str:
    """What the student reads after pressing Check (the page's script writes the same)."""
    if verdict.correct is None:
        return verdict.message
    return f"{VERDICT_LEADS[verdict.correct]} {verdict.message} ({entry['explanation']})"


# ----------------------------------------------------------------------------- display

def table_html(q: dict) -> str:
    """The small table a question shows for students to read, or "" (every cell escaped)."""
    table = q.get("table")
    if not table:
        return ""
    esc = lambda v: html.escape(f"{v:,}" if isinstance(v, (int, float)) and not isinstance(v, bool) else str(v))  # noqa: E731
    head = "".join(f'<th scope="col">{esc(c)}</th>' for c in table["columns"])
    body = "".join("<tr>" + "".join(f"<td>{esc(v)}</td>" for v in row) + "</tr>" for row in table["rows"])
    caption = f"<caption>{esc(table['caption'])}</caption>" if table.get("caption") else ""
    return f'<table class="ck-table">{caption}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


class Quiz:
    """A chapter quiz: an ipywidgets form live, a self-contained HTML form in the web book."""

    def __init__(self, bank: dict | str | Path, values: Mapping[str, float] | None = None, name: str | None = None):
        if isinstance(bank, dict):
            validate_bank(bank, name or "quiz bank")
            self.bank = bank
            self.name = name or "quiz"
        else:
            self.bank = load_bank(bank)
            self.name = name or Path(str(bank)).stem
        self.key = answer_key(self.bank, values)
        self.questions = self.bank["questions"]
        self.dom_id = "ckq-" + hashlib.sha1(
            json.dumps([self.name, [q["question"] for q in self.questions]]).encode()).hexdigest()[:10]
        self._score = [False] * len(self.questions)
        self._widget = None

    # -- scoring shared by the widget
    def check(self, number: int, response: Any) -> Verdict:
        """Check the response to question ``number`` (1-based) and update the running score."""
        if not isinstance(number, int) or not 1 <= number <= len(self.questions):
            raise QuizError(f"there is no question {number!r}; this quiz has {len(self.questions)}")
        verdict = grade(self.key[number - 1], response)
        if verdict.correct is not None:
            self._score[number - 1] = verdict.correct
        return verdict

    @property
    def score(self) -> tuple[int, int]:
        return sum(self._score), len(self.questions)

    def score_text(self) -> str:
        right, total = self.score
        return f"Score: {right} of {total} correct"

    # -- live widget
    @property
    def widget(self):
        if self._widget is None:
            self._widget = self._build_widget()
        return self._widget

    def _build_widget(self):
        import ipywidgets as w
        from ipywidgets.widgets.widget_bool import CheckboxStyle
        from ipywidgets.widgets.widget_description import DescriptionStyle
        from ipywidgets.widgets.widget_string import HTMLStyle, TextStyle

        # Every widget is a model the kernel announces to the front end, and each would also
        # make its own layout and style models. So the form is flat (one box, no box per
        # question), feedback is an HTML widget (not an Output widget), and widgets of a kind
        # share one layout and one style, none of which is changed after it is made. A quiz of
        # eleven questions needs about 65 models instead of 170.
        plain = w.Layout()
        html_ = {"layout": plain, "style": HTMLStyle()}
        checkbox = {"layout": plain, "style": CheckboxStyle()}
        radio = {"layout": w.Layout(width="auto"), "style": DescriptionStyle()}
        text = {"layout": plain, "style": TextStyle()}
        button = {"layout": plain, "style": w.ButtonStyle()}
        after_question = {"layout": w.Layout(margin="0 0 1em 0"), "style": html_["style"]}
        self.controls, self.buttons, self.feedback = [], [], []
        self.score_label = w.HTML(value=f"<strong>{self.score_text()}</strong>", **html_)
        # the title carries the form's stylesheet (no model of its own): see _WIDGET_CSS
        items = [w.HTML(value=f"<style>{_WIDGET_CSS}</style><h3>{html.escape(self.bank['title'])}</h3>", **html_)]
        for number, q in enumerate(self.questions, start=1):
            prompt = w.HTML(value=f"<p><strong>Question {number}.</strong> {html.escape(q['question'])}</p>"
                                  + table_html(q), **html_)
            if q["type"] == "multiple_choice":
                options = [(str(a["answer"]), i) for i, a in enumerate(q["answers"])]
                control = w.RadioButtons(options=options, value=None, **radio)
            elif q["type"] == "many_choice":
                control = w.VBox([w.Checkbox(value=False, description=str(a["answer"]), indent=False, **checkbox)
                                  for a in q["answers"]], layout=plain)
            else:
                hint = "a number" + (f" ({q['unit']})" if q.get("unit") else "") if q["type"] == "numeric" else "your answer"
                control = w.Text(placeholder=f"Type {hint}", **text)
            check = w.Button(description="Check", button_style="primary", tooltip=f"Check question {number}", **button)
            feedback = w.HTML(value="", **after_question)
            check.on_click(lambda _b, n=number: self._on_check(n))
            self.controls.append(control)
            self.buttons.append(check)
            self.feedback.append(feedback)
            items += [prompt, control, check, feedback]
        items.append(self.score_label)
        return w.VBox(items, layout=plain, _dom_classes=[_WIDGET_CLASS])

    def _response(self, number: int):
        q, control = self.questions[number - 1], self.controls[number - 1]
        if q["type"] == "many_choice":
            return [i for i, box in enumerate(control.children) if box.value]
        return control.value

    def _on_check(self, number: int) -> None:
        verdict = self.check(number, self._response(number))
        text = feedback_text(self.key[number - 1], verdict)
        self.feedback[number - 1].value = f"<p>{html.escape(text)}</p>"
        self.score_label.value = f"<strong>{self.score_text()}</strong>"

    def _repr_mimebundle_(self, include=None, exclude=None):
        bundle = dict(self.widget._repr_mimebundle_(include=include, exclude=exclude) or {})
        bundle["text/html"] = self.to_html()
        bundle["text/plain"] = f"{self.bank['title']} ({len(self.questions)} questions)"
        return bundle

    # -- static HTML
    def to_html(self) -> str:
        """The self-contained HTML/JS/CSS form for pages without a kernel."""
        qid = self.dom_id
        parts = [f'<div class="ck-quiz" id="{qid}">', f"<style>{_CSS}</style>",
                 f'<h3 class="ck-title">{html.escape(self.bank["title"])}</h3>',
                 '<p class="ck-help">Answer each question and press its Check button. '
                 'Your answers stay in this page; nothing is sent anywhere.</p>']
        for number, q in enumerate(self.questions, start=1):
            name = f"{qid}-q{number}"
            parts.append(f'<fieldset class="ck-q" data-q="{number - 1}" data-type="{q["type"]}">')
            parts.append(f'<legend><span class="ck-num">Question {number}.</span> {html.escape(q["question"])}</legend>')
            parts.append(table_html(q))
            if q["type"] in {"multiple_choice", "many_choice"}:
                kind = "radio" if q["type"] == "multiple_choice" else "checkbox"
                for i, a in enumerate(q["answers"]):
                    parts.append(f'<div class="ck-opt ck-choice"><input type="{kind}" name="{name}" id="{name}-a{i}" value="{i}">'
                                 f'<label for="{name}-a{i}">{html.escape(str(a["answer"]))}</label></div>')
            else:
                unit = f' <span class="ck-unit">{html.escape(q["unit"])}</span>' if q.get("unit") else ""
                mode = ' inputmode="decimal"' if q["type"] == "numeric" else ""
                label = "Your answer (a number)" if q["type"] == "numeric" else "Your answer"
                parts.append(f'<div class="ck-opt"><label for="{name}-text">{label}</label> '
                             f'<input type="text" id="{name}-text" name="{name}" autocomplete="off"{mode}>{unit}</div>')
            parts.append(f'<button type="button" class="ck-check">Check question {number}</button>')
            parts.append('<p class="ck-feedback" role="status" aria-live="polite"></p>')
            parts.append("</fieldset>")
        parts.append(f'<p class="ck-score" aria-live="polite">{self.score_text()}</p>')
        payload = {"key": self.key, "messages": MESSAGES, "number": NUMBER_PATTERN, "spaces": SPACES,
                   "leads": {"true": VERDICT_LEADS[True], "false": VERDICT_LEADS[False]}}
        data = (json.dumps(payload, ensure_ascii=True)
                .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))
        parts.append(f'<script type="application/json" class="ck-data">{data}</script>')
        parts.append(f"<script>{_JS}</script>")
        parts.append("</div>")
        return "\n".join(parts)


# ipywidgets 8 draws a Checkbox as <label class="widget-label-basic"><input><span>answer</span></label>,
# and that label keeps to one line and ends in "..." (white-space: nowrap; text-overflow: ellipsis)
# inside a box 300 px wide and one line high; a RadioButtons option is <label>answer<input></label>
# one line high, with the input floated left, so a long answer runs under its button and into the
# next option. Neither widget has a trait for this, so the form brings these rules, which apply
# only inside it: each option is a row, its control first, its text beside it, wrapping onto as
# many lines as it needs. The controls stay inside their own <label>s, so clicking an answer's
# text ticks it and a screen reader names each checkbox and radio button by its full answer.
# tests/test_jupyterlab.py measures the result in JupyterLab at a phone's and a desktop's width.
_WIDGET_CLASS = "ck-live-quiz"
_WIDGET_CSS = """
.ck-live-quiz .widget-checkbox,.ck-live-quiz .widget-radio{width:auto;height:auto;max-width:100%;min-width:0;
  line-height:normal}
.ck-live-quiz .widget-radio-box{flex:1 1 auto;min-width:0;margin-bottom:0}
.ck-live-quiz .widget-checkbox>label,.ck-live-quiz .widget-radio-box>label{display:flex;align-items:flex-start;
  gap:0.5em;flex:1 1 auto;min-width:0;height:auto;margin:0 0 0.35em 0;line-height:1.4;
  white-space:normal;overflow:visible;text-overflow:clip;overflow-wrap:anywhere}
.ck-live-quiz .widget-checkbox>label>input,.ck-live-quiz .widget-radio-box>label>input{order:-1;flex:none;
  align-self:flex-start;float:none;font-size:inherit;width:13px;height:13px;line-height:normal;
  margin:calc((1.4em - 13px) / 2) 0 0 1px}
.ck-live-quiz .widget-checkbox>label>span{flex:1 1 auto;min-width:0}
""".strip()


def show_quiz(name: str, values: Mapping[str, float] | None = None) -> Quiz:
    """The quiz of one chapter, e.g. ``show_quiz("01_border_enforcement")``."""
    return Quiz(name, values=values, name=name)


_CSS = """
.ck-quiz{border:1px solid #8a8a8a;border-radius:6px;padding:0.75em 1em;margin:1em 0;
  color:var(--pst-color-text-base,#222);background:var(--pst-color-background,#fff)}
.ck-quiz .ck-title{margin-top:0.2em;color:inherit}
.ck-quiz fieldset.ck-q{border:1px solid #8a8a8a;border-radius:4px;margin:0 0 1em 0;padding:0.5em 0.9em;min-width:0}
.ck-quiz legend{font-size:1rem;font-weight:normal;line-height:1.45;padding:0 0.3em;color:inherit;float:none;width:auto}
.ck-quiz .ck-num{font-weight:600}
.ck-quiz .ck-opt{margin:0.3em 0}
.ck-quiz .ck-choice{display:flex;align-items:flex-start;gap:0.5em}
.ck-quiz .ck-choice input{flex:none;margin:0.3em 0 0 0}
.ck-quiz .ck-choice label{display:inline;margin:0;font-weight:normal;line-height:1.45;color:inherit}
.ck-quiz table.ck-table{border-collapse:collapse;margin:0.4em 0 0.6em 0;font-size:0.95em;color:inherit}
.ck-quiz table.ck-table th,.ck-quiz table.ck-table td{border:1px solid #8a8a8a;padding:0.15em 0.5em;text-align:right}
.ck-quiz table.ck-table th:first-child,.ck-quiz table.ck-table td:first-child{text-align:left}
.ck-quiz table.ck-table caption{text-align:left;font-style:italic;color:inherit}
.ck-quiz input[type=text]{border:1px solid #6b6b6b;border-radius:3px;padding:0.2em 0.4em;min-width:10em;
  color:inherit;background:var(--pst-color-background,#fff)}
.ck-quiz button.ck-check{margin-top:0.4em;padding:0.3em 0.9em;border:1px solid #0b5394;border-radius:4px;
  background:#0b5394;color:#fff;cursor:pointer}
.ck-quiz button.ck-check:focus-visible,.ck-quiz input:focus-visible{outline:3px solid #E69F00;outline-offset:2px}
.ck-quiz .ck-feedback{margin:0.4em 0 0 0;min-height:1.2em}
.ck-quiz .ck-feedback.ck-right{color:#00613f}
.ck-quiz .ck-feedback.ck-wrong{color:#9e2a00}
html[data-theme=dark] .ck-quiz .ck-feedback.ck-right{color:#7fdca4}
html[data-theme=dark] .ck-quiz .ck-feedback.ck-wrong{color:#ffab91}
.ck-quiz .ck-score{font-weight:600}
"""

# The page-side grader: it only applies the compiled key (sets, intervals, normalised strings).
_JS = r"""
(function(){
  var root = document.currentScript.parentElement;
  var data = JSON.parse(root.querySelector('script.ck-data').textContent);
  var numberRe = new RegExp(data.number), spacesRe = new RegExp(data.spaces);
  var score = data.key.map(function(){ return false; });
  function typed(s){ return String(s).normalize('NFKC').replace(/\u2212/g, '-'); }
  function norm(s){ return typed(s).split(spacesRe).filter(Boolean).join(' ').toLowerCase(); }
  function parseNumber(s){
    var m = numberRe.exec(typed(s)); if(!m){ return null; }
    var v = parseFloat(m[2].replace(/,/g, '')); return m[1] === '-' ? -v : v;
  }
  function option(r, count){
    if(typeof r === 'boolean' || r === null || r === undefined){ return null; }
    if(typeof r === 'string'){ r = r.trim(); if(!/^[0-9]+$/.test(r)){ return null; } r = parseInt(r, 10); }
    if(typeof r !== 'number' || !Number.isInteger(r)){ return null; }
    return (r >= 0 && r < count) ? r : null;
  }
  // grade(key entry, response): the response is an option index, a list of them, or typed text
  function grade(k, response){
    var msg = data.messages;
    if(k.type === 'multiple_choice'){
      if(response === null || response === undefined || response === ''){ return [null, msg.empty_choice]; }
      var i = option(response, k.feedback.length); if(i === null){ return [null, msg.not_an_option]; }
      return [k.correct.indexOf(i) >= 0, k.feedback[i]];
    }
    if(k.type === 'many_choice'){
      var picked = (response || []).map(function(x){ return option(x, k.feedback.length); });
      if(picked.indexOf(null) >= 0){ return [null, msg.not_an_option]; }
      var chosen = picked.filter(function(x, j){ return picked.indexOf(x) === j; }).sort(function(a, b){ return a - b; });
      if(!chosen.length){ return [null, msg.empty_many]; }
      var same = chosen.length === k.correct.length && chosen.every(function(x){ return k.correct.indexOf(x) >= 0; });
      if(same){ return [true, chosen.map(function(x){ return k.feedback[x]; }).join(' ')]; }
      var wrong = chosen.filter(function(x){ return k.correct.indexOf(x) < 0; }).map(function(x){ return k.feedback[x]; });
      return [false, (msg.many_partial + (wrong.length ? ' ' + wrong.join(' ') : '')).trim()];
    }
    var text = (response === null || response === undefined) ? '' : String(response);
    if(!text.trim()){ return [null, msg.empty_text]; }
    if(k.type === 'string'){
      var idx = Object.prototype.hasOwnProperty.call(k.accepted, norm(text)) ? k.accepted[norm(text)] : undefined;
      if(idx === undefined){ return [false, msg.incorrect]; }
      return [k.correct.indexOf(idx) >= 0, k.feedback[idx]];
    }
    var v = parseNumber(text); if(v === null){ return [null, msg.not_a_number]; }
    var ok = v >= k.lo && v <= k.hi; return [ok, ok ? k.feedback_correct : k.feedback_incorrect];
  }
  function feedback(k, r){
    if(r[0] === null){ return r[1]; }
    return data.leads[String(r[0])] + ' ' + r[1] + ' (' + k.explanation + ')';
  }
  function read(fs, k){
    if(k.type === 'multiple_choice'){ var c = fs.querySelector('input:checked'); return c ? c.value : null; }
    if(k.type === 'many_choice'){ return Array.prototype.map.call(fs.querySelectorAll('input:checked'), function(x){ return x.value; }); }
    return fs.querySelector('input[type=text]').value;
  }
  root.__ckGrade = function(k, response){ var r = grade(k, response); return [r[0], feedback(k, r)]; };
  Array.prototype.forEach.call(root.querySelectorAll('fieldset.ck-q'), function(fs){
    var n = parseInt(fs.getAttribute('data-q'), 10), k = data.key[n];
    var out = fs.querySelector('.ck-feedback');
    function check(){
      var r = grade(k, read(fs, k)), ok = r[0];
      if(ok !== null){ score[n] = ok; }
      out.textContent = feedback(k, r);
      out.className = 'ck-feedback' + (ok === true ? ' ck-right' : (ok === false ? ' ck-wrong' : ''));
      var right = score.filter(Boolean).length;
      root.querySelector('.ck-score').textContent = 'Score: ' + right + ' of ' + score.length + ' correct';
    }
    fs.querySelector('button.ck-check').addEventListener('click', check);
    var text = fs.querySelector('input[type=text]');
    if(text){ text.addEventListener('keydown', function(e){ if(e.key === 'Enter'){ e.preventDefault(); check(); } }); }
  });
})();
"""
