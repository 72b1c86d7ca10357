"""The Python quiz grader, function by function: how a response picks an option, how typed
numbers and text are read, which interval a numeric question accepts, and what the student reads.

tests/test_quiz.py holds both graders to the shared table of grading cases; these tests pin the
grading code's own rules, including responses only one path produces (the page's form sends
option numbers as strings, JSON may turn them into floats). They are also the fast tests
``make mutation`` (benchmarks/mutation.py) runs first against each mutant of coursekit/quiz.py.
"""
from __future__ import annotations

import math

import pytest

from coursekit import measures
from coursekit.quiz import (MESSAGES, QuizError, Verdict, _interval, _numeric_value, _option, answer_key,
                            feedback_text, grade, normalise_text, parse_number, typed)

NOT_AN_OPTION = MESSAGES["not_an_option"]

CHOICE = {"type": "multiple_choice", "explanation": "See section 2.1.",
          "answers": [{"answer": "COMAR", "correct": True, "feedback": "COMAR decides claims."},
                      {"answer": "INM", "correct": False, "feedback": "INM enforces migration law."},
                      {"answer": "CBP", "correct": False, "feedback": "CBP is a US agency."}]}
MANY = {"type": "many_choice", "explanation": "See section 2.2.",
        "answers": [{"answer": "Honduras", "correct": True, "feedback": "Honduras is one."},
                    {"answer": "Panama", "correct": False, "feedback": "Panama is not."},
                    {"answer": "Guatemala", "correct": True, "feedback": "Guatemala is one."},
                    {"answer": "Belize", "correct": False, "feedback": "Belize is not."}]}
NUMERIC = {"type": "numeric", "explanation": "See section 2.3.", "value": -12.5, "tolerance": 0.5,
           "feedback_correct": "A fall of about an eighth.", "feedback_incorrect": "Divide, then subtract 1."}
TEXT = {"type": "string", "explanation": "See section 2.4.",
        "answers": [{"answer": "COMAR", "correct": True, "feedback": "COMAR is the refugee agency."},
                    {"answer": "Comisión Mexicana de Ayuda a Refugiados", "correct": True,
                     "feedback": "That is COMAR's full name."},
                    {"answer": "INM", "correct": False, "feedback": "INM is the migration institute."}]}


def key_of(*questions: dict, values=None) -> list[dict]:
    return answer_key({"title": "Grader", "questions": list(questions)}, values)


(CHOICE_KEY, MANY_KEY, NUMERIC_KEY, TEXT_KEY) = key_of(CHOICE, MANY, NUMERIC, TEXT)


# --- which option a response picks ------------------------------------------------------------

OPTION_CASES = {
    # what the widget sends: an int
    "int-first": (0, 0),
    "int-last": (2, 2),
    "int-one-past-the-end": (3, None),
    "int-negative": (-1, None),
    # what the page's form sends: the input's value, a string of digits
    "digit-string": ("1", 1),
    "digit-string-with-spaces": (" 2 ", 2),
    "digit-string-leading-zero": ("01", 1),
    "digit-string-out-of-range": ("3", None),
    "signed-string": ("-1", None),
    "plus-string": ("+1", None),
    "decimal-string": ("1.0", None),
    "word": ("one", None),
    "blank-string": ("  ", None),
    # what a JSON round trip can make of an option number
    "integral-float": (1.0, 1),
    "fractional-float": (1.5, None),
    "fractional-float-below-one": (0.5, None),
    # never an option, although Python counts True as 1 and False as 0
    "true": (True, None),
    "false": (False, None),
    "none": (None, None),
    "list": ([1], None),
}


@pytest.mark.parametrize("response, expected", OPTION_CASES.values(), ids=OPTION_CASES.keys())
def test_option_picked_by_a_response_among_three(response, expected):
    assert _option(response, 3) == expected


