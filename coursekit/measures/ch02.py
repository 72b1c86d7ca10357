"""The quantities chapter 2 (the Migrant Protection Protocols) derives from the course data.

MPP figures are calendar months or dates ("as of 2021-01" is a snapshot at the end of January
2021), not fiscal years. TRAC counts immigration court cases; DHS counts people. Southwest border
encounters are US fiscal years (October to September).
"""
from __future__ import annotations

import pandas as pd

from ..data import load, value

#: The snapshot of TRAC's court records used for MPP 1.0 outcomes: end of January 2021.
OUTCOMES_PERIOD = "as of 2021-01"


# --- private helpers ------------------------------------------------------------------------

def _mpp(series: str, category: str, period: str, source: str | None = None) -> int:
    """One published MPP count (one row of the mpp table)."""
    criteria = {"series": series, "category": category, "period": period}
    if source is not None:
        criteria["source"] = source
    return int(value("mpp", **criteria))


def _outcome(category: str, period: str = OUTCOMES_PERIOD) -> int:
    return _mpp("outcome", category, period)


def _month(period: str) -> int:
    """New MPP court cases filed in one calendar month of 2019 (TRAC table of August 2019)."""
    return _mpp("enrolled_by_period", "new MPP court cases", period)


# --- 2.3 monthly court cases, 2019 -----------------------------------------------------------

def monthly_cases() -> pd.DataFrame:
    """New MPP immigration court cases per calendar month, January-July 2019 (TRAC table of
    26 August 2019): columns period ("2019-07"), month ("Jul 2019") and count (cases), in
    calendar order."""
    frame = load("mpp")
    rows = frame[(frame["series"] == "enrolled_by_period") & (frame["category"] == "new MPP court cases")]
    rows = rows[rows["period"].str.fullmatch(r"\d{4}-\d{2}")].copy()
    rows["month"] = pd.to_datetime(rows["period"]).dt.strftime("%b %Y")
    return rows.sort_values("period")[["period", "month", "count"]].reset_index(drop=True)


def june() -> int:
    """New MPP court cases filed in June 2019 (TRAC; cases)."""
    return _month("2019-06")


def july() -> int:
    """New MPP court cases filed in July 2019, the first full month after the 7 June declaration
    (TRAC; cases)."""
    return _month("2019-07")


def july_ratio() -> float:
    """New MPP court cases in July 2019 / in June 2019 (TRAC; a ratio, "times the June figure")."""
    return july() / june()


def jan_to_may() -> int:
    """New MPP court cases filed January-May 2019, the sum of TRAC's monthly figures (cases)."""
    cases = monthly_cases()
    return int(cases.loc[cases["period"] <= "2019-05", "count"].sum())


def jan_to_jul() -> int:
    """New MPP court cases filed January-July 2019, the sum of TRAC's monthly figures (cases)."""
    cases = monthly_cases()
    return int(cases.loc[cases["period"] <= "2019-07", "count"].sum())


def cumulative_cases() -> pd.Series:
    """The running total of new MPP court cases, January-July 2019: TRAC's monthly figures
    (:func:`monthly_cases`) added up month by month, so that each month's value counts the cases
    filed from January 2019 to the end of that month (cases), indexed by calendar month
    ("2019-07"). Its last value is :func:`jan_to_jul`."""
    cases = monthly_cases().set_index("period")["count"].astype(int)
    return cases.cumsum().rename("MPP court cases filed since January 2019")


def share_filed_by_jul2019() -> float:
    """New MPP court cases filed January-July 2019 (:func:`jan_to_jul`, the sum of TRAC's monthly
    figures) / TRAC's MPP 1.0 court cases, January 2019 to January 2021 (:func:`trac_total`; a
    share)."""
    return jan_to_jul() / trac_total()


def trac_nov2019_total() -> int:
    """TRAC's running total of MPP court cases, January-November 2019 (report of 19 December
    2019; "over", so a lower bound; cases)."""
    return _mpp("enrolled_total", "MPP 1.0 immigration court cases (snapshot)", "2019-01 to 2019-11")


def share_filed_by_nov2019() -> float:
    """TRAC's running total to the end of November 2019 / TRAC's MPP 1.0 court cases, January
    2019 to January 2021 (a share; approximate: a rounded lower bound and a later release)."""
    return trac_nov2019_total() / trac_total()


def trac_july_total() -> int:
    """TRAC's running total of MPP court cases, January-July 2019 (the same release; cases)."""
    return _mpp("enrolled_total", "MPP 1.0 immigration court cases (snapshot)", "2019-01 to 2019-07")


