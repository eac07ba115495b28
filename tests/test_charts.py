"""nhs_core.charts: valid Vega-Lite with titles, tooltips, legend picking, vocabulary order, theme colours,
the Covid band and the capacity line."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from nhs_core import schema as s
from nhs_core.present import chartkit as kit
from nhs_core.present import charts, images


def _spec(chart) -> dict:
    return chart.to_dict()  # validates against the Vega-Lite schema


def _views(spec: dict) -> list[dict]:
    return spec.get("layer", [spec])


def _title(spec: dict) -> str:
    title = spec["title"]
    return title["text"] if isinstance(title, dict) else title


def _has_legend_pick(spec: dict) -> bool:
    params = [p for v in _views(spec) for p in v.get("params", [])] + spec.get("params", [])
    return any(p.get("bind") == "legend" for p in params)


def _no_palette(spec: dict) -> bool:
    return '"range"' not in json.dumps(spec) and '"scheme"' not in json.dumps(spec)


MONTHLY = pd.DataFrame(
    {
        s.MONTH: pd.date_range("2019-10-01", periods=24, freq="MS"),
        s.COUNT: range(24),
        s.PER_DAY: [float(i) for i in range(24)],
    }
)


def test_time_series_has_title_tooltips_and_covid_band():
    spec = _spec(charts.time_series(MONTHLY, s.COUNT, "Appointments peaked in Sep 2021", subtitle="England"))
    assert _title(spec) == "Appointments peaked in Sep 2021" and spec["title"]["subtitle"] == "England"
    band, body = _views(spec)
    assert band["layer"][0]["mark"]["type"] == "rect"
    assert body["encoding"]["tooltip"][0]["title"] == "Month"
    assert _no_palette(spec)


def test_no_covid_band_outside_the_period():
    later = MONTHLY.assign(**{s.MONTH: pd.date_range("2022-01-01", periods=24, freq="MS")})
    spec = _spec(charts.time_series(later, s.COUNT, "t"))
    assert "layer" not in spec
    assert charts.covid_band(later[s.MONTH]) is None


def test_covid_band_is_clipped_to_the_months_shown():
    band = charts.covid_band(pd.Series(pd.to_datetime(["2020-06-01", "2022-01-01"])))
    data = band.to_dict()["layer"][0]
    values = data.get("data", {}).get("values") or next(iter(band.to_dict()["datasets"].values()))
    assert values[0]["start"].startswith("2020-06-01") and values[0]["end"].startswith("2021-03-31")
    assert values[0]["label"] == s.COVID_LABEL and values[0]["short"] == "Covid-19"


def test_coloured_series_follow_the_vocabulary_and_pick_from_the_legend():
    frame = pd.DataFrame(
        {
            s.MONTH: pd.to_datetime(["2021-01-01"] * 3),
            s.STATUS: ["Unknown", "DNA", "Attended"],
            s.SHARE: [0.1, 0.1, 0.8],
            s.COUNT: [1, 1, 8],
        }
    )
    spec = _spec(
        charts.time_series(
            frame, s.SHARE, "t", color=s.STATUS, color_order=s.VOCABULARIES[s.STATUS], mark="area", normalize=True
        )
    )
    body = _views(spec)[-1]
    assert body["encoding"]["color"]["scale"]["domain"] == ["Attended", "DNA", "Unknown"]
    assert body["encoding"]["y"]["stack"] == "normalize"
    assert _has_legend_pick(spec) and '"scheme"' not in json.dumps(spec)
    palette = images.palette()  # the theme's colours, each status its own; unknown is grey in every chart
    assert body["encoding"]["color"]["scale"]["range"] == [palette[0], palette[1], kit.UNKNOWN_COLOUR]


def test_a_category_value_has_one_colour_in_every_chart():
    durations = s.VOCABULARIES[s.DURATION]
    everything = kit.category_colours(s.DURATION, durations)
    shown = kit.category_colours(s.DURATION, durations[2:])  # a chart showing some bins only
    assert shown == everything[2:] and everything[-1] == kit.UNKNOWN_COLOUR
    dist = pd.DataFrame({s.DURATION: ["1-5 Minutes", s.UNKNOWN_DQ], s.COUNT: [1, 2], s.KNOWN: [True, False]})
    scale = _views(_spec(charts.duration_bars(dist, "t")))[-1]["encoding"]["color"]["scale"]
    assert dict(zip(scale["domain"], scale["range"]))[s.UNKNOWN_DQ] == everything[-1]


def test_bar_chart_in_vocabulary_order_or_ranked():
    frame = pd.DataFrame({s.LEAD: ["1 Day", "Same Day"], s.DNA_RATE: [0.03, 0.02]})
    spec = _spec(charts.bar_chart(frame, s.LEAD, s.DNA_RATE, "DNA rises with lead time", order=s.VOCABULARIES[s.LEAD]))
    assert spec["encoding"]["y"]["sort"] == list(s.VOCABULARIES[s.LEAD])
    assert [t["field"] for t in spec["encoding"]["tooltip"]] == [s.LEAD, s.DNA_RATE]
    ranked = _spec(charts.bar_chart(frame, s.LEAD, s.DNA_RATE, "t"))
    assert ranked["encoding"]["y"]["sort"] == {"field": s.DNA_RATE, "order": "descending"}


def test_bar_chart_top_limits_rows():
    frame = pd.DataFrame({s.AREA: list("abcde"), s.COUNT: [5, 4, 3, 2, 1]})
    chart = charts.bar_chart(frame, s.AREA, s.COUNT, "t", top=2)
    assert len(chart.data) == 2


def test_stacked_bars_keep_the_row_order_and_legend_pick():
    frame = pd.DataFrame(
        {
            s.AREA: ["B", "B", "A", "A"],
            s.MODE: ["Face-to-Face", "Telephone"] * 2,
            s.COUNT: [8, 2, 6, 4],
            s.SHARE: [0.8, 0.2, 0.6, 0.4],
        }
    )
    spec = _spec(charts.stacked_bars(frame, s.AREA, s.COUNT, s.MODE, "t", color_order=["Face-to-Face", "Telephone"]))
    assert spec["encoding"]["y"]["sort"] == ["B", "A"]
    assert _has_legend_pick(spec)


def test_heatmap_orders_both_axes():
    frame = pd.DataFrame({s.LEAD: ["1 Day", "Same Day"], s.MODE: ["Telephone", "Face-to-Face"], s.DNA_COUNT: [3, 4]})
    spec = _spec(
        charts.heatmap(
            frame, s.LEAD, s.MODE, s.DNA_COUNT, "t", x_order=s.VOCABULARIES[s.LEAD], y_order=s.VOCABULARIES[s.MODE]
        )
    )
    assert spec["encoding"]["x"]["sort"][0] == "Same Day" and spec["encoding"]["y"]["sort"][0] == "Face-to-Face"
    assert spec["mark"]["type"] == "rect"


def test_capacity_chart_draws_the_planned_line():
    frame = pd.DataFrame(
        {
            s.MONTH: pd.to_datetime(["2021-06-01", "2021-07-01"]),
            s.COUNT: [30, 62],
            s.DAYS: [30, 31],
            s.PER_DAY: [1.0, 2.0],
            s.UTILISATION: [0.67, 1.33],
            s.ABOVE_CAPACITY: [False, True],
        }
    )
    spec = _spec(charts.capacity_chart(frame, 1.5, "July ran hottest"))
    marks = [v["mark"]["type"] for v in spec["layer"]]
    assert marks == ["bar", "rule", "text"]
    rule_data = json.dumps(spec["datasets"])
    assert '"capacity": 1.5' in rule_data and "Planned capacity: 2 a working day" in rule_data
    assert spec["layer"][0]["encoding"]["color"]["scale"]["domain"] == [
        "Within planned capacity",
        "Above planned capacity",
    ]


@pytest.mark.parametrize("builder", ["change_bars", "duration_bars", "scatter"])
def test_other_builders_are_valid(builder):
    if builder == "change_bars":
        frame = pd.DataFrame(
            {
                s.MONTH: pd.to_datetime(["2021-03-01", "2021-04-01"]),
                s.COUNT: [2, 1],
                s.YEAR_EARLIER: [1, 2],
                s.PCT_CHANGE: [1.0, -0.5],
            }
        )
        spec = _spec(charts.change_bars(frame, "t"))
        assert (
            spec["layer"][1]["encoding"]["y"]["axis"]["format"] == "+%" and "color" not in spec["layer"][1]["encoding"]
        )
    elif builder == "duration_bars":
        frame = pd.DataFrame(
            {
                s.DURATION: ["1-5 Minutes", s.UNKNOWN_DQ],
                s.COUNT: [1, 2],
                s.SHARE: [0.3, 0.7],
                s.SHARE_OF_KNOWN: [1.0, None],
                s.KNOWN: [True, False],
            }
        )
        spec = _spec(charts.duration_bars(frame, "t"))
        assert spec["encoding"]["y"]["sort"][-1] == s.UNKNOWN_DQ and _has_legend_pick(spec)
    else:
        frame = pd.DataFrame({s.ICB_NAME: ["a", "b"], s.GP_SHARE: [0.4, 0.5], s.MEAN_MINUTES: [10.0, 12.0]})
        spec = _spec(charts.scatter(frame, s.GP_SHARE, s.MEAN_MINUTES, s.ICB_NAME, "t"))
        assert spec["mark"]["type"] == "circle"
    assert _title(spec) == "t"


def test_heights_are_the_plot_area_and_the_width_fits():
    # Streamlit's default autosize "fit" squeezes title and axes into the height and crushes many-bar charts.
    frame = pd.DataFrame({s.AREA: list("abcdefgh"), s.COUNT: range(8)})
    spec = _spec(charts.bar_chart(frame, s.AREA, s.COUNT, "t"))
    assert spec["autosize"] == {"type": "fit-x", "contains": "padding"}
    assert spec["height"] == 24 * 8


def test_builders_accept_empty_frames():
    empty = MONTHLY.iloc[:0]
    assert _spec(charts.time_series(empty, s.COUNT, "t"))
    assert _spec(charts.bar_chart(pd.DataFrame({s.AREA: [], s.COUNT: []}), s.AREA, s.COUNT, "t"))


def test_long_titles_wrap_into_lines():
    title = "Appointments in London peaked in Jun 2021: 839,920, 27,997 a day, the busiest month on record"
    spec = _spec(charts.time_series(MONTHLY, s.COUNT, title))
    lines = spec["title"]["text"]
    assert isinstance(lines, list) and " ".join(lines) == title and all(len(line) <= 52 for line in lines)