@pytest.mark.parametrize("response, correct, feedback", [
    ("0", True, "COMAR decides claims."),
    ("2", False, "CBP is a US agency."),
    (" 1\n", False, "INM enforces migration law."),
    (0.0, True, "COMAR decides claims."),
    (2.0, False, "CBP is a US agency."),
], ids=["string-right", "string-wrong", "string-with-newline", "float-right", "float-wrong"])
def test_single_choice_reads_the_form_s_strings_and_integral_floats(response, correct, feedback):
    assert grade(CHOICE_KEY, response) == Verdict(correct, feedback)


@pytest.mark.parametrize("response", ["1.0", "1.5", 1.5, True, False, "abc", " ", [0], {"0": 1}],
                         ids=["decimal-string", "fraction-string", "fraction", "true", "false", "word",
                              "blank", "list", "dict"])
def test_single_choice_refuses_what_names_no_option(response):
    assert grade(CHOICE_KEY, response) == Verdict(None, NOT_AN_OPTION)


@pytest.mark.parametrize("response", [None, ""], ids=["none", "empty-string"])
def test_single_choice_without_a_choice_asks_for_one(response):
    assert grade(CHOICE_KEY, response) == Verdict(None, MESSAGES["empty_choice"])


# --- every answer that applies ----------------------------------------------------------------

PARTIAL = MESSAGES["many_partial"]

MANY_CASES = {
    "exact-set": ([0, 2], Verdict(True, "Honduras is one. Guatemala is one.")),
    "exact-set-as-form-strings": (["2", "0"], Verdict(True, "Honduras is one. Guatemala is one.")),
    "exact-set-as-floats": ([2.0, 0.0], Verdict(True, "Honduras is one. Guatemala is one.")),
    "exact-set-ticked-twice": ([0, 2, 0], Verdict(True, "Honduras is one. Guatemala is one.")),
    "one-right-missing": ([2], Verdict(False, PARTIAL)),
    "one-wrong-added": ([0, 2, 3], Verdict(False, f"{PARTIAL} Belize is not.")),
    "only-wrong-ones": ([3, 1], Verdict(False, f"{PARTIAL} Panama is not. Belize is not.")),
    "nothing-ticked": ([], Verdict(None, MESSAGES["empty_many"])),
    "no-response": (None, Verdict(None, MESSAGES["empty_many"])),
    "option-past-the-end": ([0, 4], Verdict(None, NOT_AN_OPTION)),
    "a-bool-among-options": ([0, True], Verdict(None, NOT_AN_OPTION)),
    "a-fraction-among-options": ([0, 2.5], Verdict(None, NOT_AN_OPTION)),
}


@pytest.mark.parametrize("response, verdict", MANY_CASES.values(), ids=MANY_CASES.keys())
def test_many_choice_needs_exactly_the_right_set(response, verdict):
    assert grade(MANY_KEY, response) == verdict


# --- typed numbers ----------------------------------------------------------------------------

NUMBERS = {
    "plain": ("42", 42.0),
    "tabs-around": ("\t42\t", 42.0),
    "explicit-plus": ("+5", 5.0),
    "unicode-minus": ("\u22120.5", -0.5),
    "full-width-digits": ("\uff11\uff12", 12.0),
    "full-width-minus-and-point": ("\uff0d\uff11\uff0e\uff15", -1.5),
    "percent-with-space": ("5 %", 5.0),
    "millions-with-decimals": ("1,234,567.25", 1234567.25),
    "leading-point-negative": ("-.25", -0.25),
    "zero": ("0", 0.0),
    "space-after-sign": ("- 5", None),
    "two-signs": ("+-5", None),
    "trailing-point": ("12.", None),
    "group-of-four": ("1,2345", None),
    "leading-comma": (",123", None),
    "space-inside": ("4 2", None),
    "exponent": ("1e3", None),
    "percent-first": ("% 5", None),
    "two-percent-signs": ("5%%", None),
    # the page's pattern has no multiline flag and its $ ends the text; Python's $ would also
    # match before a final newline, so the grader uses fullmatch to agree with the page
    "final-newline": ("5\n", None),
}


@pytest.mark.parametrize("text, value", NUMBERS.values(), ids=NUMBERS.keys())
def test_parse_number_reads_what_a_student_may_type(text, value):
    assert parse_number(text) == value


