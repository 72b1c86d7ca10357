"""The quantitative claims of chapter 1 (border enforcement cooperation with Mexico) hold in the data."""
from __future__ import annotations

import pytest

from coursekit.data import load

NT = ["Guatemala", "Honduras", "El Salvador"]


@pytest.fixture(scope="module")
def usbp():
    frame = load("us_border_by_citizenship")
    frame = frame[frame["measure"] == "usbp_apprehensions"]
    return frame.pivot(index="fiscal_year", columns="citizenship", values="count").astype(float)


@pytest.fixture(scope="module")
def figures():
    return load("key_figures")


def key(figures, measure, period):
    rows = figures[(figures["measure"] == measure) & (figures["period"] == period)]
    assert len(rows) == 1, (measure, period)
    return float(rows["value"].iloc[0])


def mexico_presented():
    frame = load("mexico_enforcement")
    rows = frame[(frame["measure"] == "presented") & (frame["nationality"] == "Total")]
    return rows.groupby("year")["count"].first().astype(float)


def test_mexicans_were_almost_all_apprehensions_in_fy2000(usbp):
    assert usbp.loc[2000, "Mexico"] / usbp.loc[2000, "Total"] > 0.95


def test_fy2014_is_the_first_year_non_mexicans_were_the_majority(usbp):
    share = 1 - usbp["Mexico"] / usbp["Total"]
    assert int(share[share > 0.5].index.min()) == 2014
    assert share.loc[2015] < 0.5, "the prose says Mexicans were a majority again in FY2015"
    assert (share.loc[2016:2019] > 0.5).all()


def test_fy2019_non_mexicans_about_four_in_five_and_guatemalans_hondurans_outnumber_mexicans(usbp):
    assert 0.75 < 1 - usbp.loc[2019, "Mexico"] / usbp.loc[2019, "Total"] < 0.85
    assert usbp.loc[2019, "Guatemala"] > usbp.loc[2019, "Mexico"]
    assert usbp.loc[2019, "Honduras"] > usbp.loc[2019, "Mexico"]


def test_northern_triangle_share_supports_pew_not_crs(usbp, figures):
    nt_share = usbp.loc[2019, NT].sum() / usbp.loc[2019, "Total"]
    assert round(nt_share, 2) == 0.71
    assert key(figures, "northern_triangle_share_crs", "FY2019") - nt_share > 0.05


def test_fy2017_is_the_low_point_before_fy2019(usbp):
    totals = usbp["Total"]
    assert totals.loc[2017] == totals.loc[2001:2019].min()
    assert totals.loc[2019] > 2 * totals.loc[2017]


def test_title42_break_encounters_exceed_title8_after_2020():
    border = load("us_southwest_border")
    series = border.pivot(index="fiscal_year", columns="measure", values="count").astype(float)
    assert series.loc[2020, "usbp_encounters_total"] == (
        series.loc[2020, "usbp_apprehensions"] + series.loc[2020, "usbp_title42_expulsions"])
    assert series.loc[2021, "usbp_encounters_total"] > series.loc[2000, "usbp_apprehensions"]


def test_merida_vintages_grow_and_first_appropriation_adds_up(figures):
    merida = figures[figures["measure"] == "merida_appropriated_cumulative"].sort_values("period")["value"]
    assert list(merida) == sorted(merida)
    mexico = (key(figures, "merida_first_appropriation_mexico_fy2008", "2008-06")
              + key(figures, "merida_first_appropriation_mexico_fy2009_bridge", "2008-06"))
    assert mexico == 400e6
    assert mexico < key(figures, "merida_first_appropriation", "2008-06")
    assert key(figures, "merida_delivered_cumulative", "FY2008 to 2017-03") < merida.iloc[0]


def test_mexico_apprehensions_more_than_doubled_2012_to_2015():
    presented = mexico_presented()
    assert presented.loc[2015] / presented.loc[2012] > 2


