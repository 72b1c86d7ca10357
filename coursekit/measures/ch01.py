"""The quantities chapter 1 (border enforcement cooperation with Mexico) derives from the course data.

US figures are fiscal years (October to September), Mexican figures calendar years; every count
is of events (apprehensions, removals, applications), not of people.
"""
from __future__ import annotations

import pandas as pd

from ..data import load, value

NORTHERN_TRIANGLE = ["Guatemala", "Honduras", "El Salvador"]
_MAIN, _OTHER = "apprehensions (main version)", "other published version"


# --- private lookups of one published row -------------------------------------------------------

def _usbp(citizenship: str, fiscal_year: int) -> int:
    """Border Patrol (Title 8) southwest border apprehensions of one citizenship in one fiscal year."""
    return int(value("us_border_by_citizenship", measure="usbp_apprehensions",
                     citizenship=citizenship, fiscal_year=fiscal_year))


def _key(measure: str, period: str) -> float:
    return float(value("key_figures", measure=measure, period=period))


def _mexico(measure: str, year: int, **criteria) -> int:
    """Mexico's all-nationality count of one measure ("presented" or "returned") in one calendar year."""
    return int(value("mexico_enforcement", measure=measure, nationality="Total", year=year, **criteria))


def _comar(year: int) -> int:
    """Asylum applications with COMAR in one calendar year, La Jornada's series (one source for all years)."""
    return int(value("mexico_asylum", nationality="Total", source="jornada2021nuevaola", year=year))


# --- 1.1 who is apprehended at the southwest border ---------------------------------------------

def usbp_by_citizenship() -> pd.DataFrame:
    """Border Patrol (Title 8) southwest border apprehensions, FY2000-FY2019, one column per
    citizenship (El Salvador, Guatemala, Honduras, Mexico, Total) and one row per fiscal year;
    events, as floats, with NaN where a citizenship is not published for a year."""
    frame = load("us_border_by_citizenship")
    usbp = frame[frame["measure"] == "usbp_apprehensions"]
    return usbp.pivot(index="fiscal_year", columns="citizenship", values="count").astype(float)


def share_non_mexican() -> pd.Series:
    """Apprehensions of non-Mexican nationals / all Border Patrol apprehensions at the southwest
    border, each fiscal year FY2000-FY2019 (a share between 0 and 1)."""
    wide = usbp_by_citizenship().dropna(subset=["Total", "Mexico"])
    return 1 - wide["Mexico"] / wide["Total"]


def fy2000_mex_share() -> float:
    """Apprehensions of Mexican nationals / all Border Patrol southwest border apprehensions, FY2000 (a share)."""
    return _usbp("Mexico", 2000) / _usbp("Total", 2000)


def first_majority_fy() -> int:
    """The first fiscal year in which non-Mexicans were more than half of Border Patrol
    southwest border apprehensions (a fiscal year)."""
    share = share_non_mexican()
    return int(share[share > 0.5].index.min())


def share_2015() -> float:
    """Non-Mexicans' share of Border Patrol southwest border apprehensions, FY2015 (a share)."""
    return float(share_non_mexican().loc[2015])


def share_2019() -> float:
    """Non-Mexicans' share of Border Patrol southwest border apprehensions, FY2019 (a share)."""
    return float(share_non_mexican().loc[2019])


def nt_share_2019() -> float:
    """Apprehensions of Guatemalans, Hondurans and Salvadorans together / all Border Patrol
    southwest border apprehensions, FY2019, from the citizenship table (a share)."""
    return sum(_usbp(country, 2019) for country in NORTHERN_TRIANGLE) / _usbp("Total", 2019)


def by_citizenship() -> pd.DataFrame:
    """Border Patrol southwest border apprehensions split into "Mexican nationals" and "Other
    nationalities" (Total minus Mexico), fiscal years FY2000-FY2019 (events, as floats)."""
    wide = usbp_by_citizenship()
    return pd.DataFrame({"Mexican nationals": wide["Mexico"],
                         "Other nationalities": wide["Total"] - wide["Mexico"]}).dropna()


# --- 1.2 the Mérida Initiative ------------------------------------------------------------------

