"""One record per shared filter: everything the app, the URL and the words of a selection need to know.

The selection (`filters.Filters`), `filter_frame`, `ignored_filters`, `describe`, the URL round trip, the
sidebar's widgets and their session keys, and the download file names all read `FILTERS`, so adding a filter
is one `Filter` record here (plus its options in `filters.options` when they are not the values present in
its column). Everything reads `FILTERS` when it runs, never a copy made at import, so a test can add a filter
by replacing `FILTERS` alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from nhs_core import schema as s


@dataclass(frozen=True)
class Filter:
    """A multi-value filter of the shared selection.

    Attributes
    ----------
    name : str
        Its name in `Filters` (`Filters(regions=(...))`, `filters.regions`) and in page code (`extra=`).
    column : str
        The canonical column it applies to.
    query : str
        Its name in the URL query string (`?region=E40000003`); the widget's session key is built from it.
    widget_label : str
        The sidebar widget's label, abbreviations expanded.
    label : str
        The short label used in the selection in words ("ICB: Frimley") and in "has no ... breakdown".
    area_level : int or None
        Its place in the region -> ICB -> sub-ICB narrowing chain (0 is the widest; each area's choices are
        narrowed by the areas chosen above it); None when it is not an area.
    help : str or None
        The sidebar widget's help text.
    """

    name: str
    column: str
    query: str
    widget_label: str
    label: str
    area_level: int | None = None
    help: str | None = None

    @property
    def is_area(self) -> bool:
        """Whether it selects areas (geography) rather than values of a breakdown."""
        return self.area_level is not None


FILTERS: tuple[Filter, ...] = (
    Filter("regions", s.REGION, "region", "Region", "Region", area_level=0),
    Filter(
        "icbs",
        s.ICB,
        "icb",
        "Integrated care board (ICB)",
        "ICB",
        area_level=1,
        help="Listed for the regions chosen above.",
    ),
    Filter(
        "sub_icbs",
        s.SUB_ICB,
        "sub_icb",
        "Sub-ICB location",
        "Sub-ICB location",
        area_level=2,
        help="Listed for the ICBs chosen above. Only tables with sub-ICB rows (durations, national categories, "
        "daily) can be narrowed this way.",
    ),
    Filter("statuses", s.STATUS, "status", "Appointment status", "Status"),
    Filter("modes", s.MODE, "mode", "Appointment mode", "Mode"),
    Filter("hcps", s.HCP, "hcp", "Healthcare professional (HCP) type", "HCP type"),
    Filter(
        "lead_times",
        s.LEAD,
        "lead",
        "Time from booking to appointment",
        "Booking lead time",
        help="Only the monthly and daily appointment tables record it; the access shares are of the bands chosen.",
    ),
)


def get(name: str) -> Filter:
    """The filter called `name`.

    Raises
    ------
    KeyError
        When no filter has that name.
    """
    for item in FILTERS:
        if item.name == name:
            return item
    raise KeyError(f"no filter is called {name!r}; the filters are {', '.join(names())}")


def names() -> tuple[str, ...]:
    """Every filter's name, in registry order."""
    return tuple(item.name for item in FILTERS)


def areas() -> tuple[Filter, ...]:
    """The area filters, widest first: the narrowing chain region -> ICB -> sub-ICB."""
    return tuple(sorted((item for item in FILTERS if item.is_area), key=lambda item: item.area_level))


def breakdowns() -> tuple[Filter, ...]:
    """The filters that are not areas (status, mode, HCP type ...), in registry order."""
    return tuple(item for item in FILTERS if not item.is_area)
