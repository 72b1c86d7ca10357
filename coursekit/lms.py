"""The chapter quizzes for a learning management system: Canvas (QTI 1.2) and Moodle (Moodle XML).

    python -m coursekit.lms            # or: make lms
    python -m coursekit.lms --out DIR chapters/quizzes/01_border_enforcement.yml

For every bank in ``chapters/quizzes/`` it writes

* ``release/lms/canvas/NN_topic.zip``: a QTI 1.2 package (``imsmanifest.xml``, the assessment and
  Canvas's ``assessment_meta.xml``), which Canvas imports as a "QTI .zip file";
* ``release/lms/moodle/NN_topic.xml``: Moodle XML, which Moodle's question bank imports.

Both carry what the web book's quiz carries: every question (with its table), every answer in the
order the book shows it (:func:`coursekit.quiz.arrange`), which answers are correct, each
answer's feedback, the feedback on a right and on a wrong number, the accepted interval of each
numeric question and the explanation (as the question's general feedback). Numbers from the data
are filled in by :func:`coursekit.quiz.load_bank`, and the expected value of a numeric question is
the one the web book's grader uses (:func:`coursekit.quiz.answer_key`).

How each question type maps:

* ``multiple_choice``: Canvas ``multiple_choice_question``; Moodle ``multichoice`` allowing one
  answer, the correct one graded 100 and the others 0.
* ``many_choice``: Canvas ``multiple_answers_question``; Moodle ``multichoice`` allowing several
  answers, each of the k correct ones graded 100/k and each wrong one -100.
* ``numeric``: Canvas ``numerical_question``, an exact answer with its margin (``tolerance``) or
  a range (``range``, ``precision``); Moodle ``numerical``, the value with its tolerance (a range
  as its midpoint and half-width), and ``*`` for the feedback on any other number.
* ``string``: Canvas ``short_answer_question``, only when every listed answer is correct and all
  share one feedback (Canvas keeps no wrong answers and no feedback per answer); Moodle
  ``shortanswer``, case-insensitive, every listed answer with its grade and feedback.

A question that a format cannot carry whole is refused with an error naming it, never exported
with a part missing. Both LMSs give partial credit where the web book does not: on a
multiple-answer question a student who ticks some of the right answers and no wrong one earns
part of the mark (the book's self-check counts the question right only for exactly the right set).

The XML is written with the standard library. text2qti (BSD-3) writes Canvas's QTI too, but from
its own Markdown-based text: every question, answer and feedback would first be rewritten into
that text, and its Markdown (with the "smarty" extension) turns straight quotes, ``--`` and ``...``
into typographic ones and ``*x*`` into emphasis unless every character is escaped; it writes
numeric bounds rounded to four decimals, refuses any bound smaller than 0.0001 in magnitude, and
has no Moodle output. The layout written here is the one Canvas exports and reads back: the same
elements text2qti writes, with the bank's numbers in full.

:func:`check_canvas` and :func:`check_moodle` check each export's structure (the elements and
attributes the importers read, and that every reference resolves) and fail naming what is
missing; :func:`export` runs them before it writes a file. ``tests/test_lms.py`` also validates
every QTI file against IMS's published DTD for QTI 1.2.1 and parses each export back to compare it
with its bank.
"""
from __future__ import annotations

import argparse
import html
import io
import math
import re
import sys
import xml.etree.ElementTree as ET
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any, Mapping

from coursekit._paths import QUIZ_DIR, REPOSITORY
from coursekit.quiz import MESSAGES, QuizError, _numeric_value, answer_key, load_bank, table_html

OUT_DIR = REPOSITORY / "release" / "lms"

CANVAS_TYPES = {"multiple_choice": "multiple_choice_question", "many_choice": "multiple_answers_question",
                "numeric": "numerical_question", "string": "short_answer_question"}
MOODLE_TYPES = {"multiple_choice": "multichoice", "many_choice": "multichoice", "numeric": "numerical",
                "string": "shortanswer"}

QTI_NS = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
QTI_XSD = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2p1.xsd"
CP_NS = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
CP_XSD = "http://www.imsglobal.org/xsd/imscp_v1p1.xsd"
CANVAS_NS = "http://canvas.instructure.com/xsd/cccv1p0"
CANVAS_XSD = "https://canvas.instructure.com/xsd/cccv1p0.xsd"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
QTI_RESOURCE = "imsqti_xmlv1p2"
META_RESOURCE = "associatedcontent/imscc_xmlv1p1/learning-application-resource"
META_FILE = "assessment_meta.xml"

