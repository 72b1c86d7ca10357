"""Figures in one house style: a title, labelled axes with units, a source line and a
colour-blind-safe palette (Okabe and Ito), sized to be read on a phone.

Every helper returns a :class:`CourseFigure`, a matplotlib ``Figure`` that Jupyter shows as an
SVG (with a compact PNG beside it, for front ends that show no SVG and for the student copies).
In a chapter, show it with myst-nb's ``glue`` and place it with a ``{glue:figure}`` directive
that carries the alt text and caption::

    fig = plots.line_chart(frame, x="fiscal_year", y="count", title=..., xlabel=..., ylabel=...,
                           source="U.S. Customs and Border Protection")
    glue("fig_border", fig)

Sizes. The web book draws a chart at its own width (``WIDTH_IN`` inches, 96 CSS px an inch) or
narrower: on a 390 px phone, about 342 px, 0.95 CSS px for each point of type. The type sizes
below are chosen for that width: the smallest, the source line, comes out at about 10.4 CSS px
on a phone (``tests/test_charts_phone.py`` measures it in Chromium). Text drawn on a chart by
hand takes ``fontsize=plots.TEXT_SIZE``; a legend comes from :func:`legend`, below the plot.
"""
from __future__ import annotations

import functools
import math
import sys
from io import BytesIO
from typing import Iterable

import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.layout_engine import PlaceHolderLayoutEngine
from matplotlib.ticker import AutoLocator, FuncFormatter, MaxNLocator, PercentFormatter

# Okabe & Ito (2008), safe for the common forms of colour-vision deficiency.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]
MARKERS = ["o", "s", "^", "D", "v", "P", "X", "*"]

WIDTH_IN = 5.0  # 480 CSS px in the web book; the same chart is scaled to 342 px on a phone
HEIGHT_IN = 3.6  # title, plot and axis labels; a legend adds its own height below
TITLE_SIZE = 13.5
LABEL_SIZE = 12  # axis labels
TEXT_SIZE = 11.5  # tick labels, legend entries, labels and notes on the plot
SOURCE_FONTSIZE = 11  # the source line, the smallest type on a chart

_MARGIN_IN = 0.08  # between the canvas's left edge and the title, legend and source line
_PAD_IN = 0.06  # below the source line
_GAP_IN = 0.1  # between the source line and the legend, and between the legend and the plot

_STYLE = {
    "figure.figsize": (WIDTH_IN, HEIGHT_IN),
    "figure.dpi": 100,
    "savefig.dpi": 100,
    "savefig.bbox": "standard",  # never a "tight" crop: a course figure is laid out at its size
    "font.size": TEXT_SIZE,
    "axes.titlesize": TITLE_SIZE,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.labelsize": LABEL_SIZE,
    "xtick.labelsize": TEXT_SIZE,
    "ytick.labelsize": TEXT_SIZE,
    "legend.fontsize": TEXT_SIZE,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.grid.axis": "y",
    "axes.axisbelow": True,  # grid lines behind bars, not across them
    "grid.alpha": 0.35,
    "axes.prop_cycle": matplotlib.cycler(color=PALETTE),
    "legend.frameon": False,
    # FreeType's hinting costs a quarter of the drawing time and changes nothing visible at
    # 100 dpi
    "text.hinting": "no_hinting",
    # SVG: text as outlines, so a chart looks the same whatever fonts the reader has (a text
    # SVG shown as an image falls back to other fonts, of other widths, and lines collide);
    # ids from a fixed salt, so the same figure gives the same file
    "svg.fonttype": "path",
    "svg.hashsalt": "coursekit",
}

# the SVG carries no date or creator: the same figure gives the same bytes
_SVG_METADATA = {"Date": None, "Creator": None, "Format": None, "Type": None}


