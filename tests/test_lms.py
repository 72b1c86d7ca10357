"""The LMS exports (coursekit.lms) carry each bank whole, and a broken export is caught.

Each bank in chapters/quizzes/ is exported to a Canvas QTI 1.2 package and to Moodle XML. The
tests read every export back with the standard library, the way each LMS's importer reads it
(Canvas: the exact answer and the margin of a numerical question, the correct answers named in
the scoring condition; Moodle: the grade of each answer, the tolerance of a numerical answer),
and compare what they read with the bank: the same questions in the same order, the same
answers with the same correctness and feedback, the same accepted interval of every number and
the numbers from the data filled in. The QTI is also validated against IMS's published DTD for
QTI 1.2.1, which the test takes from the pyslet source distribution on PyPI.
"""
from __future__ import annotations

import copy
import hashlib
import math
import re
import subprocess
import sys
import tarfile
import tempfile
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
import yaml

from coursekit import lms, measures
from coursekit.quiz import MESSAGES, QUIZ_DIR, answer_key, arrange, load_bank, validate_bank

BANKS = sorted(QUIZ_DIR.glob("*.yml"))
QTI = "{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}"

# The mapping the exports must follow (the brief of the export, not the module's own table).
CANVAS_TYPE_OF = {"multiple_choice_question": "multiple_choice", "multiple_answers_question": "many_choice",
                  "numerical_question": "numeric", "short_answer_question": "string"}


def test_there_are_banks_to_export():
    assert BANKS, f"no quiz banks in {QUIZ_DIR}"


# ----------------------------------------------------------------------------- what the bank says

def shown(value) -> str:
    """A table cell as the quiz shows it: numbers with thousands separators."""
    return f"{value:,}" if isinstance(value, (int, float)) and not isinstance(value, bool) else str(value)


def expected(bank: dict, values=None) -> list[dict]:
    """Each question of a loaded bank, in the terms an export is read back in."""
    out = []
    for q, k in zip(bank["questions"], answer_key(bank, values)):
        table = q.get("table")
        record = {"id": q["id"], "type": q["type"], "question": q["question"], "explanation": q["explanation"],
                  "table": None if not table else
                  (table.get("caption") or None, [shown(c) for c in table["columns"]],
                   [[shown(v) for v in row] for row in table["rows"]])}
        if q["type"] == "numeric":
            record.update(lo=k["lo"], hi=k["hi"], unit=q.get("unit"), feedback_correct=q["feedback_correct"],
                          feedback_incorrect=q["feedback_incorrect"])
        else:
            record["answers"] = [(str(a["answer"]), bool(a["correct"]), a["feedback"]) for a in q["answers"]]
        if q["type"] == "many_choice":
            record["feedback_incorrect"] = MESSAGES["many_partial"]
        out.append(record)
    return out


# ----------------------------------------------------------------------------- reading exports back

def fragment(html_text: str) -> ET.Element:
    return ET.fromstring(f"<div>{html_text}</div>")


def plain(html_text: str | None) -> str:
    return "".join(fragment(html_text or "").itertext()).strip()


def question_parts(html_text: str) -> dict:
    """The question, its table and (for a number) the unit, from an exported question text."""
    root = fragment(html_text)
    paragraphs = root.findall("p")
    table = root.find("table")
    parts = {"question": "".join(paragraphs[0].itertext()) if paragraphs else None, "table": None}
    if table is not None:
        caption = table.find("caption")
        parts["table"] = ("".join(caption.itertext()) if caption is not None else None,
                          ["".join(th.itertext()) for th in table.iterfind("thead/tr/th")],
                          [["".join(td.itertext()) for td in tr.iterfind("td")] for tr in table.iterfind("tbody/tr")])
    if len(paragraphs) > 1:
        hint = re.fullmatch(r"Type a number(?: \((.+)\))?\.", "".join(paragraphs[-1].itertext()))
        parts["unit"] = hint.group(1) if hint else f"(unreadable hint: {''.join(paragraphs[-1].itertext())!r})"
    return parts


def qti_of(files: dict[str, bytes]) -> tuple[str, bytes]:
    manifest = ET.fromstring(files["imsmanifest.xml"])
    cp = "{http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1}"
    resource = manifest.find(f"{cp}resources/{cp}resource[@type='imsqti_xmlv1p2']")
    href = resource.find(f"{cp}file").get("href")
    return href, files[href]