def merida_appropriations() -> pd.DataFrame:
    """Cumulative Mérida Initiative appropriations since FY2008 as successive CRS products report
    them: one row per vintage (period, source) with the total in billions of US dollars."""
    figures = load("key_figures")
    rows = figures[figures["measure"] == "merida_appropriated_cumulative"][["period", "value", "source"]]
    return rows.assign(billions=rows["value"] / 1e9).drop(columns="value").reset_index(drop=True)


def merida_2017_bn() -> float:
    """Cumulative Mérida appropriations FY2008 to 2017, CRS's 2017 vintage (billions of US dollars)."""
    return float(value(merida_appropriations(), column="billions", period="FY2008 to 2017"))


def merida_2020_bn() -> float:
    """Cumulative Mérida appropriations FY2008 to July 2020, CRS's 2020 vintage (billions of US dollars)."""
    return float(value(merida_appropriations(), column="billions", period="FY2008 to 2020-07"))


def merida_mexico_m() -> float:
    """Mexico's part of the first Mérida appropriation of June 2008: the FY2008 funds plus the
    FY2009 bridge funds (millions of US dollars)."""
    return (_key("merida_first_appropriation_mexico_fy2008", "2008-06")
            + _key("merida_first_appropriation_mexico_fy2009_bridge", "2008-06")) / 1e6


# --- 1.3 Programa Frontera Sur and removals -----------------------------------------------------

def presented_versions() -> pd.DataFrame:
    """Mexico's apprehensions (foreigners "presented" to the migration authority, all
    nationalities) by calendar year, 2012-2023: the first version in the data file as
    "apprehensions (main version)" and a second published version, where one exists, as
    "other published version" (events, as floats; NaN where there is no second version)."""
    frame = load("mexico_enforcement")
    rows = frame[(frame["measure"] == "presented") & (frame["nationality"] == "Total")]
    rows = rows.assign(version=rows.groupby("year").cumcount())
    if rows["version"].max() > 1:
        years = sorted(rows.loc[rows["version"] > 1, "year"].tolist())
        raise ValueError(f"mexico_enforcement has more than two versions of 'presented' for {years}")
    table = rows.pivot(index="year", columns="version", values="count").astype(float)
    return table.rename(columns={0: _MAIN, 1: _OTHER}).rename_axis(columns=None)


def mx_apprehensions() -> pd.Series:
    """Mexico's apprehensions ("presented", all nationalities) by calendar year, 2012-2023, the
    main version where two were published (events, as floats)."""
    return presented_versions()[_MAIN]


def mx_growth_1215() -> float:
    """Mexico's apprehensions in calendar 2015 / those in 2012 (a ratio; one version of each year)."""
    return _mexico("presented", 2015) / _mexico("presented", 2012)


def usbp_nt_apprehensions() -> pd.Series:
    """Border Patrol (Title 8) southwest border apprehensions of Guatemalans, Hondurans and
    Salvadorans together, by fiscal year, only in the fiscal years whose citizenship table
    publishes all three countries (events, as floats)."""
    return usbp_by_citizenship()[NORTHERN_TRIANGLE].dropna().sum(axis=1)


def mx_nt_apprehensions() -> pd.Series:
    """Mexico's apprehensions of Guatemalans, Hondurans and Salvadorans, by calendar year, 2014
    and 2015: the interior ministry's figures as rounded by CRS ("roughly", "nearly") (events,
    as floats)."""
    years = (2014, 2015)
    return pd.Series([_key("mexico_apprehensions_northern_triangle", str(year)) for year in years],
                     index=pd.Index(years, name="year"), dtype=float)


def nt_apprehensions_us_mexico() -> dict[str, pd.Series]:
    """The two series of exercise 1's chart of apprehensions of Northern Triangle nationals, by
    the name the legend label of each must contain ("|" separates accepted names): the Border
    Patrol's by fiscal year (:func:`usbp_nt_apprehensions`) and Mexico's by calendar year
    (:func:`mx_nt_apprehensions`) (events)."""
    return {"United States|US": usbp_nt_apprehensions(), "Mexico|Mexican": mx_nt_apprehensions()}