# Moodle accepts only these grades for an answer (question_bank::fraction_options_full, in
# percent); an import stops at any other. 100/k is among them for k = 1 to 10.
MOODLE_GRADES = (100, 90, 83.33333, 80, 75, 70, 66.66667, 60, 50, 40, 33.33333, 30, 25, 20, 16.66667,
                 14.28571, 12.5, 11.11111, 10, 5, 0)
MOODLE_FRACTIONS = {str(sign * g) for g in MOODLE_GRADES for sign in (1, -1)}  # as written: "33.33333"

# A placeholder left unfilled ({ch02.relief_rate:.1%}); any chapter number, so a bank whose
# placeholders the quiz module does not know yet is caught here rather than exported as written.
UNFILLED = re.compile(r"\{ch\d+\.[A-Za-z_][A-Za-z0-9_]*(?::[^{}]*)?\}")


class LmsError(QuizError):
    """A bank cannot be exported, or an export is malformed. The message names the question."""


# ----------------------------------------------------------------------------- the questions

def bank_paths(quiz_dir: Path = QUIZ_DIR) -> list[Path]:
    """Every bank to export: each ``*.yml`` of ``quiz_dir``, in name order."""
    return sorted(Path(quiz_dir).glob("*.yml"))


def _p(text: Any) -> str:
    return f"<p>{html.escape(str(text), quote=False)}</p>"


def _decimal(number: Any, where: str) -> Decimal:
    """A number as the exact decimal of its shortest representation (0.1 stays 0.1)."""
    if isinstance(number, bool) or not isinstance(number, (int, float)) or not math.isfinite(number):
        raise LmsError(f"{where}: {number!r} is not a finite number")
    return Decimal(number) if isinstance(number, int) else Decimal(repr(float(number)))


def _text(d: Decimal) -> str:
    return format(d, "f")


def items(bank: dict, label: str = "quiz bank", values: Mapping[str, float] | None = None) -> list[dict]:
    """The questions of a loaded bank (:func:`coursekit.quiz.load_bank`) as both formats carry
    them: HTML texts, answers with correctness and feedback, and for a numeric question its
    expected value and accepted interval as exact decimals."""
    def where(number: int, q: dict) -> str:
        return f"{label}: question {number} ('{q.get('id', '?')}')"

    for number, q in enumerate(bank["questions"], start=1):
        if q.get("type") not in CANVAS_TYPES:
            raise LmsError(f"{where(number, q)}: question type '{q.get('type')}' has no counterpart in Canvas or "
                           f"Moodle (known: {', '.join(CANVAS_TYPES)})")
    out = []
    for number, (q, entry) in enumerate(zip(bank["questions"], answer_key(bank, values)), start=1):
        kind = q["type"]
        text = _p(q["question"]) + table_html(q)
        item: dict[str, Any] = {"number": number, "id": q["id"], "type": kind, "where": where(number, q),
                                "explanation": _p(q["explanation"])}
        if kind == "numeric":
            hint = "Type a number" + (f" ({q['unit']})" if q.get("unit") else "") + "."
            text += _p(hint)
            value = _decimal(_numeric_value(q, dict(values or {}), number), item["where"])
            if "range" in q or "precision" in q:
                lo, hi = _decimal(entry["lo"], item["where"]), _decimal(entry["hi"], item["where"])
                item["numbers"] = {"kind": "range", "value": value, "lo": lo, "hi": hi}
            else:  # a tolerance, or none: the value itself
                margin = _decimal(q.get("tolerance", 0), item["where"])
                item["numbers"] = {"kind": "exact", "value": value, "margin": margin,
                                   "lo": value - margin, "hi": value + margin}
            item["feedback_correct"] = _p(q["feedback_correct"])
            item["feedback_incorrect"] = _p(q["feedback_incorrect"])
        else:
            item["answers"] = [{"text": str(a["answer"]), "html": _p(a["answer"]), "correct": bool(a["correct"]),
                                "feedback": _p(a["feedback"])} for a in q["answers"]]
        item["question"] = text
        for part in [text, item["explanation"], *[a[f] for a in item.get("answers", []) for f in ("html", "feedback")],
                     item.get("feedback_correct", ""), item.get("feedback_incorrect", "")]:
            if UNFILLED.search(part):
                raise LmsError(f"{item['where']}: the placeholder {UNFILLED.search(part).group(0)} was not filled in "
                               f"from the data")
        out.append(item)
    return out


