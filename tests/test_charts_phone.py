"""Charts read on a 390 px phone: sharp, with type of a legible size and legends off the data.

Chromium opens every page of the built book that shows a chart, at a 390 px wide viewport, and
measures each chart as it is drawn there:

- its format: an SVG, whose lines and type stay sharp at any width (a PNG is scaled down with
  its type, and the type of a raster image cannot be measured);
- its rendered width;
- the size of its smallest text in CSS px. matplotlib draws text in an SVG as outlines, one
  group of glyphs for each line of text, scaled by ``font size / TextToPath.FONT_SCALE`` (the
  glyphs are drawn ``FONT_SCALE`` units to the em). The scale of that group on the screen
  (``getScreenCTM``, which includes the image's own scaling from its intrinsic to its rendered
  width) times ``FONT_SCALE`` is therefore the text's font size in CSS px. An SVG that keeps
  its text as ``<text>`` elements is measured by their computed font size and the same screen
  scale;
- whether a legend overlaps the plot area (the axes' background patch), and whether any text
  runs off the image.

To read the charts, the test fetches each image's SVG and lays a copy of it out in the page at
the image's rendered size.
"""
from __future__ import annotations

import json
import re

import pytest
from matplotlib.textpath import TextToPath

from browser import serve, visit
from conftest import ROOT
from htmlscan import pages, scan

PHONE = {"width": 390, "height": 844}
MIN_TEXT_PX = 10.0  # the smallest chart text on a phone, in CSS px

MEASURE = """async ([fontScale]) => {
    const charts = [];
    const images = [...document.querySelectorAll('article img, main img')]
        .filter(img => (img.getAttribute('src') || '').includes('_images/'));
    for (const img of [...new Set(images)]) {
        await img.decode().catch(() => null);
        const box = img.getBoundingClientRect();
        const chart = {src: img.getAttribute('src'), alt: (img.getAttribute('alt') || '').trim(),
                       width: box.width, height: box.height, left: box.left, right: box.right,
                       natural: img.naturalWidth, format: 'raster', texts: [], legends: [], plots: []};
        charts.push(chart);
        const response = await fetch(img.currentSrc);
        chart.bytes = (await response.clone().arrayBuffer()).byteLength;
        if (!(response.headers.get('content-type') || '').includes('svg')) continue;
        chart.format = 'svg';
        const parsed = new DOMParser().parseFromString(await response.text(), 'image/svg+xml');
        const svg = document.importNode(parsed.documentElement, true);
        chart.intrinsic = svg.viewBox.baseVal.width;
        svg.setAttribute('width', box.width);
        svg.setAttribute('height', box.height);
        const holder = document.createElement('div');
        holder.style.cssText = 'position:absolute;left:0;top:0;visibility:hidden';
        holder.appendChild(svg);
        document.body.appendChild(holder);
        const origin = svg.getBoundingClientRect();
        const place = el => {
            const r = el.getBoundingClientRect();
            return {x0: r.left - origin.left, y0: r.top - origin.top,
                    x1: r.right - origin.left, y1: r.bottom - origin.top};
        };
        const scaleOf = el => { const m = el.getScreenCTM(); return Math.hypot(m.a, m.b); };
        for (const group of svg.querySelectorAll('g[id^="text_"]')) {
            const comment = [...group.childNodes].find(n => n.nodeType === Node.COMMENT_NODE);
            const label = (comment ? comment.textContent : group.textContent).trim();
            // outlines: one glyph group per line, scaled by font size / FONT_SCALE
            const glyphs = [...group.querySelectorAll('g[transform*="scale"]')]
                .filter(g => g.querySelector('use'));
            const sizes = glyphs.map(g => scaleOf(g) * fontScale);
            for (const text of group.querySelectorAll('text')) {
                sizes.push(parseFloat(getComputedStyle(text).fontSize) * scaleOf(text));
            }
            if (sizes.length && label) {
                chart.texts.push({label, px: Math.min(...sizes), box: place(group)});
            }
        }
        chart.legends = [...svg.querySelectorAll('g[id^="legend_"]')].map(place);
        // each axes' first patch is its background: the plot area
        chart.plots = [...svg.querySelectorAll('g[id^="axes_"]')]
            .map(axes => axes.querySelector(':scope > g[id^="patch_"]'))
            .filter(Boolean).map(place);
        holder.remove();
    }
    return charts;
}"""