def read_canvas(files: dict[str, bytes]) -> list[dict]:
    """The questions of a Canvas package as Canvas reads them."""
    out = []
    for item in ET.fromstring(qti_of(files)[1]).iter(f"{QTI}item"):
        fields = {f.findtext(f"{QTI}fieldlabel"): f.findtext(f"{QTI}fieldentry") for f in item.iter(f"{QTI}qtimetadatafield")}
        kind = CANVAS_TYPE_OF.get(fields.get("question_type"), fields.get("question_type"))
        feedback = {f.get("ident"): f.find(f".//{QTI}mattext").text for f in item.iter(f"{QTI}itemfeedback")}
        record = {"id": item.get("title"), "type": kind, "explanation": plain(feedback.get("general_fb"))}
        record.update(question_parts(item.find(f"{QTI}presentation/{QTI}material/{QTI}mattext").text))
        conditions = list(item.iter(f"{QTI}respcondition"))
        scoring = [c for c in conditions if any(s.get("varname") == "SCORE" and (s.text or "").strip() == "100"
                                                for s in c.iter(f"{QTI}setvar"))]
        score = scoring[0].find(f"{QTI}conditionvar") if scoring else ET.Element("none")
        if kind in {"multiple_choice", "many_choice"}:
            negated = {id(e) for n in score.iter(f"{QTI}not") for e in n.iter(f"{QTI}varequal")}
            right = {e.text for e in score.iter(f"{QTI}varequal") if id(e) not in negated}
            shows = {c.findtext(f"{QTI}conditionvar/{QTI}varequal"): c.find(f"{QTI}displayfeedback").get("linkrefid")
                     for c in conditions if c.find(f"{QTI}displayfeedback") is not None}
            record["answers"] = [(plain(lab.find(f"{QTI}material/{QTI}mattext").text), lab.get("ident") in right,
                                  plain(feedback.get(shows.get(lab.get("ident")))))
                                 for lab in item.iter(f"{QTI}response_label")]
        elif kind == "numeric":
            exact = score.find(f"{QTI}or/{QTI}varequal")
            upper = score.find(f".//{QTI}varlte")
            if exact is not None:  # Canvas keeps the exact answer and its margin, the upper bound minus it
                value = float(exact.text)
                margin = float(upper.text) - value if upper is not None and score.find(f"{QTI}or/{QTI}and") is not None else 0.0
                record.update(lo=value - margin, hi=value + margin, value=value)
            else:
                lower = score.find(f".//{QTI}vargte")
                record.update(lo=float(lower.text) if lower is not None else None,
                              hi=float(upper.text) if upper is not None else None)
            record["feedback_correct"] = plain(feedback.get("correct_fb"))
            record["feedback_incorrect"] = plain(feedback.get("general_incorrect_fb"))
        elif kind == "string":
            record["answers"] = [(e.text, True, plain(feedback.get("correct_fb"))) for e in score.iter(f"{QTI}varequal")]
        if kind == "many_choice":
            record["feedback_incorrect"] = plain(feedback.get("general_incorrect_fb"))
        out.append(record)
    return out


def read_moodle(data: bytes) -> list[dict]:
    """The questions of a Moodle XML file as Moodle's importer reads them."""
    out = []
    for q in ET.fromstring(data).iterfind("question"):
        moodle = q.get("type")
        if moodle == "category":
            continue
        single = (q.findtext("single") or "true").strip() == "true"
        kind = {"numerical": "numeric", "shortanswer": "string"}.get(moodle) or (
            "multiple_choice" if single else "many_choice")
        record = {"id": (q.findtext("idnumber") or "").rsplit("/", 1)[-1], "type": kind,
                  "explanation": plain(q.findtext("generalfeedback/text"))}
        record.update(question_parts(q.findtext("questiontext/text")))
        answers = q.findall("answer")
        if kind == "numeric":
            right = [a for a in answers if a.get("fraction") == "100"]
            other = [a for a in answers if (a.findtext("text") or "").strip() == "*"]
            if right:
                value = float(right[0].findtext("text"))
                tolerance = float(right[0].findtext("tolerance") or 0)  # the importer's default: 0
                record.update(lo=value - tolerance, hi=value + tolerance, value=value)
                record["feedback_correct"] = plain(right[0].findtext("feedback/text"))
            record["feedback_incorrect"] = plain(other[0].findtext("feedback/text")) if other else None
        elif kind == "string":
            record["answers"] = [((a.findtext("text") or "").replace(r"\*", "*"), float(a.get("fraction")) == 100,
                                  plain(a.findtext("feedback/text"))) for a in answers]
        else:
            record["answers"] = [(plain(a.findtext("text")), float(a.get("fraction")) > 0, plain(a.findtext("feedback/text")))
                                 for a in answers]
        if kind == "many_choice":
            record["feedback_incorrect"] = plain(q.findtext("incorrectfeedback/text"))
        out.append(record)
    return out


