"""The quantitative claims of chapter 1 (border enforcement cooperation with Mexico) hold in the data.

The numbers are the chapter's own measures (coursekit.measures.ch01) and single rows read with
coursekit.data.value; these tests check what the prose says about them.
"""
from __future__ import annotations

import pytest

from coursekit.data import load, value
from coursekit.measures import ch01 as m

NT = ["Guatemala", "Honduras", "El Salvador"]


@pytest.fixture(scope="module")
def figures():
    return load("key_figures")


def test_mexicans_were_almost_all_apprehensions_in_fy2000():
    assert 0.95 < m.fy2000_mex_share() <= 1
    assert m.fy2000_mex_share() == pytest.approx(1 - m.share_non_mexican().loc[2000]), \
        "the FY2000 share and the yearly shares of non-Mexicans come from the same table"


def test_fy2014_is_the_first_year_non_mexicans_were_the_majority():
    share = m.share_non_mexican()
    assert m.first_majority_fy() == 2014
    assert m.share_2015() < 0.5, "the prose says Mexicans were a majority again in FY2015"
    assert (share.loc[2016:2019] > 0.5).all()
    # the figure's two solid lines cross in FY2014, cross back in FY2015 and cross for good from FY2016
    lines = m.by_citizenship()
    others_ahead = lines["Other nationalities"] > lines["Mexican nationals"]
    assert sorted(others_ahead[others_ahead].index) == [2014, 2016, 2017, 2018, 2019]


def test_fy2019_non_mexicans_about_four_in_five_and_guatemalans_hondurans_outnumber_mexicans():
    def fy2019(citizenship):
        return value("us_border_by_citizenship", measure="usbp_apprehensions", citizenship=citizenship,
                     fiscal_year=2019)

    assert 0.75 < m.share_2019() < 0.85
    assert fy2019("Guatemala") > fy2019("Mexico")
    assert fy2019("Honduras") > fy2019("Mexico")


def test_northern_triangle_share_supports_pew_not_crs(figures):
    assert round(m.nt_share_2019(), 2) == 0.71
    assert value(figures, measure="northern_triangle_share_crs", period="FY2019") - m.nt_share_2019() > 0.05


def test_figure_1_citizenship_lines_add_up_to_the_border_patrol_total():
    border = load("us_southwest_border")
    title8 = border[border["measure"] == "usbp_apprehensions"].set_index("fiscal_year")["count"].astype(float)
    total = m.usbp_by_citizenship()["Total"]
    assert (total == title8.loc[total.index]).all(), "the citizenship table's totals are the Border Patrol's totals"
    lines = m.by_citizenship()
    assert list(lines.index) == list(range(2000, 2020))
    assert (lines["Mexican nationals"] + lines["Other nationalities"] == title8.loc[lines.index]).all()


def test_fy2017_is_the_low_point_before_fy2019():
    totals = m.usbp_by_citizenship()["Total"]
    assert totals.loc[2017] == totals.loc[2001:2019].min()
    assert totals.loc[2019] > 2 * totals.loc[2017]


def test_title42_break_encounters_exceed_title8_after_2020():
    def border(measure, fiscal_year):
        return value("us_southwest_border", measure=measure, fiscal_year=fiscal_year)

    assert border("usbp_encounters_total", 2020) == (
        border("usbp_apprehensions", 2020) + border("usbp_title42_expulsions", 2020))
    assert border("usbp_encounters_total", 2021) > border("usbp_apprehensions", 2000)


def test_merida_vintages_grow_and_first_appropriation_adds_up(figures):
    vintages = m.merida_appropriations().sort_values("period")["billions"]
    assert list(vintages) == sorted(vintages)
    assert m.merida_2017_bn() == vintages.min() and m.merida_2020_bn() == vintages.max()
    assert m.merida_mexico_m() == 400
    assert m.merida_mexico_m() * 1e6 < value(figures, measure="merida_first_appropriation", period="2008-06")
    assert value(figures, measure="merida_delivered_cumulative", period="FY2008 to 2017-03") / 1e9 < m.merida_2017_bn()


def test_mexico_apprehensions_more_than_doubled_2012_to_2015():
    assert 2 < m.mx_growth_1215() < 2.5, "the prose: more than doubled, a multiple of about 2.2"


def test_mexico_nt_apprehensions_rose_2014_to_2015(figures):
    assert value(figures, measure="mexico_apprehensions_northern_triangle", period="2015") > \
        value(figures, measure="mexico_apprehensions_northern_triangle", period="2014")