def test_typed_text_is_normalised_as_the_page_normalises_it():
    assert typed("\u2212\uff11\uff12") == "-12"
    assert typed("COMAR\u00a0\u2212") == "COMAR -", "a no-break space becomes a space, the minus sign '-'"
    assert typed(12) == "12", "what is not text is read as its str()"


@pytest.mark.parametrize("text, expected", [
    ("  Comisión \t Mexicana\n", "comisión mexicana"),
    ("\uff23\uff2f\uff2d\uff21\uff32", "comar"),
    ("CO\u00a0MAR", "co mar"),
    ("", ""),
], ids=["spaces-collapsed-and-lowered", "full-width", "no-break-space", "empty"])
def test_normalise_text(text, expected):
    assert normalise_text(text) == expected


# --- numeric questions ------------------------------------------------------------------------

@pytest.mark.parametrize("response, correct", [
    ("-13", True), ("-12", True), ("-12.01", True), ("-13.01", False), ("-11.99", False),
    ("12.5", False), (-12.5, True),
], ids=["lower-bound", "upper-bound", "inside", "below", "above", "wrong-sign", "a-number-not-text"])
def test_numeric_accepts_the_closed_interval_around_the_value(response, correct):
    feedback = NUMERIC["feedback_correct"] if correct else NUMERIC["feedback_incorrect"]
    assert grade(NUMERIC_KEY, response) == Verdict(correct, feedback)


@pytest.mark.parametrize("response, message", [
    (None, "empty_text"), ("", "empty_text"), (" \t", "empty_text"), ("about twelve", "not_a_number"),
], ids=["none", "empty", "blank", "words"])
def test_numeric_without_a_number_grades_nothing(response, message):
    assert grade(NUMERIC_KEY, response) == Verdict(None, MESSAGES[message])


def numeric(**fields) -> dict:
    return {"type": "numeric", "explanation": "x", "feedback_correct": "yes", "feedback_incorrect": "no", **fields}


INTERVALS = {
    "tolerance": (numeric(value=10, tolerance=2), 10.0, (8.0, 12.0)),
    "range": (numeric(value=2014, range=[2013, 2015]), 2014.0, (2013.0, 2015.0)),
    "precision-of-a-share": (numeric(value=0.456, precision=2), 0.456, (0.455, 0.465)),
    "precision-of-a-count": (numeric(value=1234, precision=2), 1234.0, (1150.0, 1250.0)),
    "precision-three-digits": (numeric(value=1234, precision=3), 1234.0, (1225.0, 1235.0)),
    "precision-of-a-negative": (numeric(value=-0.456, precision=2), -0.456, (-0.465, -0.455)),
    "precision-of-zero": (numeric(value=0, precision=2), 0.0, (0.0, 0.0)),
    "exact-value": (numeric(value=7), 7.0, (7.0, 7.0)),
}


@pytest.mark.parametrize("q, value, bounds", INTERVALS.values(), ids=INTERVALS.keys())
def test_interval_a_numeric_question_accepts(q, value, bounds):
    lo, hi = _interval(q, value)
    assert (lo, hi) == pytest.approx(bounds, abs=1e-12)
    assert all(isinstance(x, float) for x in (lo, hi))


def test_precision_rounds_the_value_before_taking_half_a_unit_either_side():
    """2 significant figures of 1234 are 1200: 1249 rounds to it, 1251 does not."""
    (entry,) = key_of(numeric(value=1234, precision=2))
    assert grade(entry, "1249").correct is True
    assert grade(entry, "1251").correct is False
    assert grade(entry, "1151").correct is True and grade(entry, "1149").correct is False


# --- where a numeric question's value comes from ----------------------------------------------

def test_a_fixed_value_is_a_float_and_ignores_values():
    assert _numeric_value(numeric(value=3), {"total": 9}, 1) == 3.0


def test_a_named_value_is_scaled():
    assert _numeric_value(numeric(value_key="share", scale=100), {"share": 0.25}, 1) == 25.0
    assert _numeric_value(numeric(value_key="share"), {"share": 0.25}, 1) == 0.25