def differences(exported: list[dict], bank: list[dict]) -> list[str]:
    """Every way an export read back differs from its bank, each naming the question."""
    found = []
    got = {r["id"]: r for r in exported}
    for e in bank:
        r = got.get(e["id"])
        where = f"question '{e['id']}'"
        if r is None:
            found.append(f"{where} is missing from the export")
            continue
        for field in sorted((set(e) | set(r)) - {"id", "answers", "lo", "hi", "value"}):
            if r.get(field) != e.get(field):
                found.append(f"{where}: {field} is {r.get(field)!r} in the export, {e.get(field)!r} in the bank")
        if "answers" in e or "answers" in r:
            mine, theirs = r.get("answers") or [], e.get("answers") or []
            if len(mine) != len(theirs):
                found.append(f"{where}: {len(mine)} answers in the export, {len(theirs)} in the bank")
            for n, (a, b) in enumerate(zip(mine, theirs), start=1):
                if a[0] != b[0]:
                    found.append(f"{where}: answer {n} reads {a[0]!r} in the export, {b[0]!r} in the bank")
                if a[1] != b[1]:
                    found.append(f"{where}: answer {n} is marked {'correct' if a[1] else 'wrong'} in the export "
                                 f"but {'correct' if b[1] else 'wrong'} in the bank")
                if a[2] != b[2]:
                    found.append(f"{where}: the feedback of answer {n} is {a[2]!r} in the export, {b[2]!r} in the bank")
        if "lo" in e:
            lo, hi = r.get("lo"), r.get("hi")
            same = lo is not None and hi is not None and all(
                math.isclose(x, y, rel_tol=1e-12, abs_tol=1e-12) for x, y in ((lo, e["lo"]), (hi, e["hi"])))
            if not same:
                found.append(f"{where}: the export accepts [{lo}, {hi}], the bank [{e['lo']}, {e['hi']}]")
    for extra in [r["id"] for r in exported if r["id"] not in {e["id"] for e in bank}]:
        found.append(f"question '{extra}' is in the export but not in the bank")
    if not found and [r["id"] for r in exported] != [e["id"] for e in bank]:
        found.append("the questions are in another order than the bank's")
    return found


# ----------------------------------------------------------------------------- the exports

@pytest.fixture(scope="module")
def exports() -> dict[str, tuple[dict, dict[str, bytes], bytes]]:
    """Each bank (loaded as the book loads it), its Canvas files and its Moodle XML."""
    out = {}
    for path in BANKS:
        bank = load_bank(path)
        out[path.stem] = (bank, lms.canvas_files(bank, path.stem), lms.moodle_xml(bank, path.stem))
    return out


@pytest.mark.parametrize("name", [p.stem for p in BANKS])
def test_the_canvas_export_carries_the_whole_bank(exports, name):
    bank, files, _ = exports[name]
    lms.check_canvas(files, name)
    assert differences(read_canvas(files), expected(bank)) == []


@pytest.mark.parametrize("name", [p.stem for p in BANKS])
def test_the_moodle_export_carries_the_whole_bank(exports, name):
    bank, _, moodle = exports[name]
    lms.check_moodle(moodle, name)
    assert differences(read_moodle(moodle), expected(bank)) == []


PLACEHOLDER = re.compile(r"\{(ch\d+\.[a-z][a-z0-9_]*)(?::([^{}]*))?\}")