def test_ice_fy2016_fy2017_northern_triangle_removals_match_the_figures_attributed_to_mpi():
    # the US figures attributed to MPI in press reports: 76,472 (FY2016) and 74,789 (FY2017)
    assert m.ice_nt_2016() == 76472
    assert m.ice_nt_2017() == 74789


def test_mexico_removed_more_northern_triangle_nationals_than_the_us(figures):
    mx_2014 = value(figures, measure="mexico_removals_northern_triangle", period="2014")
    assert mx_2014 > m.ice_nt_2016() and mx_2014 > m.ice_nt_2017()
    assert round(m.cato_mx_share(), 2) == 0.61
    assert 1.4 < m.cato_mx_us_ratio() < 1.7
    assert value(figures, measure="mexico_minus_us_removals_northern_triangle_cato", period="2018") > 0


def test_may_2019_apprehensions_are_fewer_than_total_encounters(figures):
    apprehensions = value(figures, measure="swb_apprehensions_peak", period="2019-05")
    encounters = value(figures, measure="swb_encounters_peak", period="2019-05")
    assert 130000 < apprehensions < 135000
    assert apprehensions < encounters


def test_mexico_apprehensions_rose_after_the_june_2019_agreement():
    assert 0.3 < m.mx_change_1819() < 0.5


def test_two_versions_of_mexican_figures_are_kept():
    versions = m.presented_versions()
    repeated = versions[versions["other published version"].notna()]
    assert {2018, 2020} <= set(repeated.index)


def test_returns_fell_behind_apprehensions_in_mexico(figures):
    assert m.return_rate_2021() < 0.5
    detained = value(figures, measure="mexico_detained_jan_nov", period="2021")
    earlier = m.mx_apprehensions().loc[:2020]
    assert detained > earlier.max(), "eleven months of 2021 exceed any earlier full year"
    assert earlier.idxmax() == 2015, "the prose calls 2015 the previous full-year record"


def test_asylum_applications_in_mexico_grew_steeply():
    def comar(year):
        return value("mexico_asylum", nationality="Total", source="jornada2021nuevaola", year=year)

    assert comar(2019) > 40 * comar(2013)
    assert 3.0 < m.asylum_growth_1416() < 3.3


# --- the figures' captions name every source of their points --------------------------------

def caption_citations(figure_name: str) -> set[str]:
    import json
    import re
    from pathlib import Path

    chapters = Path(__file__).resolve().parent.parent / "chapters"
    cells = [cell for page in sorted(chapters.glob("01*.ipynb"))  # the chapter's pages
             for cell in json.loads(page.read_text(encoding="utf-8"))["cells"]]
    for cell in cells:
        text = "".join(cell["source"])
        if cell["cell_type"] == "markdown" and f"```{{glue:figure}} {figure_name}" in text:
            caption = text.split(f"```{{glue:figure}} {figure_name}", 1)[1].split("```", 1)[0]
            return {k.strip() for group in re.findall(r"\{cite:[pt]\}`([^`]+)`", caption) for k in group.split(",")}
    raise AssertionError(f"no caption for {figure_name}")


def source_keys(frame) -> set[str]:
    from coursekit.data import _split_keys

    return {k for cell in frame["source"] for k in _split_keys(cell)}


def test_figure_1_caption_cites_every_source_of_its_points():
    border = load("us_southwest_border")
    citizenship = load("us_border_by_citizenship")
    plotted = source_keys(border) | source_keys(
        citizenship[(citizenship["measure"] == "usbp_apprehensions") & citizenship["citizenship"].isin(["Total", "Mexico"])])
    missing = plotted - caption_citations("ch1_fig_citizenship")
    assert not missing, f"figure 1's caption does not cite {sorted(missing)}"


def test_figure_2_caption_cites_every_source_of_its_points(figures):
    ice = load("ice_removals")
    plotted = source_keys(ice[(ice["measure"] == "ice_removals") & ice["country"].isin(NT)
                              & ice["source"].str.startswith("ice") & (ice["fiscal_year"].between(2013, 2019))])
    plotted |= source_keys(figures[(figures["measure"] == "mexico_removals_northern_triangle") & (figures["period"] == "2014")])
    missing = plotted - caption_citations("ch1_fig_removals")
    assert not missing, f"figure 2's caption does not cite {sorted(missing)}"


def test_mexico_2023_events_are_a_record_about_77_percent_above_2022():
    assert m.mx_apprehensions().idxmax() == 2023
    assert 0.75 < m.mx_growth_2223() < 0.80