def test_mexico_nt_apprehensions_rose_2014_to_2015(figures):
    assert key(figures, "mexico_apprehensions_northern_triangle", "2015") > \
        key(figures, "mexico_apprehensions_northern_triangle", "2014")


def ice_nt_removals():
    frame = load("ice_removals")
    rows = frame[(frame["measure"] == "ice_removals") & frame["country"].isin(NT)
                 & frame["source"].str.startswith("ice")]
    return rows.groupby("fiscal_year")["count"].sum().astype(float)


def test_ice_fy2016_fy2017_northern_triangle_removals_match_the_figures_attributed_to_mpi():
    ice = ice_nt_removals()
    # the US figures attributed to MPI in press reports: 76,472 (FY2016) and 74,789 (FY2017)
    assert ice.loc[2016] == 76472
    assert ice.loc[2017] == 74789


def test_mexico_removed_more_northern_triangle_nationals_than_the_us(figures):
    ice = ice_nt_removals()
    mx_2014 = key(figures, "mexico_removals_northern_triangle", "2014")
    assert mx_2014 > ice.loc[2016] and mx_2014 > ice.loc[2017]
    mx = key(figures, "mexico_removals_northern_triangle_cato", "2004-2018")
    us = key(figures, "us_removals_northern_triangle_cato", "2004-2018")
    assert round(mx / (mx + us), 2) == 0.61
    assert 1.4 < mx / us < 1.7
    assert key(figures, "mexico_minus_us_removals_northern_triangle_cato", "2018") > 0


def test_may_2019_apprehensions_are_fewer_than_total_encounters(figures):
    apprehensions = key(figures, "swb_apprehensions_peak", "2019-05")
    encounters = key(figures, "swb_encounters_peak", "2019-05")
    assert 130000 < apprehensions < 135000
    assert apprehensions < encounters


def test_mexico_apprehensions_rose_after_the_june_2019_agreement():
    frame = load("mexico_enforcement")
    hill = frame[(frame["measure"] == "presented") & (frame["nationality"] == "Total")
                 & (frame["source"] == "hill2021mexico")].set_index("year")["count"].astype(float)
    assert 0.3 < hill.loc[2019] / hill.loc[2018] - 1 < 0.5


def test_two_versions_of_mexican_figures_are_kept():
    frame = load("mexico_enforcement")
    total = frame[(frame["measure"] == "presented") & (frame["nationality"] == "Total")]
    repeated = total.groupby("year").size()
    assert {2018, 2020} <= set(repeated[repeated > 1].index)


def test_returns_fell_behind_apprehensions_in_mexico(figures):
    detained = key(figures, "mexico_detained_jan_nov", "2021")
    returned = key(figures, "mexico_returned_jan_nov", "2021")
    assert returned / detained < 0.5
    presented = mexico_presented()
    assert detained > presented.loc[:2020].max(), "eleven months of 2021 exceed any earlier full year"


def test_asylum_applications_in_mexico_grew_steeply():
    asylum = load("mexico_asylum")
    comar = asylum[(asylum["nationality"] == "Total") & (asylum["source"] == "jornada2021nuevaola")]
    comar = comar.set_index("year")["applications"].astype(float)
    assert comar.loc[2019] > 40 * comar.loc[2013]
    assert 3.0 < comar.loc[2016] / comar.loc[2014] - 1 < 3.3


# --- the figures' captions name every source of their points --------------------------------

def caption_citations(figure_name: str) -> set[str]:
    import json
    import re
    from pathlib import Path

    nb = json.loads((Path(__file__).resolve().parent.parent / "chapters" / "01_border_enforcement.ipynb")
                    .read_text(encoding="utf-8"))
    for cell in nb["cells"]:
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
    presented = mexico_presented()
    assert presented.idxmax() == 2023
    assert 0.75 < presented.loc[2023] / presented.loc[2022] - 1 < 0.80