def _slug(name: str) -> str:
    """An XML identifier (an NCName: it starts with a letter) for a bank or a question."""
    return "ck-" + re.sub(r"[^A-Za-z0-9_.-]", "-", name)


# ----------------------------------------------------------------------------- XML helpers

def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    node = ET.SubElement(parent, tag, {k.rstrip("_"): v for k, v in attrs.items()})
    if text is not None:
        node.text = text
    return node


def _xml(root: ET.Element) -> bytes:
    ET.indent(root, space="  ")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n").encode("utf-8")


def _root(tag: str, namespace: str, schema: str, **attrs: str) -> ET.Element:
    """A root element in ``namespace`` with its schema location. The namespace is written as an
    attribute, so the children stay unprefixed, as Canvas writes them."""
    return ET.Element(tag, {**attrs, "xmlns": namespace, "xmlns:xsi": XSI_NS,
                            "xsi:schemaLocation": f"{namespace} {schema}"})


# ----------------------------------------------------------------------------- Canvas (QTI 1.2)

def _material(parent: ET.Element, html_text: str) -> None:
    _sub(_sub(parent, "material"), "mattext", html_text, texttype="text/html")


def _feedback(item: ET.Element, ident: str, html_text: str) -> None:
    _material(_sub(_sub(item, "itemfeedback", ident=ident), "flow_mat"), html_text)


def _condition(resprocessing: ET.Element, go_on: bool) -> tuple[ET.Element, ET.Element]:
    cond = _sub(resprocessing, "respcondition", continue_="Yes" if go_on else "No")
    return cond, _sub(cond, "conditionvar")


def _score(cond: ET.Element) -> None:
    _sub(cond, "setvar", "100", action="Set", varname="SCORE")


def _show(cond: ET.Element, ident: str) -> None:
    _sub(cond, "displayfeedback", feedbacktype="Response", linkrefid=ident)


def _answer_ident(item: dict, index: int) -> str:
    return f"{item['id']}-{index + 1}"


def _canvas_item(section: ET.Element, prefix: str, it: dict) -> None:
    kind = it["type"]
    if kind == "string":
        right = [a for a in it["answers"] if a["correct"]]
        if len(right) != len(it["answers"]):
            raise LmsError(f"{it['where']}: Canvas short-answer questions keep only correct answers, so the "
                           f"feedback of the wrong answers listed here cannot be carried; export it to Moodle "
                           f"only, or list only correct answers")
        if len({a["feedback"] for a in right}) != 1:
            raise LmsError(f"{it['where']}: Canvas short-answer questions have one feedback for every correct "
                           f"answer, and these answers have different ones")
    item = _sub(section, "item", ident=f"{prefix}-{it['id']}", title=it["id"])
    meta = _sub(_sub(item, "itemmetadata"), "qtimetadata")
    for label, entry in (("question_type", CANVAS_TYPES[kind]), ("points_possible", "1")):
        field = _sub(meta, "qtimetadatafield")
        _sub(field, "fieldlabel", label)
        _sub(field, "fieldentry", entry)
    presentation = _sub(item, "presentation")
    _material(presentation, it["question"])
    if kind in {"multiple_choice", "many_choice"}:
        lid = _sub(presentation, "response_lid", ident="response1",
                   rcardinality="Single" if kind == "multiple_choice" else "Multiple")
        choices = _sub(lid, "render_choice")
        for i, a in enumerate(it["answers"]):
            _material(_sub(choices, "response_label", ident=_answer_ident(it, i)), a["html"])
    else:
        fib = _sub(_sub(presentation, "response_str", ident="response1", rcardinality="Single"), "render_fib",
                   **({"fibtype": "Decimal"} if kind == "numeric" else {}))
        _sub(fib, "response_label", ident="answer1", **({} if kind == "numeric" else {"rshuffle": "No"}))
    rp = _sub(item, "resprocessing")
    _sub(_sub(rp, "outcomes"), "decvar", maxvalue="100", minvalue="0", varname="SCORE", vartype="Decimal")
    cond, var = _condition(rp, go_on=True)
    _sub(var, "other")
    _show(cond, "general_fb")
    feedback = [("general_fb", it["explanation"])]
    if kind in {"multiple_choice", "many_choice"}:
        for i, a in enumerate(it["answers"]):
            cond, var = _condition(rp, go_on=True)
            _sub(var, "varequal", _answer_ident(it, i), respident="response1")
            _show(cond, f"{_answer_ident(it, i)}_fb")
            feedback.append((f"{_answer_ident(it, i)}_fb", a["feedback"]))
        cond, var = _condition(rp, go_on=False)
        if kind == "multiple_choice":
            right = next(i for i, a in enumerate(it["answers"]) if a["correct"])
            _sub(var, "varequal", _answer_ident(it, right), respident="response1")
        else:
            both = _sub(var, "and")
            for i, a in enumerate(it["answers"]):
                parent = both if a["correct"] else _sub(both, "not")
                _sub(parent, "varequal", _answer_ident(it, i), respident="response1")
        _score(cond)
        if kind == "many_choice":
            cond, var = _condition(rp, go_on=True)
            _sub(var, "other")
            _show(cond, "general_incorrect_fb")
            feedback.append(("general_incorrect_fb", _p(MESSAGES["many_partial"])))
    else:
        cond, var = _condition(rp, go_on=False)
        if kind == "numeric":
            n = it["numbers"]
            if n["kind"] == "exact":  # Canvas reads the margin as the upper bound minus the exact value
                either = _sub(var, "or")
                _sub(either, "varequal", _text(n["value"]), respident="response1")
                var = _sub(either, "and")
            _sub(var, "vargte", _text(n["lo"]), respident="response1")
            _sub(var, "varlte", _text(n["hi"]), respident="response1")
            right_fb, wrong_fb = it["feedback_correct"], it["feedback_incorrect"]
        else:  # one varequal per accepted answer, as Canvas writes a short answer
            for a in it["answers"]:
                _sub(var, "varequal", a["text"], respident="response1")
            right_fb, wrong_fb = it["answers"][0]["feedback"], _p(MESSAGES["incorrect"])
        _score(cond)
        _show(cond, "correct_fb")
        cond, var = _condition(rp, go_on=True)
        _sub(var, "other")
        _show(cond, "general_incorrect_fb")
        feedback += [("correct_fb", right_fb), ("general_incorrect_fb", wrong_fb)]
    for ident, text in feedback:
        _feedback(item, ident, text)