@pytest.mark.parametrize("name", [p.stem for p in BANKS])
def test_numbers_from_the_data_are_filled_in(exports, name):
    """Every placeholder of the bank's file is, in both exports, the measure's value as the
    placeholder formats it; every value_key answer is the measure's value (times its scale)."""
    raw = yaml.safe_load((QUIZ_DIR / f"{name}.yml").read_text(encoding="utf-8"))
    _, files, moodle = exports[name]
    readers = {"Canvas": read_canvas(files), "Moodle": read_moodle(moodle)}
    exported_text = {"Canvas": qti_of(files)[1].decode("utf-8"), "Moodle": moodle.decode("utf-8")}
    checked = 0
    for where, text in exported_text.items():
        assert not PLACEHOLDER.search(text), f"{where}: an unfilled placeholder {PLACEHOLDER.search(text).group(0)}"
    def strings(node):
        if isinstance(node, str):
            yield node
        elif isinstance(node, dict):
            for value in node.values():
                yield from strings(value)
        elif isinstance(node, (list, tuple)):
            for value in node:
                yield from strings(value)

    for q in raw["questions"]:
        wanted = [format(measures.resolve(m[1]), m[2] or "") for piece in strings(q) for m in PLACEHOLDER.finditer(piece)]
        for where, records in readers.items():
            record = next(r for r in records if r["id"] == q["id"])
            seen = " | ".join(strings(record))
            for value in wanted:
                assert value in seen, f"{where}, question '{q['id']}': {value} (from the data) is not in the export"
                checked += 1
            if "value_key" in q:
                value = float(measures.resolve(q["value_key"])) * float(q.get("scale", 1))
                if "precision" in q:  # the export accepts the rounded value's interval
                    assert record["lo"] <= value <= record["hi"], \
                        f"{where}, question '{q['id']}': the data give {value}, outside [{record['lo']}, {record['hi']}]"
                else:
                    assert math.isclose(record["value"], value, rel_tol=1e-12), \
                        f"{where}, question '{q['id']}': the answer is {record['value']}, the data give {value}"
                checked += 1
    assert checked, f"{name}: the bank takes no number from the data, so this test checks nothing"


def test_the_exports_are_the_same_on_every_run(exports):
    name = BANKS[0].stem
    bank, files, moodle = exports[name]
    assert lms.zip_bytes(lms.canvas_files(bank, name)) == lms.zip_bytes(files)
    assert lms.moodle_xml(bank, name) == moodle


# ----------------------------------------------------------------------------- the published DTD

PYSLET = "pyslet==0.7.20170805"
DTD_MEMBER = "pyslet-0.7.20170805/unittests/data_imsqtiv1p2p1/ims_qtiasiv1p2p1.dtd"
DTD_SHA256 = "c991ca648247cde8f228500a4ffb7e3578505c451f54150f43258b7f1ab445bd"
SCHEMA_CACHE = Path(sys.prefix) / "share" / "cooperation-at-the-border"


@pytest.fixture(scope="session")
def qti_dtd():
    """IMS's DTD for QTI 1.2.1 (ASI, final release of 14 February 2003), as the pyslet source
    distribution on PyPI ships it; downloaded once into the venv and checked by its hash."""
    from lxml import etree

    target = SCHEMA_CACHE / "ims_qtiasiv1p2p1.dtd"
    if not target.is_file() or hashlib.sha256(target.read_bytes()).hexdigest() != DTD_SHA256:
        with tempfile.TemporaryDirectory() as tmp:
            proc = subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--no-binary",
                                   ":all:", PYSLET, "-d", tmp], capture_output=True, text=True)
            if proc.returncode != 0:
                pytest.fail(f"could not download {PYSLET} from PyPI for IMS's QTI DTD:\n{proc.stderr[-2000:]}")
            with tarfile.open(next(Path(tmp).glob("pyslet-*.tar.gz"))) as sdist:
                data = sdist.extractfile(DTD_MEMBER).read()
        assert hashlib.sha256(data).hexdigest() == DTD_SHA256, f"{PYSLET} ships another {DTD_MEMBER} than expected"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return etree.DTD(str(target))


def dtd_errors(dtd, data: bytes) -> list[str]:
    """The DTD's errors for a QTI file. The DTD predates XML namespaces, so the copy validated
    has its elements out of the QTI namespace and no namespace or schema-location attributes;
    every element, attribute and text is as exported."""
    from lxml import etree

    root = etree.fromstring(data)
    for node in root.iter():
        if isinstance(node.tag, str) and node.tag.startswith(QTI):
            node.tag = node.tag[len(QTI):]
    root.attrib.clear()
    etree.cleanup_namespaces(root)
    return [] if dtd.validate(root) else [e.message for e in dtd.error_log.filter_from_errors()]


