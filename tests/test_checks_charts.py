"""The chart check, message by message, and how the data are read off lines and bars.

``tests/test_checks.py`` holds what is true of every chart task; this file pins down the exact
words a student reads for each kind of chart, where a title may sit (axes or figure, centre,
left or right), and the values read back from bars and lines drawn at any kind of position:
years, half years, negative offsets, thousands separators, and horizontal bars.
"""
from __future__ import annotations

import pandas as pd
import pytest
from matplotlib.figure import Figure

from coursekit import plots
from coursekit.checks import Result, _check_figure, drawn_series
from coursekit.registry import Task

US = pd.Series([10.0, 20.0, 30.0], index=[2014, 2015, 2016])
MEXICO = pd.Series([5.0, 8.0], index=[2014, 2015])
TWO = {"United States|US": US, "Mexico": MEXICO}
ONE = {"Mexico": MEXICO}

PASSES_TWO = ("the chart draws the values in the course data, with labelled series, a title and labelled axes. "
              "Now read it: what does it show?")
PASSES_ONE = ("the chart draws the values in the course data, with the series asked for, a title and labelled "
              "axes. Now read it: what does it show?")
NO_LEGEND = "almost: the chart has no legend, so a reader cannot tell the series apart. Call ax.legend()."
NEEDS_TITLE = "almost: the figure still needs a title."


def chart_task(series=TWO) -> Task:
    return Task("t_chart", "figure", "A chart", expected=lambda: series)


def course_chart(series=TWO, *, legend=True, labels=None):
    """A course figure (its title is the figure's suptitle), one labelled line per series."""
    fig, ax = plots.new_figure(title="Apprehensions", xlabel="Year", ylabel="Apprehensions (events)", source="test")
    for name, values in series.items():
        label = (labels or {}).get(name, name.split("|")[0])
        ax.plot(list(values.index), values.to_numpy(dtype=float), marker="o", label=label)
    if legend:
        ax.legend()
    return fig, ax


def plain_chart(series=ONE):
    """A chart drawn with matplotlib alone: no suptitle, no axis labels yet."""
    fig = Figure()
    ax = fig.add_subplot()
    for name, values in series.items():
        ax.plot(list(values.index), values.to_numpy(dtype=float), label=name.split("|")[0])
    return fig, ax


# --- the message a student reads, whole ------------------------------------------------------

def _with_lines(*lines):
    """The right two-series chart with more lines: (x, y, label); label None removes the label."""
    def make():
        fig, ax = course_chart()
        for xs, ys, label in lines:
            if label is ...:
                ax.plot(xs, ys)
            else:
                (line,) = ax.plot(xs, ys, label="x")
                line.set_label(label)
        return fig
    return make


def _with_unlabelled_bars():
    fig, ax = course_chart()
    ax.bar([2014, 2015], [1.0, 2.0]).set_label(None)
    return fig


def _labelled(us=None, mexico=None, legend=True):
    return lambda: course_chart(labels={"United States|US": us or "United States", "Mexico": mexico or "Mexico"},
                                legend=legend)[0]


def _unlabelled_us():
    fig, ax = plots.new_figure(title="t", xlabel="Year", ylabel="Count", source="test")
    ax.plot(list(US.index), US.to_numpy())  # no label=...
    ax.plot(list(MEXICO.index), MEXICO.to_numpy(), label="Mexico")
    ax.legend()
    return fig


EXTRA = [2016, 2017, 2018, 2019]
MESSAGES = {
    "two_series_right": (TWO, lambda: course_chart()[0], True, PASSES_TWO),
    "one_series_right_needs_no_legend": (ONE, lambda: course_chart(ONE, legend=False)[0], True, PASSES_ONE),
    "two_series_without_legend": (TWO, _labelled(legend=False), False, NO_LEGEND),
    "first_series_misnamed_is_named_by_its_first_name": (
        TWO, _labelled(us="Series 1"), False,
        "almost: the series for United States has 'Series 1'. Give each series a label that names it "
        "(label=...), so the legend tells the reader which is which."),
    "first_series_unlabelled": (
        TWO, _unlabelled_us, False,
        "almost: the series for United States has no label. Give each series a label that names it "
        "(label=...), so the legend tells the reader which is which."),
    "four_extra_points_three_named": (
        ONE, lambda: course_chart({"Mexico": pd.concat([MEXICO, pd.Series([1.0] * 4, index=EXTRA)])})[0], False,
        "not yet: your series 'Mexico' does not show the data the task asks for: it has points at 2016, 2017, "
        "2018, which the task leaves out. Check your filter and the column you plot."),
    "four_extra_series_three_named": (
        TWO, _with_lines(*[([2014, 2015], [1.0, float(i)], name)
                           for i, name in enumerate(["Canada", "Guatemala", "Honduras", "Panama"])]), False,
        "not yet: your chart draws 6 series and the task asks for 2. Leave out: Canada, Guatemala, Honduras."),
    "extra_line_without_label": (
        TWO, _with_lines(([2014, 2015], [1.0, 2.0], ...)), False,
        "not yet: your chart draws 3 series and the task asks for 2. Leave out: an unlabelled series."),
    "extra_line_whose_label_was_removed": (
        TWO, _with_lines(([2014, 2015], [1.0, 2.0], None)), False,
        "not yet: your chart draws 3 series and the task asks for 2. Leave out: an unlabelled series."),
    "extra_line_with_empty_label": (
        TWO, _with_lines(([2014, 2015], [1.0, 2.0], "")), False,
        "not yet: your chart draws 3 series and the task asks for 2. Leave out: an unlabelled series."),
    "extra_bars_whose_label_was_removed": (
        TWO, _with_unlabelled_bars, False,
        "not yet: your chart draws 3 series and the task asks for 2. Leave out: an unlabelled series."),
    "a_figure_without_axes": (TWO, Figure, False, "your figure has no axes: did you plot anything?"),
    "a_course_figure_with_nothing_drawn": (
        TWO, lambda: plots.new_figure(title="t", xlabel="x", ylabel="y", source="s")[0], False,
        "your figure is empty: no lines or bars were drawn."),
}