def canvas_files(bank: dict, name: str, values: Mapping[str, float] | None = None) -> dict[str, bytes]:
    """The files of the Canvas package of one loaded bank, by their path in the zip."""
    its = items(bank, name, values)
    ident = _slug(name)
    qti = _root("questestinterop", QTI_NS, QTI_XSD)
    section = _sub(_sub(qti, "assessment", ident=ident, title=bank["title"]), "section", ident="root_section")
    for it in its:
        _canvas_item(section, ident, it)
    meta = _root("quiz", CANVAS_NS, CANVAS_XSD, identifier=ident)
    for tag, text in (("title", bank["title"]), ("description", ""), ("shuffle_answers", "false"),
                      ("scoring_policy", "keep_highest"), ("quiz_type", "assignment"),
                      ("points_possible", f"{len(its)}.0")):
        _sub(meta, tag, text)
    manifest = _root("manifest", CP_NS, CP_XSD, identifier=f"{ident}-manifest")
    metadata = _sub(manifest, "metadata")
    _sub(metadata, "schema", "IMS Content")
    _sub(metadata, "schemaversion", "1.1.3")
    _sub(manifest, "organizations")
    resources = _sub(manifest, "resources")
    qti_path, meta_path = f"{ident}/{ident}.xml", f"{ident}/{META_FILE}"
    resource = _sub(resources, "resource", identifier=ident, type=QTI_RESOURCE)
    _sub(resource, "file", href=qti_path)
    _sub(resource, "dependency", identifierref=f"{ident}-dependency")
    dependency = _sub(resources, "resource", identifier=f"{ident}-dependency", type=META_RESOURCE, href=meta_path)
    _sub(dependency, "file", href=meta_path)
    return {"imsmanifest.xml": _xml(manifest), qti_path: _xml(qti), meta_path: _xml(meta)}