@pytest.mark.parametrize("name", [p.stem for p in BANKS])
def test_the_qti_is_valid_against_ims_published_dtd(exports, qti_dtd, name):
    assert dtd_errors(qti_dtd, qti_of(exports[name][1])[1]) == []


def test_the_dtd_rejects_a_misordered_response_condition(exports, qti_dtd):
    root = ET.fromstring(qti_of(exports[BANKS[0].stem][1])[1])
    condition = next(root.iter(f"{QTI}respcondition"))
    var = condition.find(f"{QTI}conditionvar")
    condition.remove(var)
    condition.append(var)  # conditionvar after displayfeedback
    errors = dtd_errors(qti_dtd, ET.tostring(root))
    assert any("respcondition" in e for e in errors), errors


# ----------------------------------------------------------------------------- broken exports fail

def canvas_edit(files: dict[str, bytes], edit) -> dict[str, bytes]:
    href, data = qti_of(files)
    root = ET.fromstring(data)
    edit(root)
    return {**files, href: ET.tostring(root, encoding="utf-8")}


def moodle_edit(data: bytes, edit) -> bytes:
    root = ET.fromstring(data)
    edit(root)
    return ET.tostring(root, encoding="utf-8")


def first(root: ET.Element, kind: str) -> ET.Element:
    """The first Canvas item of a question type."""
    return next(i for i in root.iter(f"{QTI}item") if any(e.text == kind for e in i.iter(f"{QTI}fieldentry")))


def scoring(item: ET.Element) -> ET.Element:
    return next(c for c in item.iter(f"{QTI}respcondition") if c.find(f"{QTI}setvar") is not None)


def moodle_first(root: ET.Element, kind: str, single: str | None = None) -> ET.Element:
    return next(q for q in root.iterfind("question") if q.get("type") == kind
                and (single is None or q.findtext("single") == single))


def canvas_flip(root):
    item = first(root, "multiple_choice_question")
    idents = [lab.get("ident") for lab in item.iter(f"{QTI}response_label")]
    chosen = scoring(item).find(f"{QTI}conditionvar/{QTI}varequal")
    chosen.text = next(i for i in idents if i != chosen.text)


def moodle_flip(root):
    q = moodle_first(root, "multichoice", "true")
    right, wrong = (next(a for a in q.iterfind("answer") if a.get("fraction") == f) for f in ("100", "0"))
    right.set("fraction", "0")
    wrong.set("fraction", "100")


def canvas_drop_tolerance(root):
    either = scoring(first(root, "numerical_question")).find(f"{QTI}conditionvar/{QTI}or")
    either.remove(either.find(f"{QTI}and"))


def moodle_drop_tolerance(root):
    answer = next(a for a in moodle_first(root, "numerical").iterfind("answer") if a.get("fraction") == "100")
    answer.remove(answer.find("tolerance"))


def canvas_drop_question(root):
    section = next(root.iter(f"{QTI}section"))
    section.remove(section.findall(f"{QTI}item")[1])


def moodle_drop_question(root):
    root.remove([q for q in root.iterfind("question") if q.get("type") != "category"][1])


def canvas_change_feedback(root):
    item = first(root, "multiple_answers_question")
    label = next(item.iter(f"{QTI}response_label")).get("ident")
    for f in list(item.iterfind(f"{QTI}itemfeedback")):
        if f.get("ident") == f"{label}_fb":
            f.find(f".//{QTI}mattext").text = "<p>Something else.</p>"


def moodle_change_feedback(root):
    answer = moodle_first(root, "multichoice", "false").find("answer")
    answer.find("feedback/text").text = "<p>Something else.</p>"


def question_id(root: ET.Element, fmt: str, kind: str, index: int | None = None, single: str | None = None) -> str:
    if fmt == "canvas":
        items = root.findall(f".//{QTI}item")
        return (items[index] if index is not None else first(root, kind)).get("title")
    questions = [q for q in root.iterfind("question") if q.get("type") != "category"]
    q = questions[index] if index is not None else moodle_first(root, kind, single)
    return q.findtext("idnumber").rsplit("/", 1)[-1]