@functools.lru_cache(maxsize=1)
def _measurer():
    """A one-pixel Agg renderer at 72 dpi: it measures text in points, as a figure lays it out."""
    from matplotlib.backends.backend_agg import RendererAgg

    return RendererAgg(1, 1, 72)


@functools.lru_cache(maxsize=4096)
def _measured(text: str, size: float, weight: str, family: tuple, hinting: str) -> float:
    width, _height, _descent = _measurer().get_text_width_height_descent(
        text, FontProperties(family=list(family), size=size, weight=weight), ismath=False)
    return width


def _text_width(text: str, size: float, weight: str = "normal") -> float:
    """The width of one line of text in points, in the font the figure draws it in."""
    params = matplotlib.rcParams
    family = tuple(params["font.family"])
    return _measured(text, size, weight, family, params["text.hinting"])


def wrap(text: str, width_in: float, fontsize: float = TEXT_SIZE, *, weight: str = "normal",
         indent: str = "") -> str:
    """Break text at spaces into lines no wider than ``width_in`` inches at ``fontsize`` points,
    for a note on a chart: ``ax.text(..., plots.wrap(note, 2.5), fontsize=plots.TEXT_SIZE)``.
    Line breaks already in the text stay; a word longer than the width keeps a line of its own;
    ``indent`` starts every line after the first of a paragraph."""
    width_pt = width_in * 72
    lines = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split():
            trial = f"{line} {word}" if line.strip() else f"{line}{word}"
            if line.strip() and _text_width(trial, fontsize, weight) > width_pt:
                lines.append(line)
                line = indent + word
            else:
                line = trial
        lines.append(line)
    return "\n".join(lines)