def measure(browser, base: str, rel: str) -> tuple[list[dict], list[str]]:
    """The charts of one page at phone width, and the requests it made to other hosts."""
    with visit(browser, base, rel) as v:
        v.page.set_viewport_size(PHONE)
        v.page.wait_for_load_state("load")
        charts = v.page.evaluate(MEASURE, [TextToPath.FONT_SCALE])
        return charts, list(v.outside)


def _overlap(a: dict, b: dict) -> float:
    """The area two boxes share, in square CSS px."""
    width = min(a["x1"], b["x1"]) - max(a["x0"], b["x0"])
    height = min(a["y1"], b["y1"]) - max(a["y0"], b["y0"])
    return max(0.0, width) * max(0.0, height)


def problems(chart: dict) -> list[str]:
    """What keeps one measured chart from being read on a phone, each in a sentence."""
    name = chart["src"].rsplit("/", 1)[-1]
    if chart["format"] != "svg":
        return [f"{name} is a raster image ({chart['natural']} px drawn at {chart['width']:.0f} px): its type "
                f"shrinks with it and cannot be measured; show course figures as SVG"]
    found = []
    if not chart["texts"]:
        found.append(f"{name}: no text found in the SVG")
    else:
        smallest = min(chart["texts"], key=lambda t: t["px"])
        if smallest["px"] < MIN_TEXT_PX:
            found.append(f"{name}: text {smallest['label'][:40]!r} is {smallest['px']:.1f} CSS px, "
                         f"under {MIN_TEXT_PX:g}")
    for legend in chart["legends"]:
        for plot in chart["plots"]:
            if _overlap(legend, plot) > 1.0:
                found.append(f"{name}: the legend lies over the plot area")
    for text in chart["texts"]:
        box = text["box"]
        if box["x0"] < -1 or box["y0"] < -1 or box["x1"] > chart["width"] + 1 or box["y1"] > chart["height"] + 1:
            found.append(f"{name}: text {text['label'][:40]!r} runs off the image")
    if chart["right"] > PHONE["width"] + 0.5:
        found.append(f"{name}: drawn past the right edge of the screen ({chart['right']:.0f} px)")
    if len(chart["alt"]) < 5:
        found.append(f"{name}: no alt text")
    return found


def summary(chart: dict) -> str:
    smallest = min((t["px"] for t in chart["texts"]), default=float("nan"))
    return (f"{chart['src'].rsplit('/', 1)[-1][:16]} {chart['format']} {chart['width']:.0f} px wide, "
            f"smallest text {smallest:.1f} CSS px, {chart['bytes']:,} bytes")


def chart_pages(built_book) -> list[str]:
    return [p.relative_to(built_book).as_posix() for p in pages(built_book)
            if any("_images/" in (img.get("src") or "") for img in scan(p).images)]


@pytest.fixture(scope="module")
def site(built_book):
    with serve(built_book) as base:
        yield base


@pytest.mark.book
@pytest.mark.browser
def test_every_chart_of_the_chapters_is_on_a_page_that_is_measured(browser, site, built_book):
    """As many charts on the chapter pages as the chapters place with {glue:figure}."""
    placed = sum(len(re.findall(r"^(```|:::)\{glue:figure\}", "".join(cell["source"]), re.M))
                 for path in (ROOT / "chapters").glob("*.ipynb")
                 for cell in json.loads(path.read_text(encoding="utf-8"))["cells"] if cell["cell_type"] == "markdown")
    shown = 0
    for rel in chart_pages(built_book):
        if rel.startswith("chapters/"):
            shown += len(measure(browser, site, rel)[0])
    assert placed and shown == placed, f"{placed} charts placed in the chapters, {shown} measured on their pages"


@pytest.mark.book
@pytest.mark.browser
def test_charts_at_390_px_are_svg_with_legible_type_and_legends_off_the_plot(browser, site, built_book):
    found, seen = [], []
    for rel in chart_pages(built_book):
        charts, outside = measure(browser, site, rel)
        found += [f"{rel}: outside request {url}" for url in outside]
        for chart in charts:
            seen.append(f"{rel}: {summary(chart)}")
            found += [f"{rel}: {p}" for p in problems(chart)]
    assert seen, "no page of the built book shows a chart"
    assert not found, "\n".join(found + ["", "measured:"] + seen)


# ---------------------------------------------------------------- the measure itself