def zip_bytes(files: Mapping[str, bytes]) -> bytes:
    """A zip of ``files`` that is the same byte for byte on every run (fixed dates, sorted)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(files, key=lambda p: (p != "imsmanifest.xml", p)):
            info = zipfile.ZipInfo(path, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, files[path])
    return buffer.getvalue()


# ----------------------------------------------------------------------------- Moodle XML

def _moodle_text(parent: ET.Element, tag: str, text: str, fmt: str | None = "html", **attrs: str) -> ET.Element:
    node = _sub(parent, tag, **({"format": fmt} if fmt else {}), **attrs)
    _sub(node, "text", text)
    return node


def _moodle_answer(question: ET.Element, fraction: str, text: str, feedback: str, fmt: str = "html") -> ET.Element:
    answer = _moodle_text(question, "answer", text, fmt, fraction=fraction)
    _moodle_text(answer, "feedback", feedback)
    return answer


def _share(k: int, where: str) -> str:
    """Moodle's grade for each of ``k`` correct answers of a multiple-answer question."""
    share = 100 / k
    grade = next((g for g in MOODLE_GRADES if abs(g - share) < 1e-3), None)
    if grade is None:
        raise LmsError(f"{where}: Moodle's grades have no share of 1/{k} for {k} correct answers; "
                       f"a multiple-answer question for Moodle may have at most 10")
    return str(grade)


def moodle_xml(bank: dict, name: str, values: Mapping[str, float] | None = None) -> bytes:
    """One loaded bank as Moodle XML: a category named after the bank, then its questions."""
    its = items(bank, name, values)
    quiz = ET.Element("quiz")
    category = _sub(quiz, "question", type="category")
    _moodle_text(category, "category", "$course$/top/" + bank["title"].replace("/", "//"), fmt=None)
    for it in its:
        kind = it["type"]
        q = _sub(quiz, "question", type=MOODLE_TYPES[kind])
        _moodle_text(q, "name", f"{it['number']:02d} {it['id']}", fmt=None)
        _moodle_text(q, "questiontext", it["question"])
        _moodle_text(q, "generalfeedback", it["explanation"])
        for tag, text in (("defaultgrade", "1"), ("penalty", "0.3333333"), ("hidden", "0"),
                          ("idnumber", f"{name}/{it['id']}")):
            _sub(q, tag, text)
        if kind in {"multiple_choice", "many_choice"}:
            single = kind == "multiple_choice"
            for tag, text in (("single", "true" if single else "false"), ("shuffleanswers", "false"),
                              ("answernumbering", "abc"), ("showstandardinstruction", "1")):
                _sub(q, tag, text)
            partial = "" if single else _p(MESSAGES["many_partial"])
            for tag, text in (("correctfeedback", ""), ("partiallycorrectfeedback", partial),
                              ("incorrectfeedback", partial)):
                _moodle_text(q, tag, text)
            right = _share(sum(a["correct"] for a in it["answers"]), it["where"]) if not single else "100"
            wrong = "0" if single else "-100"
            for a in it["answers"]:
                _moodle_answer(q, right if a["correct"] else wrong, a["html"], a["feedback"])
        elif kind == "numeric":
            n = it["numbers"]
            if n["kind"] == "exact":
                value, tolerance = n["value"], n["margin"]
            else:
                value, tolerance = (n["lo"] + n["hi"]) / 2, (n["hi"] - n["lo"]) / 2
            answer = _moodle_answer(q, "100", _text(value), it["feedback_correct"], fmt="moodle_auto_format")
            _sub(answer, "tolerance", _text(tolerance))
            other = _moodle_answer(q, "0", "*", it["feedback_incorrect"], fmt="moodle_auto_format")
            _sub(other, "tolerance", "0")
            for tag, text in (("unitgradingtype", "0"), ("unitpenalty", "0.1000000"), ("showunits", "3"),
                              ("unitsleft", "0")):
                _sub(q, tag, text)
        else:
            _sub(q, "usecase", "0")
            for a in it["answers"]:  # "*" is Moodle's wildcard: a literal one is written "\*"
                _moodle_answer(q, "100" if a["correct"] else "0", a["text"].replace("*", r"\*"), a["feedback"],
                               fmt="moodle_auto_format")
    return _xml(quiz)


# ----------------------------------------------------------------------------- structural checks

def _problems(label: str, problems: list[str]) -> None:
    if problems:
        raise LmsError(f"{label}: " + "; ".join(problems))


def _q(tag: str) -> str:
    return f"{{{QTI_NS}}}{tag}"


def _texts(node: ET.Element | None, path: str) -> list[str]:
    return [(n.text or "").strip() for n in node.iterfind(path)] if node is not None else []


