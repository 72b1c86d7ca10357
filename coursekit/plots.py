"""Figures in one house style: a title, labelled axes with units, a source line and a
colour-blind-safe palette (Okabe and Ito).

Every helper returns a :class:`CourseFigure`, a matplotlib ``Figure`` that Jupyter shows as one
compact PNG. In a chapter, show it with myst-nb's ``glue`` and place it with a
``{glue:figure}`` directive that carries the alt text and caption::

    fig = plots.line_chart(frame, x="fiscal_year", y="count", title=..., xlabel=..., ylabel=...,
                           source="U.S. Customs and Border Protection")
    glue("fig_border", fig)
"""
from __future__ import annotations

import sys
import textwrap
from io import BytesIO
from typing import Iterable

import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator, PercentFormatter

# Okabe & Ito (2008), safe for the common forms of colour-vision deficiency.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]
MARKERS = ["o", "s", "^", "D", "v", "P", "X", "*"]

_STYLE = {
    "figure.figsize": (8.0, 4.5),
    "figure.dpi": 100,
    "savefig.dpi": 100,
    "font.size": 10.5,
    "axes.titlesize": 12.5,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.labelsize": 10.5,
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
}


SOURCE_FONTSIZE = 8.5


def _wrap(text: str, width_in: float, fontsize: float) -> str:
    """Break a line of small print to fit the figure's width.

    Counts characters (about 0.55 em each in the default sans-serif font) instead of using
    matplotlib's ``wrap=True``, which measures the text word by word on every draw.
    """
    per_line = max(30, int(width_in * 72 / (fontsize * 0.55)))
    return "\n".join(textwrap.wrap(text, per_line, break_on_hyphens=False)) or text


class CourseFigure(Figure):
    """A figure that Jupyter (and so the web book) shows as one compact PNG.

    matplotlib's inline display draws a figure twice (once to find a "tight" bounding box) and
    saves full-colour pixels. A course figure leaves room for its source line inside the canvas,
    so it is drawn once, at its own size, and stored with a 256-colour palette: about a third of
    the bytes, with no visible difference for flat-coloured charts.
    """

    def draw(self, renderer):
        # ticks and their labels are made while drawing: draw in the course style, whatever
        # the student's own matplotlib settings are
        with style():
            return super().draw(renderer)

    def to_png(self) -> bytes:
        from PIL import Image

        previous = self.canvas
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


def _show_as_compact_png() -> None:
    """In IPython or Jupyter, display course figures with :meth:`CourseFigure.to_png`."""
    shell = sys.modules.get("IPython") and sys.modules["IPython"].get_ipython()
    if shell is not None:
        shell.display_formatter.formatters["image/png"].for_type(CourseFigure, CourseFigure.to_png)


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
        target.set_major_locator(MaxNLocator(integer=True))
        target.set_major_formatter(FuncFormatter(lambda v, _pos: f"{v:.0f}"))


def new_figure(*, title: str, xlabel: str, ylabel: str, source: str, figsize=None):
    """An empty figure and axes in the course style, with title, labels and source line."""
    _require(title=title, xlabel=xlabel, ylabel=ylabel, source=source)
    with style():
        _show_as_compact_png()
        # made directly, not through pyplot: pyplot would keep every figure open and, in Jupyter,
        # switch on its inline backend, which shows figures a second time and costs time in every
        # cell; the caller shows the figure (glue or display)
        fig = CourseFigure(figsize=figsize or _STYLE["figure.figsize"], layout="constrained")
        FigureCanvasAgg(fig)  # fig.canvas.draw() and savefig work as with any figure
        ax = fig.add_subplot()
        # the title starts at the figure's left edge (not the axes'), so long y-axis labels never
        # push it off the canvas; constrained layout keeps room for it above the axes
        fig.suptitle(title, x=0.01, ha="left", fontsize=_STYLE["axes.titlesize"], fontweight="bold")
        ax.set_xlabel(xlabel)
        ax.set_ylabel(ylabel)
        text = source if source.lower().startswith(("source", "sources")) else f"Source: {source}"
        text = _wrap(text, fig.get_figwidth(), SOURCE_FONTSIZE)
        # the source line sits in a strip along the bottom that the layout leaves free
        strip = ((text.count("\n") + 1) * SOURCE_FONTSIZE * 1.25 + 8) / 72 / fig.get_figheight()
        fig.get_layout_engine().set(rect=(0, strip, 1, 1 - strip))
        fig.text(0.01, 0.012, text, ha="left", va="bottom", fontsize=SOURCE_FONTSIZE, color="#444444")
        return fig, ax


def _styled(helper):
    """Run a chart helper inside :func:`style`, so every artist it makes is in the course style."""
    import functools

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
    _finish_axes(ax, legend=hue is not None, kind=yformat)
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
    ticks = [_category_label(v) for v in wide.index]
    (ax.set_yticks if horizontal else ax.set_xticks)(positions, ticks)
    (ax.set_ylim if horizontal else ax.set_xlim)(-0.6, len(positions) - 0.4)
    _finish_axes(ax, legend=hue is not None, axis="x" if horizontal else "y", kind=yformat)
    return fig


def label_bar_ends(ax, fmt: str = "{:,.0f}", *, fontsize: float = 9, padding: float = 4) -> list:
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


def _finish_axes(ax, legend: bool, axis: str = "y", kind: str = "count") -> None:
    format_values(ax, kind, axis)
    if axis == "y" and ax.dataLim.y0 >= 0:  # counts start at zero; negative values stay in view
        ax.set_ylim(bottom=0)
    else:  # horizontal bars: grid lines across the value axis, none between categories
        ax.yaxis.grid(False)
        ax.xaxis.grid(True)
    if legend:
        ax.legend(loc="best")