@pytest.mark.parametrize("case", MESSAGES, ids=list(MESSAGES))
def test_the_chart_check_says_exactly_what_is_wrong(case):
    series, make, passed, message = MESSAGES[case]
    answer = make()
    result = _check_figure(chart_task(series), answer)
    assert (result.task, result.passed, result.message) == ("t_chart", passed, message)
    assert result.figure is answer  # shown under the message


def test_an_answer_that_is_not_a_chart_is_named_by_its_type():
    result = _check_figure(chart_task(), [1, 2])
    assert result == Result("t_chart", False, "expected a matplotlib Figure (or Axes), but got a list.")
    assert result.figure is None


# --- where the title may sit -----------------------------------------------------------------

def _titled(where):
    def make():
        fig, ax = plain_chart()
        ax.set_xlabel("Year")
        ax.set_ylabel("Count (events)")
        if where == "suptitle_blank_axes_title":
            fig.suptitle("  ")
            ax.set_title("Mexican apprehensions")
        elif where == "suptitle":
            fig.suptitle("Mexican apprehensions")
        elif where != "nowhere":
            ax.set_title("Mexican apprehensions", loc=where)
        return fig
    return make


TITLES = {
    "axes_centre": ("center", True, PASSES_ONE),
    "axes_left": ("left", True, PASSES_ONE),
    "axes_right": ("right", True, PASSES_ONE),
    "figure_suptitle": ("suptitle", True, PASSES_ONE),
    "axes_title_under_a_blank_suptitle": ("suptitle_blank_axes_title", True, PASSES_ONE),
    "no_title_anywhere": ("nowhere", False, NEEDS_TITLE),
}


@pytest.mark.parametrize("case", TITLES, ids=list(TITLES))
def test_a_title_counts_wherever_matplotlib_puts_it(case):
    where, passed, message = TITLES[case]
    result = _check_figure(chart_task(ONE), _titled(where)())
    assert (result.passed, result.message) == (passed, message)


def test_a_plain_matplotlib_chart_lists_everything_it_still_needs():
    fig, _ = plain_chart()
    assert _check_figure(chart_task(ONE), fig).message == (
        "almost: the figure still needs a title, an x-axis label, a y-axis label (with units).")


# --- values read off the chart ---------------------------------------------------------------

def _bars(xs, heights, *, horizontal=False, formatter=None):
    fig = Figure()
    ax = fig.add_subplot()
    (ax.barh if horizontal else ax.bar)(xs, heights, 0.4, label="bars")
    if formatter:
        plots.thousands(ax, "y" if horizontal else "x")
    return ax


def _horizontal_categories():
    frame = pd.DataFrame({"office": ["Colombia", "Costa Rica", "Mexico"], "people": [1000.0, 2000.0, 3000.0]})
    fig = plots.bar_chart(frame, x="office", y="people", horizontal=True, title="t", xlabel="People",
                          ylabel="Office", source="s")
    return fig.axes[0]


READ = {
    "vertical_bars_by_year": (lambda: _bars([2019, 2020], [3.0, 5.0]), {"2019": 3.0, "2020": 5.0}),
    "horizontal_bars_by_year": (lambda: _bars([2019, 2020], [3.0, 5.0], horizontal=True),
                                {"2019": 3.0, "2020": 5.0}),
    "bars_at_half_years": (lambda: _bars([2019.5, 2020.5], [3.0, 5.0]), {"2019.5": 3.0, "2020.5": 5.0}),
    "bars_at_negative_offsets": (lambda: _bars([-2, -1, 0, 1], [1.0, 2.0, 3.0, 4.0]),
                                 {"-2": 1.0, "-1": 2.0, "0": 3.0, "1": 4.0}),
    "year_ticks_with_thousands_separators": (lambda: _bars([2019, 2020, 2021], [3.0, 5.0, 7.0], formatter=True),
                                             {"2019": 3.0, "2020": 5.0, "2021": 7.0}),
    "horizontal_bars_by_category_with_long_values": (
        _horizontal_categories, {"Colombia": 1000.0, "Costa Rica": 2000.0, "Mexico": 3000.0}),
}


@pytest.mark.parametrize("case", READ, ids=list(READ))
def test_bars_are_read_at_their_centre_or_by_their_category(case):
    make, values = READ[case]
    assert [dict(d.values) for d in drawn_series(make())] == [values]


def test_a_line_is_read_as_floats_and_a_line_of_text_is_not_data():
    fig, ax = plain_chart({})
    ax.plot([2019, 2020], [3, 4], label="ints")
    ax.plot([2019, 2020], ["low", "high"], label="words")
    (drawn,) = drawn_series(ax)
    assert drawn.label == "ints" and dict(drawn.values) == {"2019": 3.0, "2020": 4.0}
    assert drawn.values.dtype == float