def _old_style_chart():
    """A chart as the course drew them before: 8 inches wide, 8 pt legend over the plot."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(8, 4.5))
    ax = fig.add_subplot()
    ax.plot([2019, 2020, 2021], [1, 3, 2], label="Mexico")
    ax.plot([2019, 2020, 2021], [2, 1, 3], label="United States")
    ax.set_title("Apprehensions")
    ax.legend(loc="upper left", fontsize=8)
    fig.text(0.01, 0.01, "Source: test", fontsize=8.5)
    return fig


def _course_chart():
    import pandas as pd

    from coursekit import plots

    frame = pd.DataFrame({"year": [2019, 2020, 2021] * 2, "n": [1, 3, 2, 2, 1, 3],
                          "who": ["Mexico"] * 3 + ["United States"] * 3})
    return plots.line_chart(frame, x="year", y="n", hue="who", title="Apprehensions", xlabel="Fiscal year",
                            ylabel="Apprehensions (events)", source="test")


@pytest.fixture(scope="module")
def probe_site(tmp_path_factory):
    """A page laid out like a chapter on a phone (a 342 px column) with three charts."""
    from io import BytesIO

    folder = tmp_path_factory.mktemp("charts")
    (folder / "_images").mkdir()
    (folder / "_images" / "course.svg").write_text(_course_chart().to_svg(), encoding="utf-8")
    old = BytesIO()
    _old_style_chart().savefig(old, format="svg")
    (folder / "_images" / "old.svg").write_bytes(old.getvalue())
    (folder / "_images" / "old.png").write_bytes(_course_chart().to_png())
    from coursekit import plots

    cut = _course_chart()
    cut.text(0.7, 0.5, "A note placed too far to the right of the chart", fontsize=plots.TEXT_SIZE)
    (folder / "_images" / "cut.svg").write_text(cut.to_svg(), encoding="utf-8")
    (folder / "_images" / "no-alt.svg").write_text(_course_chart().to_svg(), encoding="utf-8")
    images = "".join(f'<figure><img src="_images/{name}" alt="{"" if name == "no-alt.svg" else "A line chart."}">'
                     "</figure>" for name in ("course.svg", "old.svg", "old.png", "cut.svg", "no-alt.svg"))
    (folder / "index.html").write_text(
        '<!doctype html><html lang="en"><head><meta name="viewport" content="width=device-width">'
        '<style>body{margin:0} article{margin:0 24px} figure{margin:0} img{max-width:100%;height:auto}</style>'
        f"</head><body><article>{images}</article></body></html>", encoding="utf-8")
    with serve(folder) as base:
        yield base


@pytest.mark.browser
def test_a_course_chart_passes_the_measure_with_its_source_line_as_its_smallest_text(browser, probe_site):
    from coursekit import plots

    charts, outside = measure(browser, probe_site, "index.html")
    chart = next(c for c in charts if c["src"].endswith("course.svg"))
    assert chart["width"] == pytest.approx(342, abs=1) and not outside
    assert problems(chart) == []
    smallest = min(chart["texts"], key=lambda t: t["px"])
    assert smallest["label"] == "Source: test"
    assert smallest["px"] == pytest.approx(plots.SOURCE_FONTSIZE * chart["width"] / chart["intrinsic"], rel=0.01)


@pytest.mark.browser
def test_the_measure_fails_an_old_style_chart_for_its_type_and_its_legend_on_the_plot(browser, probe_site):
    charts, _outside = measure(browser, probe_site, "index.html")
    chart = next(c for c in charts if c["src"].endswith("old.svg"))
    smallest = min(chart["texts"], key=lambda t: t["px"])
    # the 8 pt legend of an 8-inch (576 pt) figure, drawn 342 px wide
    assert smallest["px"] == pytest.approx(8 * chart["width"] / (8 * 72), rel=0.01)
    assert smallest["px"] < MIN_TEXT_PX
    found = problems(chart)
    assert any("CSS px, under" in p for p in found), found
    assert any("the legend lies over the plot area" in p for p in found), found


@pytest.mark.browser
def test_the_measure_fails_a_png_chart(browser, probe_site):
    charts, _outside = measure(browser, probe_site, "index.html")
    chart = next(c for c in charts if c["src"].endswith("old.png"))
    assert chart["format"] == "raster"
    assert [p for p in problems(chart) if "is a raster image" in p], problems(chart)


@pytest.mark.browser
@pytest.mark.parametrize("name, problem", [
    ("cut.svg", "text 'A note placed too far to the right of th' runs off the image"),
    ("no-alt.svg", "no-alt.svg: no alt text"),
])
def test_the_measure_fails_text_cut_off_at_the_edge_and_a_chart_without_alt_text(browser, probe_site, name, problem):
    charts, _outside = measure(browser, probe_site, "index.html")
    chart = next(c for c in charts if c["src"].endswith(name))
    assert [p for p in problems(chart) if problem in p] and len(problems(chart)) == 1, problems(chart)