def test_a_measure_key_takes_the_measure_s_value_unless_values_give_it():
    q = numeric(value_key="ch02.relief_rate", scale=100)
    assert _numeric_value(q, {}, 1) == pytest.approx(100 * measures.ch02.relief_rate())
    assert _numeric_value(q, {"ch02.relief_rate": 0.5}, 1) == 50.0


@pytest.mark.parametrize("q, values, message", [
    (numeric(value_key="ch02.no_such_measure"), {}, r"^question 4: value_key "),
    (numeric(value_key="total"), {}, r"^question 4 takes its value from the data: .*values=\{'total': \.\.\.\}"),
    (numeric(value_key="total"), {"total": None},
     r"^question 4: the value 'total' must be a number, got NoneType None"),
    (numeric(value_key="total"), {"total": math.nan}, r"^question 4: the value 'total' is NaN$"),
    (numeric(value_key="total", scale="big"), {"total": 1}, r"^question 4: the value 'total' must be a number"),
], ids=["unknown-measure", "missing-name", "not-a-number", "nan", "scale-not-a-number"])
def test_a_value_that_cannot_be_had_is_named_with_its_question(q, values, message):
    with pytest.raises(QuizError, match=message):
        _numeric_value(q, values, 4)


# --- the compiled key -------------------------------------------------------------------------

def test_the_key_of_each_kind_holds_what_both_graders_apply():
    assert CHOICE_KEY == {"type": "multiple_choice", "explanation": "See section 2.1.", "correct": [0],
                          "feedback": ["COMAR decides claims.", "INM enforces migration law.", "CBP is a US agency."]}
    assert MANY_KEY["correct"] == [0, 2] and MANY_KEY["explanation"] == "See section 2.2."
    assert NUMERIC_KEY == {"type": "numeric", "explanation": "See section 2.3.", "lo": -13.0, "hi": -12.0,
                           "feedback_correct": "A fall of about an eighth.",
                           "feedback_incorrect": "Divide, then subtract 1."}
    assert TEXT_KEY["accepted"] == {"comar": 0, "comisión mexicana de ayuda a refugiados": 1, "inm": 2}
    assert TEXT_KEY["correct"] == [0, 1]
    assert TEXT_KEY["feedback"][2] == "INM is the migration institute."


def test_the_key_numbers_questions_from_one_in_its_errors():
    with pytest.raises(QuizError, match="^question 2 takes its value"):
        key_of(CHOICE, numeric(value_key="total"))
    (entry,) = key_of(numeric(value_key="total", tolerance=1), values={"total": 5})
    assert (entry["lo"], entry["hi"]) == (4.0, 6.0)


# --- text answers -----------------------------------------------------------------------------

@pytest.mark.parametrize("response, verdict", [
    ("comisión   mexicana de ayuda a refugiados", Verdict(True, "That is COMAR's full name.")),
    ("Inm", Verdict(False, "INM is the migration institute.")),
    ("COMAR.", Verdict(False, MESSAGES["incorrect"])),
    (" \n", Verdict(None, MESSAGES["empty_text"])),
], ids=["second-accepted-answer", "a-listed-wrong-answer", "unlisted", "blank"])
def test_text_answers_are_matched_after_normalising(response, verdict):
    assert grade(TEXT_KEY, response) == verdict


# --- what the student reads -------------------------------------------------------------------

@pytest.mark.parametrize("verdict, shown", [
    (Verdict(True, "COMAR decides claims."), "Correct. COMAR decides claims. (See section 2.1.)"),
    (Verdict(False, "INM enforces migration law."), "Not quite. INM enforces migration law. (See section 2.1.)"),
    (Verdict(None, NOT_AN_OPTION), NOT_AN_OPTION),
], ids=["right", "wrong", "unusable"])
def test_feedback_text_leads_with_the_verdict_and_ends_with_the_section(verdict, shown):
    assert feedback_text(CHOICE_KEY, verdict) == shown