def ice_nt_removals() -> pd.Series:
    """ICE removals of Guatemalans, Hondurans and Salvadorans together, by fiscal year up to
    FY2019, from rows sourced to an ICE report and only in years where all three countries are
    published (events, as floats)."""
    ice = load("ice_removals")
    rows = ice[(ice["measure"] == "ice_removals") & ice["country"].isin(NORTHERN_TRIANGLE)
               & ice["source"].str.startswith("ice")]
    complete = rows.groupby("fiscal_year")["country"].nunique() == len(NORTHERN_TRIANGLE)
    totals = rows.groupby("fiscal_year")["count"].sum().astype(float)[complete]
    return totals[totals.index <= 2019]


def ice_nt_2016() -> float:
    """ICE removals of Guatemalans, Hondurans and Salvadorans together, FY2016 (events)."""
    return float(ice_nt_removals().loc[2016])


def ice_nt_2017() -> float:
    """ICE removals of Guatemalans, Hondurans and Salvadorans together, FY2017 (events)."""
    return float(ice_nt_removals().loc[2017])


def cato_mx_share() -> float:
    """Mexico's deportations of Northern Triangle nationals / Mexico's plus the United States',
    2004-2018, on the Cato Institute's rounded totals (a share)."""
    mexico = _key("mexico_removals_northern_triangle_cato", "2004-2018")
    us = _key("us_removals_northern_triangle_cato", "2004-2018")
    return mexico / (mexico + us)


def cato_mx_us_ratio() -> float:
    """Mexico's deportations of Northern Triangle nationals / the United States', 2004-2018, on
    the Cato Institute's rounded totals (a ratio)."""
    return (_key("mexico_removals_northern_triangle_cato", "2004-2018")
            / _key("us_removals_northern_triangle_cato", "2004-2018"))


# --- 1.4 the June 2019 agreement ----------------------------------------------------------------

def mx_change_1819() -> float:
    """Relative change in Mexico's apprehensions from calendar 2018 to 2019, both years from the
    same source (Hill 2021): 2019 / 2018 - 1."""
    hill = {"source": "hill2021mexico"}
    return _mexico("presented", 2019, **hill) / _mexico("presented", 2018, **hill) - 1


# --- 1.5 asylum and enforcement after 2020 ------------------------------------------------------

def asylum_growth_1416() -> float:
    """Relative change in asylum applications with COMAR from calendar 2014 to 2016, La Jornada's
    series: 2016 / 2014 - 1."""
    return _comar(2016) / _comar(2014) - 1


def return_rate_2021() -> float:
    """Mexico's returns / its detentions, January to November 2021 (a ratio of event counts)."""
    return _key("mexico_returned_jan_nov", "2021") / _key("mexico_detained_jan_nov", "2021")


def return_rate_2021_full() -> float:
    """Mexico's returns / its apprehensions ("presented"), calendar 2021, on the sources' rounded
    full-year figures (a ratio of event counts)."""
    return _mexico("returned", 2021) / _mexico("presented", 2021)


def mx_growth_2223() -> float:
    """Relative change in Mexico's apprehensions ("presented") from calendar 2022 to 2023: 2023 / 2022 - 1."""
    return _mexico("presented", 2023) / _mexico("presented", 2022) - 1


# --- figures the chapter quiz shows or asks for (chapters/quizzes/01_border_enforcement.yml) ----

def usbp_total_fy2019() -> int:
    """All Border Patrol (Title 8) southwest border apprehensions, FY2019, from the citizenship
    table (events)."""
    return _usbp("Total", 2019)


def usbp_encounters_fy2021() -> int:
    """Border Patrol southwest border encounters, FY2021: Title 8 apprehensions plus Title 42
    expulsions (events)."""
    return int(value("us_southwest_border", measure="usbp_encounters_total", fiscal_year=2021))


def usbp_fy2017_total() -> int:
    """All Border Patrol (Title 8) southwest border apprehensions, FY2017 (events)."""
    return _usbp("Total", 2017)


def usbp_fy2017_mexico() -> int:
    """Border Patrol (Title 8) southwest border apprehensions of Mexicans, FY2017 (events)."""
    return _usbp("Mexico", 2017)


def usbp_fy2017_guatemala() -> int:
    """Border Patrol (Title 8) southwest border apprehensions of Guatemalans, FY2017 (events)."""
    return _usbp("Guatemala", 2017)


def usbp_fy2017_honduras() -> int:
    """Border Patrol (Title 8) southwest border apprehensions of Hondurans, FY2017 (events)."""
    return _usbp("Honduras", 2017)