BROKEN = [
    ("canvas", canvas_flip, ("multiple_choice_question", None, None), "is marked correct in the export but wrong in the bank"),
    ("moodle", moodle_flip, ("multichoice", None, "true"), "is marked correct in the export but wrong in the bank"),
    ("canvas", canvas_drop_tolerance, ("numerical_question", None, None), "the export accepts ["),
    ("moodle", moodle_drop_tolerance, ("numerical", None, None), "the export accepts ["),
    ("canvas", canvas_drop_question, (None, 1, None), "is missing from the export"),
    ("moodle", moodle_drop_question, (None, 1, None), "is missing from the export"),
    ("canvas", canvas_change_feedback, ("multiple_answers_question", None, None), "the feedback of answer 1 is"),
    ("moodle", moodle_change_feedback, ("multichoice", None, "false"), "the feedback of answer 1 is"),
]


@pytest.mark.parametrize("fmt, edit, target, message", BROKEN,
                         ids=[f"{fmt}-{edit.__name__.split('_', 1)[1]}" for fmt, edit, _, _ in BROKEN])
def test_a_broken_export_fails_the_round_trip_naming_the_question(exports, fmt, edit, target, message):
    bank, files, moodle = exports[BANKS[0].stem]
    if fmt == "canvas":
        qid = question_id(ET.fromstring(qti_of(files)[1]), fmt, *target)
        found = differences(read_canvas(canvas_edit(files, edit)), expected(bank))
    else:
        qid = question_id(ET.fromstring(moodle), fmt, *target)
        found = differences(read_moodle(moodle_edit(moodle, edit)), expected(bank))
    assert any(f"question '{qid}'" in f and message in f for f in found), found


# ----------------------------------------------------------------------------- the structural checks

STRUCTURE = [
    ("a feedback that no itemfeedback holds",
     lambda r: [i.remove(i.findall(f"{QTI}itemfeedback")[1]) for i in [first(r, "multiple_choice_question")]],
     "which no itemfeedback has"),
    ("an unknown question type",
     lambda r: [setattr(e, "text", "matching_question") for e in first(r, "numerical_question").iter(f"{QTI}fieldentry")
                if e.text == "numerical_question"],
     "metadata question_type is 'matching_question'"),
    ("a correct answer that names no answer",
     lambda r: setattr(scoring(first(r, "multiple_choice_question")).find(f"{QTI}conditionvar/{QTI}varequal"), "text", "nowhere"),
     "varequal names 'nowhere'"),
    ("a numerical answer without bounds",
     lambda r: [c.remove(c.find(f"{QTI}or")) for c in [scoring(first(r, "numerical_question")).find(f"{QTI}conditionvar")]],
     "needs a vargte and a varlte bound"),
    ("no question text",
     lambda r: [p.remove(p.find(f"{QTI}material")) for p in [first(r, "multiple_answers_question").find(f"{QTI}presentation")]],
     "the question text (presentation/material/mattext) is missing"),
]


@pytest.mark.parametrize("edit, message", [s[1:] for s in STRUCTURE], ids=[s[0] for s in STRUCTURE])
def test_the_canvas_check_names_what_is_wrong(exports, edit, message):
    files = exports[BANKS[0].stem][1]
    with pytest.raises(lms.LmsError, match=re.escape(message)):
        lms.check_canvas(canvas_edit(files, edit))


def test_the_canvas_check_wants_every_file_of_the_manifest(exports):
    files = dict(exports[BANKS[0].stem][1])
    meta = next(p for p in files if p.endswith("/assessment_meta.xml"))
    del files[meta]
    with pytest.raises(lms.LmsError, match=f"imsmanifest.xml names {re.escape(meta)}, which the package lacks"):
        lms.check_canvas(files)


def _set_grade(root, grade):
    moodle_first(root, "multichoice", "false").find("answer").set("fraction", grade)


MOODLE_STRUCTURE = [
    ("a grade outside Moodle's list", lambda r: _set_grade(r, "37"), "has grade '37', which is not in Moodle's list"),
    ("a numerical answer without tolerance", moodle_drop_tolerance, "has no tolerance"),
    ("two right answers to a single-answer question",
     lambda r: [a.set("fraction", "100") for a in moodle_first(r, "multichoice", "true").iterfind("answer")],
     "needs exactly one answer graded 100"),
    ("grades of a multiple-answer question that do not add up",
     lambda r: [a.set("fraction", "50") for a in moodle_first(r, "multichoice", "false").iterfind("answer")
                if float(a.get("fraction")) > 0],
     "the grades of the correct answers add up to"),
    ("no question text", lambda r: moodle_first(r, "numerical").remove(moodle_first(r, "numerical").find("questiontext")),
     "questiontext (format 'html') with a text is missing"),
]


