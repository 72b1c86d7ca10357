"""Course figures always carry a title, labelled axes, a source line and readable ticks."""
from __future__ import annotations

import pandas as pd
import pytest

from coursekit import plots

FRAME = pd.DataFrame({"year": [2018, 2019, 2020, 2018, 2019, 2020], "who": ["A"] * 3 + ["B"] * 3,
                      "count": [1000, 250000, 3000, 10, 20, 30], "share": [0.1, 0.2, 0.3, 0.4, 0.5, 0.6]})
LABELS = dict(title="T", xlabel="Fiscal year", ylabel="People", source="Source: test data")


def texts(fig):
    return [t.get_text() for t in fig.texts]


def test_line_chart_has_labels_source_and_one_line_per_group():
    fig = plots.line_chart(FRAME, x="year", y="count", hue="who", **LABELS)
    ax = fig.axes[0]
    assert fig.get_suptitle() == "T" and ax.get_xlabel() == "Fiscal year" and ax.get_ylabel() == "People"
    assert texts(fig) == ["T", "Source: test data"]
    assert len(ax.lines) == 2 and ax.get_legend() is not None
    fig.canvas.draw()
    xticks = [t.get_text() for t in ax.get_xticklabels() if t.get_text()]
    assert all("." not in t and "," not in t for t in xticks), xticks
    assert any("," in t.get_text() for t in ax.get_yticklabels()), "counts should show thousands separators"


def test_share_axis_is_shown_as_percent():
    fig = plots.line_chart(FRAME, x="year", y="share", hue="who", yformat="share", **LABELS)
    fig.canvas.draw()
    assert any(t.get_text().endswith("%") for t in fig.axes[0].get_yticklabels())


def test_bar_chart_hatches_and_keeps_labels():
    fig = plots.bar_chart(FRAME, x="year", y="count", hue="who", **LABELS)
    ax = fig.axes[0]
    assert ax.get_xlabel() == "Fiscal year" and ax.get_ylabel() == "People"
    hatches = {p.get_hatch() for p in ax.patches}
    assert len(hatches) == 2, "series must be told apart without colour"


def test_bar_chart_legend_uses_the_given_labels():
    fig = plots.bar_chart(FRAME, x="year", y="count", hue="who", labels={"A": "Alpha", "B": "Beta"}, **LABELS)
    assert [t.get_text() for t in fig.axes[0].get_legend().get_texts()] == ["Alpha", "Beta"]


@pytest.mark.parametrize("missing", ["title", "xlabel", "ylabel", "source"])
def test_missing_label_is_refused(missing):
    labels = dict(LABELS, **{missing: " "})
    with pytest.raises(plots.PlotError, match=f"non-empty {missing}"):
        plots.line_chart(FRAME, x="year", y="count", **labels)


def test_unknown_column_is_named():
    with pytest.raises(plots.PlotError, match=r"no column\(s\) \['cnt'\]"):
        plots.line_chart(FRAME, x="year", y="cnt", **LABELS)


# Machado, Oliveira and Fernandes (2009), full severity, applied to linear RGB
COLOUR_VISION = {
    "protanopia": [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]],
    "deuteranopia": [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]],
    "tritanopia": [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.303900]],
}
MIN_DELTA_E = 15  # CIE76 distance below which two series' colours are hard to tell apart


def closest_pair(colours, vision):
    """The smallest CIELAB distance between two colours of the list as seen with ``vision``."""
    import itertools

    import numpy as np
    from matplotlib.colors import to_rgb

    def lab(colour):
        rgb = np.array(to_rgb(colour))
        linear = np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)
        seen = np.clip(np.array(COLOUR_VISION[vision]) @ linear, 0, 1)
        xyz = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]]) @ seen
        t = xyz / np.array([0.95047, 1.0, 1.08883])
        f = np.where(t > (6 / 29) ** 3, np.cbrt(t), t / (3 * (6 / 29) ** 2) + 4 / 29)
        return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])

    return min((float(np.linalg.norm(lab(a) - lab(b))), a, b) for a, b in itertools.combinations(colours, 2))