def july_total_gap() -> int:
    """TRAC's running total for January-July 2019 minus the sum of its monthly figures for the
    same months (cases; the small inconsistency the chapter points out)."""
    return trac_july_total() - jan_to_jul()


# --- 2.3 the published totals ------------------------------------------------------------------

def trac_total() -> int:
    """MPP 1.0 immigration court cases, January 2019 to January 2021 (TRAC data tool; cases)."""
    return _mpp("enrolled_total", "MPP 1.0 immigration court cases", "2019-01 to 2021-01", "tracmpptool")


def dhs_total() -> int:
    """MPP 1.0 people enrolled and returned to Mexico, January 2019 to January 2021 (DHS's rounded
    public figure; people)."""
    return _mpp("enrolled_total", "MPP 1.0 individuals enrolled/returned (DHS figure)", "2019-01 to 2021-01")


def mpi_total() -> int:
    """The "more than 81,000" enrolled in MPP of the Latino Observatory's summary of the MPI
    article (no period or unit stated)."""
    return _mpp("enrolled_total", "MPP total enrolled (MPI summary)", "2019-2022 (period not stated)")


def mpp2_enrolled() -> int:
    """People DHS enrolled in MPP 2.0, December 2021 to June 2022 (DHS cohort report; people)."""
    return _mpp("enrolled_total", "MPP 2.0 individuals enrolled (DHS cohort report)", "2021-12 to 2022-06")


def mpp2_court_cases() -> int:
    """MPP 2.0 immigration court cases, December 2021 to May 2022 (TRAC; cases)."""
    return _mpp("enrolled_total", "MPP 2.0 immigration court cases", "2021-12 to 2022-05")


def enrolment_totals() -> pd.DataFrame:
    """The five published totals for MPP enrolment, one row each: source and measure, unit,
    period and count (court cases or people, as the unit column says)."""
    return pd.DataFrame([
        ("TRAC: MPP 1.0 court cases", "court cases", "Jan 2019-Jan 2021", trac_total()),
        ("DHS: MPP 1.0 people enrolled", "people", "Jan 2019-Jan 2021", dhs_total()),
        ("Summary of MPI: 'more than 81,000'", "unclear", "not stated", mpi_total()),
        ("DHS: MPP 2.0 people enrolled", "people", "Dec 2021-Jun 2022", mpp2_enrolled()),
        ("TRAC: MPP 2.0 court cases", "court cases", "Dec 2021-May 2022", mpp2_court_cases()),
    ], columns=["source and measure", "unit", "period", "count"])


def gap() -> int:
    """TRAC's MPP 1.0 court cases minus DHS's MPP 1.0 people, January 2019 to January 2021 (a
    difference of two different units)."""
    return trac_total() - dhs_total()


def gap_share() -> float:
    """The TRAC-DHS gap / the DHS figure, MPP 1.0, January 2019 to January 2021 (a share)."""
    return gap() / dhs_total()


def sum_1_2() -> int:
    """TRAC's MPP 1.0 court cases (Jan 2019-Jan 2021) plus the people DHS enrolled in MPP 2.0
    (Dec 2021-Jun 2022): a sum of cases and people, to test one reading of "81,000"."""
    return trac_total() + mpp2_enrolled()


def short_of_mpi() -> int:
    """The MPI summary's 81,000 minus MPP 1.0 cases plus MPP 2.0 people (see :func:`sum_1_2`)."""
    return mpi_total() - sum_1_2()


# --- 2.3 MPP 2.0: enrolled versus returned -------------------------------------------------------

def mpp2_returned() -> int:
    """MPP 2.0 enrollees actually returned to Mexico, as of July 2022 (DHS cohort report; people)."""
    return _outcome("MPP 2.0 returned to Mexico (DHS)", "as of 2022-07")


def mpp2_disenrolled() -> int:
    """MPP 2.0 enrollees disenrolled, for example after a non-refoulement interview, as of July
    2022 (DHS cohort report; people)."""
    return _outcome("MPP 2.0 disenrolled (DHS)", "as of 2022-07")


def mpp2_returned_share() -> float:
    """MPP 2.0 people returned to Mexico (as of July 2022) / people enrolled (December 2021 to
    June 2022), DHS cohort report (a share)."""
    return mpp2_returned() / mpp2_enrolled()


def mpp2_neither() -> int:
    """MPP 2.0 people enrolled (Dec 2021-Jun 2022) minus those returned to Mexico and those
    disenrolled (both as of July 2022), DHS (people; never negative if the counts agree)."""
    return mpp2_enrolled() - mpp2_returned() - mpp2_disenrolled()