def _number(text: str | None) -> float | None:
    try:
        value = float(text or "")
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def check_qti(data: bytes, label: str = "QTI") -> None:
    """Check a Canvas QTI 1.2 assessment: what Canvas's importer reads is present and every
    reference (an answer's ident, a feedback's id) resolves. Raises :class:`LmsError` listing
    every problem, each with the item it is in."""
    root = ET.fromstring(data)
    problems: list[str] = []
    if root.tag != _q("questestinterop"):
        _problems(label, [f"the root element is <{root.tag}>, not <questestinterop> in {QTI_NS}"])
    assessment = root.find(_q("assessment"))
    if assessment is None or not assessment.get("ident") or not assessment.get("title"):
        _problems(label, ["no <assessment> with an ident and a title"])
    section = assessment.find(_q("section"))
    found = section.findall(_q("item")) if section is not None else []
    if not found:
        problems.append("the assessment has no <section> with an <item>")
    seen: set[str] = set()
    for item in found:
        ident = item.get("ident") or "?"
        where = f"item '{ident}'"
        if ident in seen:
            problems.append(f"{where}: ident used twice")
        seen.add(ident)
        fields = {f.findtext(_q("fieldlabel")): f.findtext(_q("fieldentry"))
                  for f in item.iterfind(f"{_q('itemmetadata')}/{_q('qtimetadata')}/{_q('qtimetadatafield')}")}
        kind = fields.get("question_type")
        if kind not in CANVAS_TYPES.values():
            problems.append(f"{where}: metadata question_type is {kind!r}, not one of {sorted(CANVAS_TYPES.values())}")
            continue
        if _number(fields.get("points_possible")) is None:
            problems.append(f"{where}: metadata points_possible is missing")
        presentation = item.find(_q("presentation"))
        if not any(_texts(presentation, f"{_q('material')}/{_q('mattext')}")):
            problems.append(f"{where}: the question text (presentation/material/mattext) is missing")
        labels: list[str] = []
        if kind in {"multiple_choice_question", "multiple_answers_question"}:
            lid = presentation.find(_q("response_lid")) if presentation is not None else None
            want = "Single" if kind == "multiple_choice_question" else "Multiple"
            if lid is None or lid.get("rcardinality") != want:
                problems.append(f"{where}: no <response_lid rcardinality='{want}'>")
            else:
                for lab in lid.iterfind(f"{_q('render_choice')}/{_q('response_label')}"):
                    labels.append(lab.get("ident") or "")
                    if not any(_texts(lab, f"{_q('material')}/{_q('mattext')}")):
                        problems.append(f"{where}: answer '{lab.get('ident')}' has no text")
                if len(labels) < 2:
                    problems.append(f"{where}: render_choice has {len(labels)} response_label, needs at least 2")
        elif presentation is None or presentation.find(f"{_q('response_str')}/{_q('render_fib')}/{_q('response_label')}") is None:
            problems.append(f"{where}: no response_str/render_fib/response_label to type the answer in")
        rp = item.find(_q("resprocessing"))
        if rp is None or rp.find(f"{_q('outcomes')}/{_q('decvar')}[@varname='SCORE']") is None:
            problems.append(f"{where}: resprocessing/outcomes has no <decvar varname='SCORE'>")
            continue
        scoring = [c for c in rp.iterfind(_q("respcondition"))
                   if any((s.text or "").strip() == "100" and s.get("varname") == "SCORE" and s.get("action") == "Set"
                          for s in c.iterfind(_q("setvar")))]
        if len(scoring) != 1:
            problems.append(f"{where}: {len(scoring)} respconditions set SCORE to 100; needs exactly one")
        feedback_ids = {f.get("ident") for f in item.iterfind(_q("itemfeedback"))}
        for f in item.iterfind(_q("itemfeedback")):
            if not any(_texts(f, f".//{_q('mattext')}")):
                problems.append(f"{where}: feedback '{f.get('ident')}' has no text")
        for shown in rp.iter(_q("displayfeedback")):
            if shown.get("linkrefid") not in feedback_ids:
                problems.append(f"{where}: displayfeedback names '{shown.get('linkrefid')}', which no itemfeedback has")
        if labels:
            shown_for = {c.findtext(f"{_q('conditionvar')}/{_q('varequal')}") for c in rp.iterfind(_q("respcondition"))
                         if c.find(_q("displayfeedback")) is not None}
            for lab in labels:
                if lab not in shown_for:
                    problems.append(f"{where}: answer '{lab}' shows no feedback")
            for eq in rp.iter(_q("varequal")):
                if (eq.text or "").strip() not in labels:
                    problems.append(f"{where}: varequal names '{(eq.text or '').strip()}', which is no answer's ident")
        if kind == "numerical_question" and len(scoring) == 1:
            lo = _number(scoring[0].findtext(f".//{_q('vargte')}"))
            hi = _number(scoring[0].findtext(f".//{_q('varlte')}"))
            if lo is None or hi is None or lo > hi:
                problems.append(f"{where}: the scoring condition needs a vargte and a varlte bound (lo <= hi)")
            exact = scoring[0].find(f"{_q('conditionvar')}/{_q('or')}/{_q('varequal')}")
            if exact is not None and lo is not None and hi is not None:
                value = _number(exact.text)
                if value is None or not lo <= value <= hi:
                    problems.append(f"{where}: the exact answer {exact.text!r} lies outside its margin")
        if kind == "short_answer_question" and len(scoring) == 1 and not _texts(scoring[0], f"{_q('conditionvar')}/{_q('varequal')}"):
            problems.append(f"{where}: the scoring condition accepts no answer")
    _problems(label, problems)