@pytest.mark.parametrize("vision", sorted(COLOUR_VISION))
def test_every_pair_of_series_colours_stays_distinct_with_colour_vision_deficiency(vision):
    distance, a, b = closest_pair(plots.PALETTE, vision)
    assert distance >= MIN_DELTA_E, f"with {vision}, {a} and {b} look alike (delta E {distance:.1f})"


def test_the_colour_vision_check_rejects_a_palette_that_is_not_safe():
    import matplotlib

    tab10 = [matplotlib.colors.to_hex(c) for c in matplotlib.colormaps["tab10"].colors]
    assert closest_pair(tab10, "protanopia")[0] < MIN_DELTA_E


def test_negative_values_are_drawn():
    frame = pd.DataFrame({"year": [2019, 2020, 2021], "change": [1200.0, -3400.0, 500.0]})
    fig = plots.bar_chart(frame, x="year", y="change", title="Change", xlabel="Fiscal year",
                          ylabel="Change (apprehensions)", source="test")
    bottom, top = fig.axes[0].get_ylim()
    assert bottom <= -3400 and top >= 1200
    fig = plots.line_chart(frame, x="year", y="change", title="Change", xlabel="Fiscal year",
                           ylabel="Change (apprehensions)", source="test")
    assert fig.axes[0].get_ylim()[0] <= -3400
    positive = plots.bar_chart(frame.assign(change=frame["change"].abs()), x="year", y="change", title="Count",
                               xlabel="Fiscal year", ylabel="Apprehensions", source="test")
    assert positive.axes[0].get_ylim()[0] == 0, "counts still start at zero"


def test_the_course_style_is_per_figure_and_leaves_the_students_settings_alone():
    import matplotlib

    before = dict(matplotlib.rcParams)
    frame = pd.DataFrame({"year": [2019, 2020], "count": [1.0, 2.0], "group": ["a", "b"]})
    fig = plots.line_chart(frame, x="year", y="count", hue="group", title="T", xlabel="Fiscal year",
                           ylabel="Count (people)", source="test")
    fig.canvas.draw()
    fig2, ax2 = plots.new_figure(title="T", xlabel="x (unit)", ylabel="y (unit)", source="test")
    changed = {k for k, v in matplotlib.rcParams.items() if before.get(k) != v and k != "backend"}
    assert not changed, f"a course helper changed the global matplotlib settings: {sorted(changed)[:5]}"
    ax = fig.axes[0]
    assert not ax.spines["top"].get_visible() and ax.get_legend().get_frame_on() is False
    assert [line.get_color().lower() for line in ax.get_lines()] == [c.lower() for c in plots.PALETTE[:2]]
    assert not ax2.spines["right"].get_visible()
    with plots.style():
        assert matplotlib.rcParams["axes.spines.top"] is False
    assert matplotlib.rcParams["axes.spines.top"] == before["axes.spines.top"]


def test_figure_png_is_one_compact_palette_image_of_the_figure_size():
    from io import BytesIO

    from PIL import Image

    fig = plots.line_chart(FRAME, x="year", y="count", hue="who", **LABELS)
    data = fig.to_png()
    image = Image.open(BytesIO(data))
    assert image.format == "PNG" and image.mode == "P"
    assert image.size == (round(fig.get_figwidth() * fig.dpi), round(fig.get_figheight() * fig.dpi))
    full = BytesIO()
    fig.savefig(full, format="png")
    assert len(data) < 0.6 * len(full.getvalue()), "the palette PNG should be much smaller"


def test_title_labels_and_source_stay_inside_the_canvas_without_a_tight_crop():
    frame = pd.DataFrame({"flow": ["A very long category label that needs room (Jan-Dec 2023)", "Short"],
                          "n": [2_400_000, 3_200]})
    fig = plots.bar_chart(frame, x="flow", y="n", horizontal=True, title="A long title " * 4,
                          xlabel="People", ylabel="Flow", source="A source line that is long enough " * 5)
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    agg = FigureCanvasAgg(fig)
    agg.draw()
    canvas = fig.bbox
    renderer = agg.get_renderer()
    for text in fig.texts + [fig.axes[0].xaxis.label, fig.axes[0].yaxis.label]:
        box = text.get_window_extent(renderer)
        assert canvas.x0 - 1 <= box.x0 and box.x1 <= canvas.x1 + 1, text.get_text()
        assert canvas.y0 - 1 <= box.y0 and box.y1 <= canvas.y1 + 1, text.get_text()
    source = fig.texts[-1]
    assert source.get_text().count("\n") >= 1, "a long source line is wrapped"
    assert source.get_window_extent(renderer).y1 < fig.axes[0].xaxis.label.get_window_extent(renderer).y0