# --- 2.4 nationalities of MPP 2.0 ----------------------------------------------------------------

def dec2021_nationalities() -> pd.Series:
    """MPP 2.0 enrolments of December 2021 by nationality (DHS cohort report of January 2022;
    people), indexed by nationality."""
    frame = load("mpp")
    rows = frame[(frame["series"] == "nationality") & (frame["period"] == "2021-12")]
    return rows.set_index("category")["count"].astype(int)


def nationality_shares() -> pd.Series:
    """Each nationality's December 2021 MPP 2.0 enrolments / all enrolments of the listed
    nationalities that month (DHS; shares that add up to 1), indexed by nationality."""
    counts = dec2021_nationalities().astype(float)
    return counts / counts.sum()


def nic_share() -> float:
    """Nicaraguans / all MPP 2.0 enrollees of December 2021 (DHS; a share)."""
    return float(nationality_shares()["Nicaragua"])


def dec2021_total() -> int:
    """MPP 2.0 enrolments in December 2021, DHS's monthly total (people)."""
    return _mpp("enrolled_by_period", "MPP 2.0 enrolments (DHS)", "2021-12")


def dec2021_listed() -> int:
    """December 2021 MPP 2.0 enrollees of all the nationalities DHS lists (people); equal to
    :func:`dec2021_total` when the list is complete."""
    return int(dec2021_nationalities().sum())


# --- 2.4 case outcomes of MPP 1.0 (TRAC, end of January 2021) ------------------------------------

def completed() -> int:
    """MPP 1.0 cases completed or closed by the end of January 2021 (TRAC; cases)."""
    return _outcome("completed")


def relief() -> int:
    """MPP 1.0 cases that ended in relief (asylum or other protection) by the end of January 2021
    (TRAC; cases)."""
    return _outcome("relief granted")


def removal() -> int:
    """MPP 1.0 cases that ended in a removal order, with or without the person present, by the
    end of January 2021 (TRAC; cases)."""
    return _outcome("removal ordered")


def in_absentia() -> int:
    """MPP 1.0 removal orders issued in absentia by the end of January 2021, a subset of
    :func:`removal` (TRAC; cases)."""
    return _outcome("removal ordered in absentia")


def terminated() -> int:
    """MPP 1.0 cases ended by the judge terminating the proceedings, as of June 2021 (TRAC's
    Austin Kocher; a later release than the other outcomes; cases)."""
    return _outcome("case terminated", "as of 2021-06")


def relief_rate() -> float:
    """Relief granted / completed MPP 1.0 cases, TRAC court records to end of January 2021 (a share)."""
    return relief() / completed()


def in_absentia_share() -> float:
    """In absentia removal orders / completed MPP 1.0 cases, end of January 2021 (TRAC; a share)."""
    return in_absentia() / completed()


def in_absentia_of_removals() -> float:
    """In absentia removal orders / all removal orders, MPP 1.0, end of January 2021 (TRAC; a share)."""
    return in_absentia() / removal()


def other() -> int:
    """Completed MPP 1.0 cases minus removal orders minus grants of relief, end of January 2021
    (TRAC; cases): the residual of terminated or otherwise closed cases."""
    return completed() - removal() - relief()


def other_share() -> float:
    """The residual group (:func:`other`) / completed MPP 1.0 cases, end of January 2021 (a share)."""
    return other() / completed()


def other_not_terminated() -> int:
    """The residual group (January 2021) minus the terminated cases (June 2021): cases closed in
    ways TRAC's summaries do not break down (cases; approximate, two releases)."""
    return other() - terminated()


def terminated_share_of_other() -> float:
    """Terminated cases (June 2021) / the residual group of completed cases (January 2021), MPP 1.0
    (TRAC; a share, approximate because the releases differ)."""
    return terminated() / other()


def outcomes() -> pd.DataFrame:
    """Completed MPP 1.0 cases at the end of January 2021 split into four groups: outcome, cases
    and share of completed (TRAC; cases and shares of :func:`completed`)."""
    table = pd.DataFrame({
        "outcome": ["Relief granted", "Removal order, in absentia", "Removal order, after a hearing",
                    "Terminated or closed, other"],
        "cases": [relief(), in_absentia(), removal() - in_absentia(), other()],
    })
    table["share of completed"] = table["cases"] / completed()
    return table


# --- 2.4 the relief rate over time, MPP 2.0 asylum --------------------------------------------