def check_canvas(files: Mapping[str, bytes], label: str = "Canvas package") -> None:
    """Check a whole Canvas package: the manifest lists each file of the zip, its QTI resource
    and the Canvas metadata that depends on it, and every file it names is there."""
    problems: list[str] = []
    if "imsmanifest.xml" not in files:
        _problems(label, ["imsmanifest.xml is missing"])
    manifest = ET.fromstring(files["imsmanifest.xml"])
    cp = lambda tag: f"{{{CP_NS}}}{tag}"  # noqa: E731
    if manifest.tag != cp("manifest"):
        _problems(label, [f"imsmanifest.xml: the root element is <{manifest.tag}>, not <manifest> in {CP_NS}"])
    resources = {r.get("identifier"): r for r in manifest.iterfind(f"{cp('resources')}/{cp('resource')}")}
    listed = {f.get("href") for r in resources.values() for f in r.iterfind(cp("file"))}
    for href in sorted(listed - set(files)):
        problems.append(f"imsmanifest.xml names {href}, which the package lacks")
    for path in sorted(set(files) - listed - {"imsmanifest.xml"}):
        problems.append(f"{path} is in the package but not in imsmanifest.xml")
    qti = [r for r in resources.values() if r.get("type") == QTI_RESOURCE]
    if len(qti) != 1:
        problems.append(f"imsmanifest.xml has {len(qti)} resources of type {QTI_RESOURCE}; needs one")
    for r in qti:
        ident = r.get("identifier")
        deps = [d.get("identifierref") for d in r.iterfind(cp("dependency"))]
        metas = [resources.get(d) for d in deps]
        if None in metas:
            problems.append(f"resource '{ident}': a dependency names no resource")
        meta_path = f"{ident}/{META_FILE}"
        if not any(m is not None and m.get("type") == META_RESOURCE and m.get("href") == meta_path for m in metas):
            problems.append(f"resource '{ident}': no dependency of type {META_RESOURCE} at {meta_path}, "
                            f"where Canvas looks for the quiz settings")
        for f in r.iterfind(cp("file")):
            if f.get("href") in files:
                check_qti(files[f.get("href")], f"{label}: {f.get('href')}")
                assessment = ET.fromstring(files[f.get("href")]).find(_q("assessment"))
                if assessment is not None and assessment.get("ident") != ident:
                    problems.append(f"{f.get('href')}: the assessment ident '{assessment.get('ident')}' is not the "
                                    f"resource's '{ident}'")
        if meta_path in files:
            meta = ET.fromstring(files[meta_path])
            if meta.tag != f"{{{CANVAS_NS}}}quiz" or not (meta.findtext(f"{{{CANVAS_NS}}}title") or "").strip():
                problems.append(f"{meta_path}: needs a <quiz> in {CANVAS_NS} with a <title>")
    _problems(label, problems)


