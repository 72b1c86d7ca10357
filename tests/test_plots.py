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