@pytest.mark.parametrize("edit, message", [s[1:] for s in MOODLE_STRUCTURE], ids=[s[0] for s in MOODLE_STRUCTURE])
def test_the_moodle_check_names_what_is_wrong(exports, edit, message):
    with pytest.raises(lms.LmsError, match=re.escape(message)):
        lms.check_moodle(moodle_edit(exports[BANKS[0].stem][2], edit))


# ----------------------------------------------------------------------------- every type, and refusals

DEMO = {
    "title": "Demo quiz",
    "questions": [
        {"id": "north", "level": "remember", "question": "Which country borders Guatemala to the north?",
         "type": "multiple_choice", "objective": "1.1", "explanation": "See section 1.1.",
         "answers": [{"answer": "Mexico", "correct": True, "feedback": "Mexico lies to the north."},
                     {"answer": "Belize only", "correct": False, "feedback": "Belize is to the east."}]},
        {"id": "triangle", "level": "remember", "question": "Which are Northern Triangle countries? 'Quotes' & <tags>",
         "type": "many_choice", "objective": "1.2", "explanation": "See section 1.2.",
         "table": {"caption": "A table", "columns": ["Country", "Removals"], "rows": [["Honduras", 1234], ["Panama", "5,678"]]},
         "answers": [{"answer": "Honduras", "correct": True, "feedback": "Honduras is one."},
                     {"answer": "Guatemala", "correct": True, "feedback": "Guatemala is one."},
                     {"answer": "Panama", "correct": False, "feedback": "Panama is not."}]},
        {"id": "in-range", "level": "apply", "question": "A number in a range.", "type": "numeric", "objective": "1.3",
         "explanation": "See section 1.3.", "value": 5, "range": [4, 6.5], "unit": "%",
         "feedback_correct": "In range.", "feedback_incorrect": "Out of range."},
        {"id": "to-precision", "level": "apply", "question": "A number to three digits.", "type": "numeric",
         "objective": "1.3", "explanation": "See section 1.3.", "value": 1234.5678, "precision": 3,
         "feedback_correct": "Close enough.", "feedback_incorrect": "Round to three digits."},
        {"id": "exactly", "level": "apply", "question": "An exact number.", "type": "numeric", "objective": "1.3",
         "explanation": "See section 1.3.", "value": 0.1, "tolerance": 0.05,
         "feedback_correct": "A tenth it is.", "feedback_incorrect": "Write a tenth."},
        {"id": "agency", "level": "remember", "question": "Name the agency.", "type": "string", "objective": "1.4",
         "explanation": "See section 1.4.",
         "answers": [{"answer": "COMAR", "correct": True, "feedback": "COMAR decides asylum claims."},
                     {"answer": "the COMAR*", "correct": True, "feedback": "COMAR decides asylum claims."}]},
    ],
}


def demo(bank=DEMO) -> dict:
    bank = copy.deepcopy(bank)
    validate_bank(bank, "demo")
    return arrange(bank)


@pytest.mark.parametrize("fmt", ["canvas", "moodle"])
def test_every_question_type_survives_the_round_trip(fmt):
    bank = demo()
    if fmt == "canvas":
        files = lms.canvas_files(bank, "demo")
        lms.check_canvas(files)
        exported = read_canvas(files)
    else:
        data = lms.moodle_xml(bank, "demo")
        lms.check_moodle(data)
        exported = read_moodle(data)
    assert differences(exported, expected(bank)) == []
    assert {r["type"] for r in exported} == {"multiple_choice", "many_choice", "numeric", "string"}


def test_a_question_type_without_a_counterpart_is_refused_by_name():
    bank = demo()
    bank["questions"][0]["type"] = "matching"
    for export in (lms.canvas_files, lms.moodle_xml):
        with pytest.raises(lms.LmsError, match=r"demo: question 1 \('north'\): question type 'matching'"):
            export(bank, "demo")