def test_ipython_shows_course_figures_with_the_compact_png():
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    try:
        fig = plots.line_chart(FRAME, x="year", y="count", **LABELS)
        bundle, _meta = shell.display_formatter.format(fig)
        assert bundle["image/png"] == fig.to_png()
    finally:
        InteractiveShell.clear_instance()


def test_horizontal_bars_have_grid_lines_across_the_value_axis_only_and_behind_the_bars():
    frame = pd.DataFrame({"flow": ["Registered", "Referred", "Arrived"], "n": [90_000, 11_000, 3_200]})
    fig = plots.bar_chart(frame, x="flow", y="n", horizontal=True, **LABELS)
    ax = fig.axes[0]
    fig.to_png()
    assert all(line.get_visible() for line in ax.get_xgridlines())
    assert not any(line.get_visible() for line in ax.get_ygridlines())
    assert ax.get_axisbelow() is True
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Registered", "Referred", "Arrived"]
    assert [round(p.get_width()) for p in ax.patches] == [90_000, 11_000, 3_200]


def test_grouped_bars_sit_side_by_side_and_stacked_bars_on_top_of_each_other():
    grouped = plots.bar_chart(FRAME, x="year", y="count", hue="who", **LABELS).axes[0]
    assert [t.get_text() for t in grouped.get_xticklabels()] == ["2018", "2019", "2020"]
    a, b = grouped.containers
    assert all(pa.get_x() + pa.get_width() <= pb.get_x() + 1e-9 for pa, pb in zip(a, b))
    stacked = plots.bar_chart(FRAME, x="year", y="count", hue="who", stacked=True, **LABELS).axes[0]
    a, b = stacked.containers
    assert [pb.get_y() for pb in b] == [pa.get_height() for pa in a]


def test_label_bar_ends_writes_each_value_past_the_end_of_its_bar():
    frame = pd.DataFrame({"flow": ["a", "b", "c"], "n": [2_475_669, 3_200, -50]})
    fig = plots.bar_chart(frame, x="flow", y="n", horizontal=True, title="T", xlabel="X", ylabel="Y", source="S")
    ax = fig.axes[0]
    labels = plots.label_bar_ends(ax)
    assert [t.get_text() for t in labels] == ["2,475,669", "3,200", "-50"]
    for label, bar in zip(labels, ax.patches):
        assert label.xy == pytest.approx((bar.get_x() + bar.get_width(), bar.get_y() + bar.get_height() / 2))
    assert [t.get_horizontalalignment() for t in labels] == ["left", "left", "right"]
    assert [t.get_position()[0] for t in labels] == [4, 4, -4]  # offset points past the end
    assert plots.label_bar_ends(ax, "{:.1f}", fontsize=7)[1].get_text() == "3200.0"


def test_label_bar_ends_refuses_axes_without_bars():
    fig = plots.line_chart(pd.DataFrame({"x": [1, 2], "y": [3, 4]}), x="x", y="y",
                           title="T", xlabel="X", ylabel="Y", source="S")
    with pytest.raises(plots.PlotError, match="no bars"):
        plots.label_bar_ends(fig.axes[0])


# ------------------------------------------------------------ read on a phone: type, legend, SVG