def check_moodle(data: bytes, label: str = "Moodle XML") -> None:
    """Check Moodle XML as Moodle's importer (qformat_xml) reads it: each question's name and
    text, its answers with grades from Moodle's list, the tolerance of a numerical answer.
    Raises :class:`LmsError` listing every problem, each with the question it is in."""
    root = ET.fromstring(data)
    if root.tag != "quiz":
        _problems(label, [f"the root element is <{root.tag}>, not <quiz>"])
    problems: list[str] = []
    questions = [q for q in root.iterfind("question") if q.get("type") != "category"]
    if not questions:
        problems.append("no question")
    for q in questions:
        name = (q.findtext("name/text") or "").strip()
        where = f"question '{name or '?'}'"
        kind = q.get("type")
        if kind not in set(MOODLE_TYPES.values()):
            problems.append(f"{where}: type {kind!r} is not one of {sorted(set(MOODLE_TYPES.values()))}")
            continue
        if not name:
            problems.append(f"{where}: name/text is missing")
        text = q.find("questiontext")
        if text is None or text.get("format") != "html" or not (text.findtext("text") or "").strip():
            problems.append(f"{where}: questiontext (format 'html') with a text is missing")
        answers = q.findall("answer")
        grades = []
        for a in answers:
            fraction = a.get("fraction")
            if fraction not in MOODLE_FRACTIONS:
                problems.append(f"{where}: answer {(a.findtext('text') or '')[:40]!r} has grade {fraction!r}, "
                                f"which is not in Moodle's list of grades")
                continue
            grades.append(float(fraction))
            if a.find("text") is None or not (a.findtext("text") or "").strip():
                problems.append(f"{where}: an answer has no text")
            if not (a.findtext("feedback/text") or "").strip():
                problems.append(f"{where}: answer {(a.findtext('text') or '')[:40]!r} has no feedback")
        if kind == "multichoice":
            single = (q.findtext("single") or "").strip()
            if single not in {"true", "false"}:
                problems.append(f"{where}: single is {single!r}, not 'true' or 'false'")
            if len(answers) < 2:
                problems.append(f"{where}: {len(answers)} answers, needs at least 2")
            if single == "true" and grades.count(100) != 1:
                problems.append(f"{where}: a single-answer question needs exactly one answer graded 100")
            if single == "false" and abs(sum(g for g in grades if g > 0) - 100) > 0.01:
                problems.append(f"{where}: the grades of the correct answers add up to "
                                f"{sum(g for g in grades if g > 0):g}, not 100")
        elif kind == "numerical":
            right = [a for a in answers if a.get("fraction") == "100"]
            if not right:
                problems.append(f"{where}: no answer graded 100")
            for a in answers:
                value = (a.findtext("text") or "").strip()
                if value != "*" and _number(value) is None:
                    problems.append(f"{where}: answer {value!r} is not a number")
                tolerance = _number(a.findtext("tolerance"))
                if tolerance is None or tolerance < 0:
                    problems.append(f"{where}: answer {value!r} has no tolerance (a number, 0 or more)")
        else:
            if (q.findtext("usecase") or "").strip() not in {"0", "1"}:
                problems.append(f"{where}: usecase is missing")
            if 100 not in grades:
                problems.append(f"{where}: no answer graded 100")
    _problems(label, problems)


# ----------------------------------------------------------------------------- writing

def export(banks: list[Path] | None = None, out_dir: Path = OUT_DIR) -> list[Path]:
    """Write the Canvas package and the Moodle XML of each bank (all of ``chapters/quizzes/`` by
    default) into ``out_dir``/canvas and ``out_dir``/moodle; return the files written. Each
    export is checked before it is written."""
    paths = [Path(p) for p in banks] if banks else bank_paths()
    if not paths:
        raise LmsError(f"no quiz banks to export in {QUIZ_DIR}")
    outputs: list[tuple[Path, bytes]] = []
    for path in paths:  # every bank is exported and checked before any file is written
        bank, name = load_bank(path), path.stem
        files = canvas_files(bank, name)
        check_canvas(files, f"{name} (Canvas)")
        moodle = moodle_xml(bank, name)
        check_moodle(moodle, f"{name} (Moodle)")
        outputs += [(Path(out_dir) / "canvas" / f"{name}.zip", zip_bytes(files)),
                    (Path(out_dir) / "moodle" / f"{name}.xml", moodle)]
    for target, data in outputs:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return [target for target, _ in outputs]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m coursekit.lms", description=__doc__.split("\n")[0])
    parser.add_argument("banks", nargs="*", type=Path, help="bank files (default: every chapters/quizzes/*.yml)")
    parser.add_argument("--out", type=Path, default=OUT_DIR, help="output folder (default: release/lms)")
    args = parser.parse_args(argv)
    try:
        written = export(args.banks or None, args.out)
    except QuizError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    for path in written:
        try:
            print(path.resolve().relative_to(Path.cwd()))
        except ValueError:
            print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