class CourseFigure(Figure):
    """A figure laid out once at its own size, shown by Jupyter as SVG and as a compact PNG.

    matplotlib's inline display draws a figure twice (once to find a "tight" bounding box). A
    course figure leaves room for its source line and legend inside the canvas, so it is drawn
    once, at its own size. Its SVG keeps lines and type sharp at any width; its PNG is stored
    with a 256-colour palette (about a third of the bytes, with no visible difference for
    flat-coloured charts).
    """

    _course_source = None  # the source line (a figure text)
    _course_legend = None  # the legend that plots.legend placed below the plot
    _course_height = None  # the height without the legend
    _course_laid_out = False  # drawn, and unchanged since: its layout holds for another format

    def draw(self, renderer):
        # ticks and their labels are made while drawing: draw in the course style, whatever
        # the student's own matplotlib settings are
        with style():
            if self._course_source is None:
                return super().draw(renderer)
            if not self._course_laid_out:
                self._fit_to_plot()  # ends with a layout of the figure as it is drawn now
            # matplotlib would lay the figure out once more: it is laid out already
            engine = self.get_layout_engine()
            self.set_layout_engine(PlaceHolderLayoutEngine(engine.adjust_compatible, engine.colorbar_gridspec))
            try:
                return super().draw(renderer)
            finally:
                self.set_layout_engine(engine)
                self._course_laid_out = False

    def _labels(self) -> tuple:
        return tuple((ax.get_xlabel(), ax.get_ylabel(), type(ax.xaxis.get_major_locator()),
                      ax.xaxis.get_tick_params().get("labelrotation")) for ax in self.axes)

    def _fit_to_plot(self) -> None:
        """Lay the figure out, fitting the axis labels and the value ticks to the plot's size:
        the x-axis label is broken into lines as wide as the plot and the y-axis label into
        lines as long as its height (matplotlib's layout makes room for a long label above and
        below the plot, not beside it), and the x-axis tick labels are kept from running into
        each other (:func:`_fit_ticks`)."""
        for _ in range(3):
            self.get_layout_engine().execute(self)
            before = self._labels()
            for ax in self.axes:
                box = ax.get_position(original=False)
                width, height = box.width * self.get_figwidth(), box.height * self.get_figheight()
                for label, side in ((ax.xaxis.label, width), (ax.yaxis.label, height)):
                    text = " ".join(label.get_text().split())
                    if text:
                        label.set_text(wrap(text, max(side, 1.0), label.get_fontsize()))
                _fit_ticks(ax, width)
            if self._labels() == before:
                return  # nothing moved: the layout holds
        self.get_layout_engine().execute(self)

    def _lay_out(self) -> None:
        """Lay the figure out for the next draw, unless it is unchanged since it was last drawn
        (an SVG drawn after a PNG keeps the PNG's layout)."""
        if self.stale:
            with style():
                self._fit_to_plot()
        self._course_laid_out = True

    def _grow_plot(self, height_in: float) -> None:
        """Make the figure taller until its plot is at least ``height_in`` inches high."""
        with style():
            self._fit_to_plot()  # the axis labels as they will be drawn take their room first
        have = self.axes[0].get_position(original=False).height * self.get_figheight()
        if height_in > have:
            self._course_height += height_in - have
            self._fit_bottom()

    def to_png(self) -> bytes:
        from PIL import Image

        previous = self.canvas
        self._lay_out()
        try:
            canvas = FigureCanvasAgg(self)  # an Agg canvas whatever the session's backend
            canvas.draw()
            pixels = Image.frombuffer("RGBA", canvas.get_width_height(), canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
        finally:
            self.set_canvas(previous)
        # fast octree: 5x quicker than median cut and as good for flat colours and grey text
        palette = pixels.convert("RGB").quantize(colors=256, method=Image.Quantize.FASTOCTREE,
                                                 dither=Image.Dither.NONE)
        out = BytesIO()
        palette.save(out, format="png")
        return out.getvalue()

    def to_svg(self) -> str:
        """The figure as an SVG document, text drawn as outlines, at ``WIDTH_IN`` (or the
        figure's own width) in points; the same figure always gives the same text."""
        from matplotlib.backends.backend_svg import FigureCanvasSVG

        # the SVG canvas draws once (savefig would draw twice, to lay the figure out first)
        out = BytesIO()
        previous, dpi = self.canvas, self.dpi
        self._lay_out()  # at the figure's own dpi, as for the PNG: both show the same layout
        drawn = False
        try:
            with style():
                FigureCanvasSVG(self).print_svg(out, metadata=_SVG_METADATA)
            drawn = not self.stale
        finally:
            self.dpi = dpi  # the SVG canvas draws at 72 dpi
            self.set_canvas(previous)
        if drawn:  # only the dpi changed, and changed back: the layout still holds
            self.stale = False
        return out.getvalue().decode("utf-8")

    def _fit_bottom(self) -> None:
        """Keep a strip along the bottom, below the x-axis label, for the legend (when
        :func:`legend` made one) and the source line; the layout places the plot above it."""
        renderer = self.canvas.get_renderer()
        source = self._course_source.get_window_extent(renderer).height / self.dpi
        legend_height = 0.0
        if self._course_legend is not None:
            legend_height = self._course_legend.get_window_extent(renderer).height / self.dpi + _GAP_IN
            self._course_legend.set_bbox_to_anchor((_MARGIN_IN, _PAD_IN + source + _GAP_IN),
                                                   transform=self.dpi_scale_trans)
        # the legend adds to the height: the plot keeps its size; the height is a whole number
        # of pixels (the PNG's rows), a hair over it so that Agg's rounding down keeps them all
        pixels = math.ceil((self._course_height + legend_height) * self.dpi - 1e-6)
        self.set_figheight(pixels / self.dpi + 1e-9)
        strip = (_PAD_IN + source + _GAP_IN + legend_height) / self.get_figheight()
        self.get_layout_engine().set(rect=(0, strip, 1, 1 - strip))


def _show_as_svg_and_png() -> None:
    """In IPython or Jupyter, display course figures as SVG and as a compact PNG: the web book
    and JupyterLab show the SVG, front ends without SVG and the student copies the PNG."""
    shell = sys.modules.get("IPython") and sys.modules["IPython"].get_ipython()
    if shell is not None:
        formatters = shell.display_formatter.formatters
        formatters["image/png"].for_type(CourseFigure, CourseFigure.to_png)
        formatters["image/svg+xml"].for_type(CourseFigure, CourseFigure.to_svg)


class _ThinTicks(MaxNLocator):
    """Value ticks that :func:`_fit_ticks` may thin so that their labels fit side by side."""


class _YearTicks(_ThinTicks):
    """Whole-number ticks for years, thinned like value ticks."""


_STEPS = [1, 2, 2.5, 5, 10]  # matplotlib's AutoLocator's


def _fit_ticks(ax, width_in: float) -> None:
    """Make the x-axis tick labels fit side by side under a plot ``width_in`` inches wide.

    An automatic axis (values or years) whose labels would run into each other gets fewer
    ticks: matplotlib's own count allows about three characters a label, and "2,000,000" takes
    nine. Ticks that cannot be thinned (named categories, ticks set by hand) are turned 45
    degrees instead.
    """
    size = matplotlib.rcParams["xtick.labelsize"]
    size = size if isinstance(size, (int, float)) else TEXT_SIZE
    low, high = ax.get_xlim()
    if low == high:
        return
    width_pt = width_in * 72

    def crowded(spots) -> bool:  # spots: (place along the axis, label width), in points
        spots = sorted(spots)
        return any(b - a < (wa + wb) / 2 + size / 2 for (a, wa), (b, wb) in zip(spots, spots[1:]))

    def along(loc) -> float:
        return (loc - low) / (high - low)

    locator = ax.xaxis.get_major_locator()
    if type(locator) in (AutoLocator, _ThinTicks, _YearTicks):
        kind = _YearTicks if isinstance(locator, _YearTicks) else _ThinTicks
        formatter = ax.xaxis.get_major_formatter()

        def spots(candidate):
            candidate.set_axis(ax.xaxis)
            ticks = [t for t in candidate.tick_values(low, high) if 0 <= along(t) <= 1]
            formatter.set_locs(ticks)
            return [(along(t) * width_pt, _text_width(formatter(t), size)) for t in ticks]

        chosen = kind(nbins="auto", integer=kind is _YearTicks, steps=_STEPS)
        for nbins in range(9, 0, -1):
            if not crowded(spots(chosen)):
                break
            chosen = kind(nbins=nbins, integer=kind is _YearTicks, steps=_STEPS)
        ax.xaxis.set_major_locator(chosen)
    shown = [(along(loc) * width_pt, max(_text_width(line, size) for line in label.get_text().split("\n")))
             for loc, label in zip(ax.get_xticks(), ax.get_xticklabels())
             if label.get_text() and label.get_rotation() == 0 and 0 <= along(loc) <= 1]
    if crowded(shown):
        ax.tick_params(axis="x", labelrotation=45)
        for label in ax.get_xticklabels():
            label.set_horizontalalignment("right")
            label.set_rotation_mode("anchor")


class PlotError(ValueError):
    """A figure was asked for without what every course figure needs."""


def style():
    """The course style, for one figure: ``with plots.style(): ...``.

    Every helper draws inside it, so a student's own ``matplotlib.rcParams`` are never changed.
    """
    return matplotlib.rc_context(_STYLE)


def _require(**labels: str) -> None:
    for name, value in labels.items():
        if not isinstance(value, str) or not value.strip():
            raise PlotError(f"a course figure needs a non-empty {name} (got {value!r})")


def thousands(ax, axis: str = "y") -> None:
    """Show large counts with thousands separators (1,234,567)."""
    fmt = FuncFormatter(lambda v, _pos: f"{v:,.0f}")
    (ax.yaxis if axis == "y" else ax.xaxis).set_major_formatter(fmt)


def format_values(ax, kind: str = "count", axis: str = "y") -> None:
    """Tick labels for the value axis: ``count`` (1,234), ``share`` (0.25 shown as 25%),
    ``percent`` (25 shown as 25%) or ``plain``."""
    target = ax.yaxis if axis == "y" else ax.xaxis
    if kind == "count":
        thousands(ax, axis)
    elif kind == "share":
        target.set_major_formatter(PercentFormatter(xmax=1, decimals=0))
    elif kind == "percent":
        target.set_major_formatter(PercentFormatter(xmax=100, decimals=0))
    elif kind != "plain":
        raise PlotError(f"unknown value format {kind!r}: use count, share, percent or plain")


def _year_axis(ax, values, axis: str = "x") -> None:
    """Whole-number positions (years) get whole-number ticks without separators."""
    try:
        whole = all(float(v).is_integer() for v in values)
    except (TypeError, ValueError):
        return
    if whole:
        target = ax.xaxis if axis == "x" else ax.yaxis
        target.set_major_locator(_YearTicks(nbins="auto", integer=True, steps=_STEPS))
        target.set_major_formatter(FuncFormatter(lambda v, _pos: f"{v:.0f}"))


def new_figure(*, title: str, xlabel: str, ylabel: str, source: str, figsize=None):
    """An empty figure and axes in the course style, with title, labels and source line.

    Titles, axis labels and the source line are broken into lines that fit the figure. A
    ``figsize`` other than the default makes the type smaller or larger on a phone: the web
    book scales the whole chart to the width of the page.
    """
    _require(title=title, xlabel=xlabel, ylabel=ylabel, source=source)
    with style():
        _show_as_svg_and_png()
        width, height = figsize or _STYLE["figure.figsize"]
        # made directly, not through pyplot: pyplot would keep every figure open and, in Jupyter,
        # switch on its inline backend, which shows figures a second time and costs time in every
        # cell; the caller shows the figure (glue or display)
        fig = CourseFigure(figsize=(width, height), layout="constrained")
        FigureCanvasAgg(fig)  # fig.canvas.draw() and savefig work as with any figure
        ax = fig.add_subplot()
        line_width = width - 2 * _MARGIN_IN
        # the title starts at the figure's left edge (not the axes'), so long y-axis labels never
        # push it off the canvas; constrained layout keeps room for it above the axes
        title = wrap(title, line_width, TITLE_SIZE, weight="bold")
        fig.suptitle(title, x=_MARGIN_IN / width, ha="left", fontsize=TITLE_SIZE, fontweight="bold")
        text = source if source.lower().startswith(("source", "sources")) else f"Source: {source}"
        text = wrap(text, line_width, SOURCE_FONTSIZE)
        # the source line sits in a strip along the bottom that the layout leaves free
        fig._course_source = fig.text(_MARGIN_IN, _PAD_IN, text, transform=fig.dpi_scale_trans,
                                      ha="left", va="bottom", fontsize=SOURCE_FONTSIZE, color="#444444")
        # the axis labels are broken into lines when the figure is drawn (CourseFigure.draw)
        ax.set_xlabel(xlabel)
        ax.set_ylabel(ylabel)
        fig._course_height = height
        fig._fit_bottom()
        return fig, ax


def legend(ax, **options):
    """The legend of a course figure, below the plot (never over the data), in the course's
    type size: ``plots.legend(ax)`` where one would write ``ax.legend()``.

    Its entries sit side by side in as many columns as fit the figure's width, one under
    another when they do not; a label too long for one line is broken (in the legend only:
    each series keeps its label). The figure grows by the legend's height, so the plot keeps
    its size. ``options`` go to ``ax.legend`` (``ncols=1`` for one entry a line, say).
    Returns the legend.
    """
    fig = ax.figure
    if not isinstance(fig, CourseFigure) or fig._course_source is None:
        raise PlotError("plots.legend places the legend of a course figure: make the figure with "
                        "plots.new_figure (or a chart helper), or call ax.legend() on another figure")
    handles, labels = ax.get_legend_handles_labels()
    if not handles:
        raise PlotError("plots.legend: no series on these axes has a label; give each one, "
                        "as in ax.plot(x, y, label=\"Mexico\")")
    with style():
        renderer = fig.canvas.get_renderer()
        room = (fig.get_figwidth() - 2 * _MARGIN_IN) * fig.dpi
        settings = dict(loc="lower left", fontsize=TEXT_SIZE, frameon=False, borderaxespad=0,
                        borderpad=0, handlelength=2.2, handletextpad=0.8, columnspacing=1.4,
                        labelspacing=0.35)
        settings.update(options)
        columns = [settings.pop("ncols")] if "ncols" in settings else range(min(len(handles), 4), 0, -1)
        for ncols in columns:
            made = ax.legend(handles, labels, ncols=ncols, **settings)
            if made.get_window_extent(renderer).width <= room:
                break
        if made.get_window_extent(renderer).width > room:  # one column and still too wide
            size = settings["fontsize"]
            text_room = room / fig.dpi - (settings["handlelength"] + settings["handletextpad"]) * size / 72
            for text in made.get_texts():
                text.set_text(wrap(text.get_text(), text_room, size))
        made.set_in_layout(False)  # placed by _fit_bottom, in the strip below the plot
        fig._course_legend = made
        fig._fit_bottom()
    return made


def _styled(helper):
    """Run a chart helper inside :func:`style`, so every artist it makes is in the course style."""
    @functools.wraps(helper)
    def styled(*args, **kwargs):
        with style():
            return helper(*args, **kwargs)

    return styled


@_styled
def line_chart(frame, *, x: str, y: str, hue: str | None = None, title: str, xlabel: str,
               ylabel: str, source: str, order: Iterable[str] | None = None, labels: dict | None = None,
               figsize=None, marker: bool = True, yformat: str = "count"):
    """One line per value of ``hue`` (or a single line), markers distinguish series without colour."""
    fig, ax = new_figure(title=title, xlabel=xlabel, ylabel=ylabel, source=source, figsize=figsize)
    _check_columns(frame, [x, y] + ([hue] if hue else []))
    groups = [(None, frame)] if hue is None else _groups(frame, hue, order)
    for i, (key, part) in enumerate(groups):
        part = part.sort_values(x)
        label = (labels or {}).get(key, key)
        ax.plot(part[x].astype(float), part[y].astype(float), label=label, color=PALETTE[i % len(PALETTE)],
                marker=MARKERS[i % len(MARKERS)] if marker else None, markersize=4, linewidth=1.8)
    _year_axis(ax, frame[x])
    _finish_axes(ax, with_legend=hue is not None, kind=yformat)
    return fig


@_styled
def bar_chart(frame, *, x: str, y: str, hue: str | None = None, title: str, xlabel: str, ylabel: str,
              source: str, order: Iterable[str] | None = None, horizontal: bool = False,
              stacked: bool = False, labels: dict | None = None, figsize=None, yformat: str = "count"):
    """Bars, grouped or stacked by ``hue``; hatching keeps series apart in greyscale."""
    fig, ax = new_figure(title=title, xlabel=xlabel, ylabel=ylabel, source=source, figsize=figsize)
    _check_columns(frame, [x, y] + ([hue] if hue else []))
    wide = (frame.pivot_table(index=x, columns=hue, values=y, aggfunc="sum", observed=True)
            if hue else frame.set_index(x)[[y]])
    if hue and order is not None:
        wide = wide[[c for c in order if c in wide.columns]]
    wide = wide.astype(float)
    if hue and labels:
        wide = wide.rename(columns=labels)
    # matplotlib's own bars (not DataFrame.plot, which does much more work for the same chart):
    # one position per category, the first at the origin; series side by side or stacked
    positions = list(range(len(wide.index)))
    n = len(wide.columns)
    width = 0.8 if stacked else 0.8 / n
    hatches = ["", "//", "..", "xx", "\\\\", "oo", "--", "++"]
    base = [0.0] * len(positions)
    draw = ax.barh if horizontal else ax.bar
    for i, column in enumerate(wide.columns):
        heights = wide[column].fillna(0.0).tolist()
        offset = 0.0 if stacked else (i - (n - 1) / 2) * width
        start = {("left" if horizontal else "bottom"): base} if stacked else {}
        draw([p + offset for p in positions], heights, width, color=PALETTE[i % len(PALETTE)],
             hatch=hatches[i % len(hatches)] or None, label=str(column), **start)
        base = [b + h for b, h in zip(base, heights)]
    # long category names are broken into lines: beside horizontal bars, into about a third of
    # the width; under vertical bars, into the width of one category
    room = (0.36 * fig.get_figwidth() if horizontal
            else max(0.55, (fig.get_figwidth() - 1.1) / max(1, len(positions)) - 0.05))
    ticks = [wrap(_category_label(v), room) for v in wide.index]
    (ax.set_yticks if horizontal else ax.set_xticks)(positions, ticks)
    (ax.set_ylim if horizontal else ax.set_xlim)(-0.6, len(positions) - 0.4)
    if horizontal and figsize is None:  # room for every line of the category names
        lines = sum(tick.count("\n") + 1 for tick in ticks)
        fig._grow_plot((lines * 1.25 + len(ticks) * 0.6) * TEXT_SIZE / 72)
    _finish_axes(ax, with_legend=hue is not None, axis="x" if horizontal else "y", kind=yformat)
    return fig


def label_bar_ends(ax, fmt: str = "{:,.0f}", *, fontsize: float = TEXT_SIZE, padding: float = 4) -> list:
    """Write each horizontal bar's value just past its end: ``plots.label_bar_ends(fig.axes[0])``.

    The value is the bar's own length as drawn, formatted with ``fmt`` (``"{:,.0f}"``: 2,475,669);
    a negative bar is labelled to the left of its end. Useful when some bars are too short to
    read against the axis. Returns the labels (matplotlib annotations).
    """
    from matplotlib.patches import Rectangle

    bars = [patch for patch in ax.patches if isinstance(patch, Rectangle)]
    if not bars:
        raise PlotError("label_bar_ends: the axes have no bars to label (draw them with plots.bar_chart first)")
    labels = []
    with style():
        for bar in bars:
            length = bar.get_width()
            end = bar.get_x() + length
            middle = bar.get_y() + bar.get_height() / 2
            ahead = padding if length >= 0 else -padding
            labels.append(ax.annotate(fmt.format(length), (end, middle), xytext=(ahead, 0),
                                      textcoords="offset points", va="center",
                                      ha="left" if length >= 0 else "right", fontsize=fontsize))
    return labels


def _category_label(value) -> str:
    """A bar's tick label: whole numbers (years) without a decimal point."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _groups(frame, hue, order):
    keys = list(order) if order is not None else list(dict.fromkeys(frame[hue]))
    return [(k, frame[frame[hue] == k]) for k in keys if (frame[hue] == k).any()]


def _check_columns(frame, columns):
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise PlotError(f"the table has no column(s) {missing}; it has {list(frame.columns)}")


def _finish_axes(ax, with_legend: bool, axis: str = "y", kind: str = "count") -> None:
    format_values(ax, kind, axis)
    if axis == "y" and ax.dataLim.y0 >= 0:  # counts start at zero; negative values stay in view
        ax.set_ylim(bottom=0)
    else:  # horizontal bars: grid lines across the value axis, none between categories
        ax.yaxis.grid(False)
        ax.xaxis.grid(True)
    if with_legend:
        legend(ax)