def usbp_fy2017_el_salvador() -> int:
    """Border Patrol (Title 8) southwest border apprehensions of Salvadorans, FY2017 (events)."""
    return _usbp("El Salvador", 2017)


def nt_share_2017() -> float:
    """Apprehensions of Guatemalans, Hondurans and Salvadorans together / all Border Patrol
    southwest border apprehensions, FY2017, from the citizenship table (a share)."""
    return sum(_usbp(country, 2017) for country in NORTHERN_TRIANGLE) / _usbp("Total", 2017)


def merida_2019_bn() -> float:
    """Cumulative Mérida appropriations FY2008 to January 2019, CRS's 2019 vintage (billions of
    US dollars)."""
    return float(value(merida_appropriations(), column="billions", period="FY2008 to 2019-01"))


def merida_delivered_bn() -> float:
    """Mérida assistance delivered to Mexico, FY2008 to March 2017, CRS's 2017 report (billions
    of US dollars)."""
    return _key("merida_delivered_cumulative", "FY2008 to 2017-03") / 1e9


def merida_delivered_share_2017() -> float:
    """Mérida assistance delivered to Mexico by March 2017 / cumulative appropriations FY2008 to
    2017, both from CRS's 2017 report, on its rounded totals (a share)."""
    return merida_delivered_bn() / merida_2017_bn()


def ice_nt_2013() -> float:
    """ICE removals of Guatemalans, Hondurans and Salvadorans together, FY2013 (events)."""
    return float(ice_nt_removals().loc[2013])


def ice_nt_2014() -> float:
    """ICE removals of Guatemalans, Hondurans and Salvadorans together, FY2014 (events)."""
    return float(ice_nt_removals().loc[2014])


def mx_nt_removals_2014() -> float:
    """Mexico's removals of Guatemalans, Hondurans and Salvadorans, calendar 2014, SEGOB as
    reported by CRS (events)."""
    return _key("mexico_removals_northern_triangle", "2014")


def mx_nt_apprehensions_2015() -> float:
    """Mexico's apprehensions of Guatemalans, Hondurans and Salvadorans, calendar 2015, interior
    ministry figure as rounded by CRS ("nearly") (events)."""
    return _key("mexico_apprehensions_northern_triangle", "2015")


def mx_apprehensions_2015() -> int:
    """Mexico's apprehensions ("presented", all nationalities), calendar 2015 (events)."""
    return _mexico("presented", 2015)


def mx_nt_share_2015() -> float:
    """Mexico's apprehensions of Northern Triangle nationals / its apprehensions of all
    nationalities, calendar 2015; the numerator is rounded by CRS and the two come from
    different reports of the same ministry's data (a share)."""
    return mx_nt_apprehensions_2015() / mx_apprehensions_2015()


def swb_encounters_may2019() -> float:
    """Southwest border encounters at and between ports of entry, May 2019, as rounded by the
    sources ("more than") (events)."""
    return _key("swb_encounters_peak", "2019-05")


def usbp_apprehensions_may2019() -> float:
    """Border Patrol southwest border apprehensions between ports of entry, May 2019 (events)."""
    return _key("swb_apprehensions_peak", "2019-05")


def dhs_decline_may_sep2019() -> float:
    """The fall in southwest border encounters from the May 2019 peak to September 2019 that DHS
    reported, as published (a share)."""
    return _key("swb_apprehensions_decline_claimed", "May 2019 peak to Sep 2019")


def sep2019_encounters_implied() -> float:
    """Southwest border encounters in September 2019 implied by DHS's reported fall: May 2019
    encounters x (1 - the reported decline) (events; approximate, both inputs are rounded)."""
    return swb_encounters_may2019() * (1 - dhs_decline_may_sep2019())


def mx_detained_jan_nov_2021() -> float:
    """Mexico's detentions of migrants, January to November 2021 (events)."""
    return _key("mexico_detained_jan_nov", "2021")


def mx_presented_2021() -> int:
    """Mexico's apprehensions ("presented" plus "canalizados"), calendar 2021, a rounded lower
    bound as the sources publish it ("more than") (events)."""
    return _mexico("presented", 2021)


def mx_dec_2021_implied() -> float:
    """Mexico's detentions in December 2021 implied by the rounded full-year figure minus the
    January to November count (events; approximate)."""
    return mx_presented_2021() - mx_detained_jan_nov_2021()