def drawn(fig):
    """The figure drawn once, with the renderer that drew it."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    return canvas.get_renderer()


def every_text(fig):
    """Every visible, non-empty text of a figure (titles, labels, ticks, legend, notes)."""
    from matplotlib.text import Text

    return [t for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]


def test_every_text_of_a_course_chart_is_at_least_the_source_lines_size():
    fig = plots.line_chart(FRAME, x="year", y="count", hue="who", **LABELS)
    drawn(fig)
    sizes = {t.get_text(): t.get_fontsize() for t in every_text(fig)}
    assert min(sizes.values()) == plots.SOURCE_FONTSIZE == sizes["Source: test data"], sizes
    assert fig.get_figwidth() == plots.WIDTH_IN
    # drawn 342 px wide on a 390 px phone (96 CSS px an inch at full size)
    assert plots.SOURCE_FONTSIZE * 342 / (plots.WIDTH_IN * 72) >= 10


def test_the_legend_sits_below_the_plot_and_its_labels_between_the_axis_label_and_the_source():
    fig = plots.line_chart(FRAME, x="year", y="count", hue="who", **LABELS)
    renderer = drawn(fig)
    ax = fig.axes[0]
    legend = ax.get_legend().get_window_extent(renderer)
    plot = ax.patch.get_window_extent(renderer)
    assert not legend.overlaps(plot), (legend, plot)
    assert legend.y1 < ax.xaxis.label.get_window_extent(renderer).y0
    assert legend.y0 > fig.texts[-1].get_window_extent(renderer).y1, "the source line comes last"
    assert fig.bbox.x0 <= legend.x0 and legend.x1 <= fig.bbox.x1
    assert [t.get_fontsize() for t in ax.get_legend().get_texts()] == [plots.TEXT_SIZE] * 2


def test_the_legend_adds_its_height_to_the_figure_and_the_plot_keeps_its_size():
    without = plots.line_chart(FRAME, x="year", y="count", **LABELS)
    fig = plots.line_chart(FRAME, x="year", y="count", hue="who", **LABELS)
    drawn(without), drawn(fig)
    heights = [f.axes[0].get_window_extent().height for f in (without, fig)]
    assert fig.get_figheight() > without.get_figheight()
    assert heights[1] == pytest.approx(heights[0], abs=2), heights


def test_short_legend_labels_sit_side_by_side_and_long_ones_one_under_another():
    fig = plots.line_chart(FRAME, x="year", y="count", hue="who", **LABELS)
    renderer = drawn(fig)
    a, b = (t.get_window_extent(renderer) for t in fig.axes[0].get_legend().get_texts())
    assert a.y0 == pytest.approx(b.y0) and a.x1 < b.x0, "two short labels share a row"
    long = {"A": "Border Patrol apprehensions of Mexican nationals (Title 8)",
            "B": "Border Patrol apprehensions of all other nationalities (Title 8)"}
    fig = plots.line_chart(FRAME, x="year", y="count", hue="who", labels=long, **LABELS)
    renderer = drawn(fig)
    a, b = (t.get_window_extent(renderer) for t in fig.axes[0].get_legend().get_texts())
    assert a.y0 > b.y1, "two long labels take a row each"


def test_a_legend_label_too_long_for_the_figure_is_broken_in_the_legend_only():
    label = "A series whose label is far too long to fit on one line of a chart that a phone shows"
    fig, ax = plots.new_figure(**LABELS)
    ax.plot([1, 2], [3, 4], label=label)
    legend = plots.legend(ax)
    renderer = drawn(fig)
    assert "\n" in legend.get_texts()[0].get_text()
    assert legend.get_window_extent(renderer).x1 <= fig.bbox.x1
    assert ax.get_lines()[0].get_label() == label, "the series keeps its label (the checks read it)"


def test_plots_legend_refuses_axes_without_labelled_series_and_other_figures():
    from matplotlib.figure import Figure

    fig, ax = plots.new_figure(**LABELS)
    ax.plot([1, 2], [3, 4])
    with pytest.raises(plots.PlotError, match="no series on these axes has a label"):
        plots.legend(ax)
    other = Figure().add_subplot()
    other.plot([1, 2], [3, 4], label="x")
    with pytest.raises(plots.PlotError, match="make the figure with plots.new_figure"):
        plots.legend(other)


def test_a_chart_check_still_finds_the_legend_that_plots_legend_made():
    """checks.py asks for ax.get_legend() on charts of two series: plots.legend is an axes legend."""
    from coursekit.checks import drawn_series

    fig = plots.line_chart(FRAME, x="year", y="count", hue="who", **LABELS)
    ax = fig.axes[0]
    assert ax.get_legend() is not None
    assert [d.label for d in drawn_series(ax)] == ["A", "B"]


@pytest.mark.parametrize("which", ["title", "source"])
def test_long_titles_and_source_lines_are_broken_to_the_figures_width(which):
    long = "words of a long line that runs on " * 4
    fig = plots.line_chart(FRAME, x="year", y="count", **dict(LABELS, **{which: long}))
    renderer = drawn(fig)
    text = fig.texts[0 if which == "title" else -1]
    assert text.get_text().count("\n") >= 1
    box = text.get_window_extent(renderer)
    assert fig.bbox.x0 <= box.x0 and box.x1 <= fig.bbox.x1


def test_axis_labels_are_broken_to_the_plots_size_when_drawn():
    xlabel = "Host country (no per-office figures were published for Ecuador in either report)"
    ylabel = "People registered with the offices, cumulative since June 2023 (people)"
    fig = plots.line_chart(FRAME, x="year", y="count", **dict(LABELS, xlabel=xlabel, ylabel=ylabel))
    renderer = drawn(fig)
    ax = fig.axes[0]
    plot = ax.patch.get_window_extent(renderer)
    x, y = ax.xaxis.label.get_window_extent(renderer), ax.yaxis.label.get_window_extent(renderer)
    assert "\n" in ax.get_xlabel() and x.width <= plot.width + 1
    assert "\n" in ax.get_ylabel() and y.height <= plot.height + 1
    assert " ".join(ax.get_xlabel().split()) == xlabel, "only line breaks are added"


def tick_boxes(ax, renderer, axis="x"):
    low, high = sorted(ax.get_xlim() if axis == "x" else ax.get_ylim())
    ticks = ax.get_xticks() if axis == "x" else ax.get_yticks()
    labels = ax.get_xticklabels() if axis == "x" else ax.get_yticklabels()
    return [label.get_window_extent(renderer) for loc, label in zip(ticks, labels)
            if low <= loc <= high and label.get_text()]


def test_value_ticks_of_horizontal_bars_are_thinned_until_their_labels_do_not_touch():
    frame = pd.DataFrame({"flow": ["Southwest border encounters (FY2023)", "CBP One appointments (2023)",
                                   "Safe Mobility: arrived in the US (Jun-Dec 2023)"],
                          "n": [2_475_669, 413_300, 3_200]})
    fig = plots.bar_chart(frame, x="flow", y="n", horizontal=True, **LABELS)
    renderer = drawn(fig)
    boxes = tick_boxes(fig.axes[0], renderer)
    assert len(boxes) >= 2
    assert all(a.x1 < b.x0 for a, b in zip(boxes, boxes[1:])), [(b.x0, b.x1) for b in boxes]
    assert all(label.get_rotation() == 0 for label in fig.axes[0].get_xticklabels())


def test_matplotlibs_own_ticks_for_that_axis_would_touch():
    """The same plot area and values with matplotlib's own ticks: labels that run together,
    which is what the tick fit of course figures prevents."""
    from matplotlib.figure import Figure

    frame = pd.DataFrame({"flow": ["Southwest border encounters (FY2023)", "CBP One appointments (2023)"],
                          "n": [2_475_669, 413_300]})
    fig = plots.bar_chart(frame, x="flow", y="n", horizontal=True, **LABELS)
    drawn(fig)
    ax = fig.axes[0]
    with plots.style():
        plain = Figure(figsize=tuple(fig.get_size_inches()))
        bare = plain.add_axes(ax.get_position().bounds)
        bare.barh([0, 1], frame["n"].tolist())
        plots.thousands(bare, "x")
        bare.set_xlim(ax.get_xlim())
        renderer = drawn(plain)
    boxes = tick_boxes(bare, renderer)
    assert any(a.x1 >= b.x0 for a, b in zip(boxes, boxes[1:])), [(b.x0, b.x1) for b in boxes]


def test_year_ticks_are_thinned_and_crowded_category_ticks_are_turned():
    years = pd.DataFrame({"year": list(range(2001, 2025)), "count": [float(i) for i in range(24)]})
    fig = plots.line_chart(years, x="year", y="count", **LABELS)
    renderer = drawn(fig)
    boxes = tick_boxes(fig.axes[0], renderer)
    assert all(a.x1 < b.x0 for a, b in zip(boxes, boxes[1:]))
    assert all(t.get_text().isdigit() for t in fig.axes[0].get_xticklabels() if t.get_text())
    fig, ax = plots.new_figure(**LABELS)
    months = [f"2019-{m:02d}" for m in range(1, 13)]
    ax.plot(months, list(range(12)))
    drawn(fig)
    assert {t.get_rotation() for t in ax.get_xticklabels()} == {45}


def test_horizontal_bars_grow_the_figure_until_their_wrapped_names_do_not_touch():
    names = [f"Category {i}: a name long enough to take two lines" for i in range(6)]
    frame = pd.DataFrame({"flow": names, "n": [6, 5, 4, 3, 2, 1]})
    fig = plots.bar_chart(frame, x="flow", y="n", horizontal=True, **LABELS)
    renderer = drawn(fig)
    ax = fig.axes[0]
    boxes = sorted(tick_boxes(ax, renderer, "y"), key=lambda b: b.y0)
    assert all(a.y1 < b.y0 for a, b in zip(boxes, boxes[1:]))
    assert fig.get_figheight() > plots.HEIGHT_IN
    from coursekit.checks import drawn_series

    assert list(drawn_series(ax)[0].values.index) == names, "the checks read the names without line breaks"


def test_wrap_breaks_at_spaces_to_the_width_keeps_long_words_and_indents():
    from coursekit.plots import _text_width

    text = "2017: Cambodia, Eritrea, Guinea, Sierra Leone"
    lines = plots.wrap(text, 1.5).split("\n")
    assert len(lines) > 1 and " ".join(lines) == text
    assert all(_text_width(line, plots.TEXT_SIZE) <= 1.5 * 72 for line in lines)
    assert plots.wrap("Supercalifragilistic", 0.2) == "Supercalifragilistic"
    assert plots.wrap("one\ntwo", 5) == "one\ntwo"
    indented = plots.wrap(text, 1.5, indent="  ").split("\n")
    assert all(line.startswith("  ") for line in indented[1:]) and not indented[0].startswith(" ")


def test_svg_is_one_document_of_the_figure_width_with_text_as_outlines_and_the_same_every_time():
    import xml.etree.ElementTree as ET

    fig = plots.line_chart(FRAME, x="year", y="count", hue="who", **LABELS)
    svg = fig.to_svg()
    root = ET.fromstring(svg.encode())
    ns = "{http://www.w3.org/2000/svg}"
    assert root.tag == ns + "svg"
    assert root.get("viewBox").split()[2:] == [f"{fig.get_figwidth() * 72:g}", f"{fig.get_figheight() * 72:g}"]
    assert not root.findall(f".//{ns}text"), "text is drawn as outlines"
    assert "<!-- Source: test data -->" in svg
    assert "dc:date" not in svg and "http://" not in svg.replace("http://www.w3.org/", "").replace(
        "http://purl.org/dc/", "").replace("http://creativecommons.org/ns#", "")
    assert fig.to_svg() == svg
    fig.to_png()
    assert fig.to_svg() == svg, "drawing the PNG first changes nothing in the SVG"
    assert plots.line_chart(FRAME, x="year", y="count", hue="who", **LABELS).to_svg() == svg


def test_ipython_shows_course_figures_as_svg_and_png():
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    try:
        fig = plots.line_chart(FRAME, x="year", y="count", **LABELS)
        bundle, _meta = shell.display_formatter.format(fig)
        assert bundle["image/svg+xml"] == fig.to_svg()
        assert bundle["image/png"] == fig.to_png()
    finally:
        InteractiveShell.clear_instance()


def test_drawing_a_changed_figure_lays_it_out_again():
    fig = plots.line_chart(FRAME, x="year", y="count", **LABELS)
    first = fig.to_svg()
    fig.axes[0].set_ylabel("A y-axis label long enough that it must take more than one line of the plot")
    assert fig.to_svg() != first
    assert "\n" in fig.axes[0].get_ylabel()