def relief_rate_snapshots() -> pd.DataFrame:
    """Relief granted / completed MPP 1.0 cases at every date where one source gives both counts:
    columns period, source, relief granted, completed (cases) and relief rate (a share), ordered
    by period and source."""
    frame = load("mpp")
    out = frame[frame["series"] == "outcome"]
    pairs = []
    for (period, source), group in out.groupby(["period", "source"]):
        cats = group.set_index("category")["count"]
        if "relief granted" in cats and "completed" in cats:
            pairs.append((period, source, int(cats["relief granted"]), int(cats["completed"])))
    table = pd.DataFrame(pairs, columns=["period", "source", "relief granted", "completed"])
    table["relief rate"] = table["relief granted"] / table["completed"]
    return table


def mpp2_asylum() -> int:
    """MPP 2.0 asylum grants by May 2022 (TRAC; cases)."""
    return _outcome("MPP 2.0 asylum granted", "as of 2022-05")


def mpp2_completed() -> int:
    """MPP 2.0 completed cases by May 2022 (TRAC; cases)."""
    return _outcome("MPP 2.0 completed", "as of 2022-05")


def mpp2_rate() -> float:
    """MPP 2.0 asylum grants / completed MPP 2.0 cases, by May 2022 (TRAC; a share)."""
    return mpp2_asylum() / mpp2_completed()


# --- 2.4 lawyers ----------------------------------------------------------------------------

def rep_2019() -> float:
    """Decided MPP cases with a lawyer / all decided MPP cases, end of June 2019 (TRAC; a share)."""
    decided = _outcome("decided (completed)", "as of 2019-06")
    return _mpp("represented", "represented (decided cases)", "as of 2019-06") / decided


# --- 2.5 border encounters --------------------------------------------------------------------

def swb_encounters() -> pd.Series:
    """Southwest border encounters (Border Patrol apprehensions plus port-of-entry inadmissibles)
    by fiscal year (CBP; encounters), indexed by fiscal year."""
    border = load("us_southwest_border")
    rows = border[border["measure"] == "swb_encounters_total"]
    return rows.set_index("fiscal_year")["count"].astype(int)


def swb_drop() -> float:
    """The fall in Southwest border encounters from FY2019 to FY2020, 1 - FY2020 / FY2019 (CBP;
    a positive share)."""
    swb = swb_encounters()
    return float(1 - swb[2020] / swb[2019])


# --- quiz: further derivations the chapter does not print ----------------------------------------

def mpp2_disenrolled_share() -> float:
    """MPP 2.0 people disenrolled (as of July 2022) / people enrolled (December 2021 to June
    2022), DHS cohort report (a share)."""
    return mpp2_disenrolled() / mpp2_enrolled()


def removal_share() -> float:
    """All removal orders, in absentia or after a hearing / completed MPP 1.0 cases, end of January
    2021 (TRAC; a share)."""
    return removal() / completed()


def swb_peak_may_2019() -> int:
    """Southwest border encounters in May 2019, the monthly peak (CBP via The Monitor, rounded as
    published; encounters, not Border Patrol apprehensions alone)."""
    return int(value("key_figures", measure="swb_encounters_peak", period="2019-05"))


def dhs_claimed_decline() -> float:
    """The fall in monthly Southwest border encounters from the May 2019 peak to September 2019
    that DHS claimed in October 2019 (a share, as published)."""
    return float(value("key_figures", measure="swb_apprehensions_decline_claimed", period="May 2019 peak to Sep 2019"))


def implied_sep_2019() -> float:
    """Southwest border encounters in September 2019 implied by DHS's claim: the May 2019 peak
    times (1 - the claimed decline) (encounters; approximate, both inputs are rounded)."""
    return swb_peak_may_2019() * (1 - dhs_claimed_decline())


def hrf_reported_2019() -> int:
    """Publicly reported violent attacks on people returned under MPP, Human Rights First's running
    tally as of December 2019 (reports)."""
    return int(value("key_figures", measure="hrf_reported_attacks", period="as of 2019-12"))


def hrf_reported_2021() -> int:
    """Publicly reported violent attacks on people returned under MPP, Human Rights First's running
    tally as of 19 February 2021 (reports; includes those of :func:`hrf_reported_2019`)."""
    return int(value("key_figures", measure="hrf_reported_attacks", period="as of 2021-02-19"))


def hrf_reported_added() -> int:
    """Reports added to Human Rights First's running tally between December 2019 and 19 February
    2021: the later tally minus the earlier one (reports)."""
    return hrf_reported_2021() - hrf_reported_2019()