def test_canvas_refuses_a_short_answer_with_wrong_answers_and_moodle_keeps_them():
    bank = copy.deepcopy(DEMO)
    bank["questions"][5]["answers"][1] = {"answer": "INM", "correct": False, "feedback": "INM enforces; it does not decide."}
    bank = demo(bank)
    with pytest.raises(lms.LmsError, match=r"question 6 \('agency'\): Canvas short-answer questions keep only correct"):
        lms.canvas_files(bank, "demo")
    data = lms.moodle_xml(bank, "demo")
    lms.check_moodle(data)
    assert differences(read_moodle(data), expected(bank)) == []


def test_moodle_refuses_more_correct_answers_than_its_grades_can_share():
    bank = copy.deepcopy(DEMO)
    bank["questions"][1]["answers"] = [{"answer": f"Option {i}", "correct": i < 11, "feedback": f"Feedback {i}."}
                                       for i in range(12)]
    with pytest.raises(lms.LmsError, match=r"question 2 \('triangle'\): Moodle's grades have no share of 1/11"):
        lms.moodle_xml(demo(bank), "demo")


def test_a_placeholder_left_unfilled_is_refused():
    bank = demo()
    bank["questions"][0]["question"] = "How many in {ch10.total:,}?"
    with pytest.raises(lms.LmsError, match=r"question 1 \('north'\): the placeholder \{ch10.total:,\} was not filled"):
        lms.canvas_files(bank, "demo")


# ----------------------------------------------------------------------------- the command (make lms)

def run_lms(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "coursekit.lms", *args], capture_output=True, text=True)


def test_the_command_writes_both_exports_of_every_bank(tmp_path):
    proc = run_lms("--out", str(tmp_path))
    assert proc.returncode == 0, proc.stderr
    for path in BANKS:
        with zipfile.ZipFile(tmp_path / "canvas" / f"{path.stem}.zip") as archive:
            files = {n: archive.read(n) for n in archive.namelist()}
        lms.check_canvas(files, path.stem)
        assert differences(read_canvas(files), expected(load_bank(path))) == []
        data = (tmp_path / "moodle" / f"{path.stem}.xml").read_bytes()
        assert differences(read_moodle(data), expected(load_bank(path))) == []


def test_a_new_bank_exports_with_no_change_to_the_code(tmp_path):
    """A bank that is not one of the chapters' (as a new chapter's would be) exports as they do."""
    new = {"title": "Check your understanding: a new chapter", "chapter": "09_new",
           "questions": [
               {"id": "share", "level": "apply", "type": "numeric", "objective": "9.1",
                "question": "FY2017 had {ch01.usbp_fy2017_total:,} apprehensions. What share were Northern Triangle nationals?",
                "value_key": "ch01.nt_share_2017", "scale": 100, "tolerance": 0.5, "unit": "%",
                "feedback_correct": "It was {ch01.nt_share_2017:.1%}.", "feedback_incorrect": "Divide by the total.",
                "explanation": "Section 9.1."},
               {"id": "pick", "level": "remember", "type": "multiple_choice", "objective": "9.1",
                "question": "Which year?", "explanation": "Section 9.1.",
                "answers": [{"answer": "FY2017", "correct": True, "feedback": "The table's year."},
                            {"answer": "FY2019", "correct": False, "feedback": "Another year."}]}]}
    path = tmp_path / "09_new.yml"
    path.write_text(yaml.safe_dump(new, sort_keys=False, allow_unicode=True), encoding="utf-8")
    proc = run_lms("--out", str(tmp_path / "out"), str(path))
    assert proc.returncode == 0, proc.stderr
    with zipfile.ZipFile(tmp_path / "out" / "canvas" / "09_new.zip") as archive:
        files = {n: archive.read(n) for n in archive.namelist()}
    assert differences(read_canvas(files), expected(load_bank(path))) == []
    assert differences(read_moodle((tmp_path / "out" / "moodle" / "09_new.xml").read_bytes()),
                       expected(load_bank(path))) == []


def test_the_command_reports_a_bank_it_cannot_export(tmp_path):
    bank = copy.deepcopy(DEMO)
    bank["questions"][5]["answers"][1] = {"answer": "INM", "correct": False, "feedback": "INM enforces."}
    path = tmp_path / "demo.yml"
    path.write_text(yaml.safe_dump(bank, sort_keys=False), encoding="utf-8")
    proc = run_lms("--out", str(tmp_path / "out"), str(path))
    assert proc.returncode == 1
    assert "demo: question 6 ('agency'): Canvas short-answer questions" in proc.stderr
    assert not (tmp_path / "out").exists(), "a bank that cannot be exported left files behind"
