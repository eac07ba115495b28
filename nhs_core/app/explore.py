"""The explorer pages' anatomy: header, KPI row, chart with its picture downloads and the table behind it with
its CSV download, "About this data", and bulleted sentences.

Chart images are rendered only when their download button is pressed, so they cost a page rerun nothing. (The
shared filters are in `nhs_core.app.sidebar`, the cached metrics in `nhs_core.app.view`.)
"""

from __future__ import annotations

from collections.abc import Iterator

import pandas as pd
import streamlit as st

from nhs_core import schema as s
from nhs_core.analysis import filters as flt
from nhs_core.app import chartcache
from nhs_core.app.keys import Keys
from nhs_core.app.view import View
from nhs_core.present import export, images, memo, notes, standalone, workbook
from nhs_core.present.chartkit import with_badge


def header(title: str, question: str, view: View | None = None) -> None:
    """Title, the one line on what the page answers, and which data and selection it shows (with the store's
    warning when it fell back to an older version). Starts the page's list of tables for its Excel download."""
    st.session_state[Keys.PAGE_TABLES] = (title, [])
    st.title(title)
    st.markdown(question)
    if view is not None:
        if warning := getattr(view.data, "warning", None):
            st.warning(warning, icon=":material/warning:")
        shown = f"{view.data.banner}: {view.data.source} · showing {flt.describe(view.filters, view.names)}"
        st.caption(export.plain(shown))  # names typed in, file names and unknown areas show as typed


def _label(national: bool = False) -> standalone.Label:
    """What this page's exports say about themselves (set by the sidebar), for the selection or all of England."""
    return st.session_state.get(Keys.EXPORT_LABELS, (standalone.Label(),) * 2)[int(national)]


def _register(frame: pd.DataFrame, name: str, title: str = "") -> None:
    """Note a table shown on this run, for the page's Excel download."""
    if Keys.PAGE_TABLES in st.session_state:
        st.session_state[Keys.PAGE_TABLES][1].append(
            workbook.Sheet(name, frame, title, standalone.about_table(frame, _label()))
        )


def in_rows(items: list, per_row: int = 3) -> Iterator[tuple]:
    """(column, item) for each item, `per_row` columns to a row: ten download buttons in one row cut each label
    to its first two letters."""
    for start in range(0, len(items), per_row):
        yield from zip(st.columns(per_row), items[start : start + per_row])


def kpis(items: list[dict]) -> None:
    """A row of `st.metric`s, each item their keyword arguments (label, value, delta, help...)."""
    for column, item in zip(st.columns(len(items)), items):
        column.metric(**item)


def _column_config(frame: pd.DataFrame) -> dict:
    config = {}
    for column in frame.columns:
        label = s.label(str(column))
        kind = export.display_format(frame, column)
        if column == s.TWEET_TEXT:
            config[column] = st.column_config.TextColumn(label, width="large")
        elif kind in ("MMM YYYY", "YYYY-MM-DD"):
            config[column] = st.column_config.DatetimeColumn(label, format=kind)
        else:
            config[column] = st.column_config.NumberColumn(label, format=kind) if kind else label
    return config


def table(frame: pd.DataFrame, key: str, file_name: str, national: bool = False, title: str = "") -> None:
    """A table (text shown as plain text, never HTML) with its CSV download (formulas neutralised), named like the
    chart's pictures: after the chart and the selection (`national`: all of England)."""
    if s.TWEET_TEXT in frame:  # tweets wrap in full (a data grid cuts them to one line); text shown as typed
        st.table(export.plain_table(frame.rename(columns=s.label)), hide_index=True)
    else:
        st.dataframe(frame, hide_index=True, column_config=_column_config(frame), key=f"table_{key}")
    st.download_button(
        "Download CSV",
        lambda: export.csv_bytes(frame, labels=True),  # made when pressed: a rerun never pays for it
        file_name=f"{images.file_stem(file_name, _label(national).stem)}.csv",
        mime="text/csv",
        key=f"download_{key}",
        on_click="ignore",
    )
    _register(frame, file_name, f"{title} (all of England, whatever areas are selected)" if national else title)


def table_behind(
    frame: pd.DataFrame,
    key: str,
    file_name: str,
    label: str = "The table behind the chart",
    national: bool = False,
    title: str = "",
) -> None:
    """The chart's own table and its CSV download, in an expander."""
    with st.expander(label):
        table(frame, key, file_name, national, title)


def chart(
    chart_obj,
    frame: pd.DataFrame,
    key: str,
    file_name: str | None = None,
    empty: str | None = None,
    national: bool = False,
    badge: str | None = None,
) -> None:
    """An Altair chart themed by Streamlit, its picture downloads, then the table behind it; a message instead
    when `frame` is empty. `national`: the chart shows all of England whatever areas are selected (its pictures
    and table are named and labelled so). `badge` ("Synthetic sample", from `View.badge`) heads the chart's title,
    so its pictures carry it too, and the table's label."""
    if frame.empty:
        st.info(empty or "Nothing to show for this selection.", icon=":material/search_off:")
        return
    built = memo.key_of(chart_obj)  # a chart function's own key: the chart need not be fingerprinted again
    chart_obj = with_badge(chart_obj, badge)
    chartcache.draw(chart_obj, key=f"chart_{key}", known=f"memo:{built}:{badge}" if built else None)
    basis = standalone.about_table(frame, _label(national))
    image_downloads(chart_obj, key, file_name or key, national, basis)
    title = " ".join(standalone.title_text(chart_obj))
    label = "The table behind the chart" + (f" ({badge.lower()}: not real figures)" if badge else "")
    table_behind(frame, key, file_name or key, label, national=national, title=title)


def image_downloads(chart_obj, key: str, name: str, national: bool = False, basis: str = "") -> None:
    """A download of the chart in each of `images.IMAGE_FORMATS`, named after it and the selection, that stands
    alone: the selection, `basis` and the source are written on it. Each picture is rendered only when its
    button is pressed (Streamlit calls the data function then), so a rerun pays nothing for them."""
    label = _label(national)
    stem = images.file_stem(name, label.stem)
    with st.container(horizontal=True, gap="small"):
        for image in images.IMAGE_FORMATS:
            st.download_button(
                f"{image.label} image",
                lambda render=image.render: render(chart_obj, label=label, basis=basis),
                file_name=f"{stem}.{image.extension}",
                mime=image.mime,
                key=f"{image.extension}_{key}",
                on_click="ignore",
                type="tertiary",
                icon=":material/image:",
                help=f"Download this chart as a {image.label} picture, for documents and slides.",
            )


def about(*items: str, synthetic: bool = False) -> None:
    """The "About this data" expander: definitions and caveats, one bullet each; then the whole page as an Excel
    workbook (one sheet per table shown, and an "About" sheet with these notes and the selection)."""
    notes_shown = tuple(n for n in (*items, *((notes.SYNTHETIC,) if synthetic else ())) if concerns(n))
    with st.expander("About this data"):
        st.markdown("\n".join(f"- {item}" for item in notes_shown))
    page_download(notes_shown)


def concerns(note: str) -> bool:
    """Whether a caveat about some months (`notes.PERIODS`: Covid-19, DNA in 2018) concerns the months this page
    shows; "About this data" and the page's options leave out the ones that do not."""
    return notes.concerns(note, *_label().period)


def page_download(notes_shown: tuple[str, ...] = ()) -> None:
    """ "Download this page (Excel)": built only when pressed, from the tables this run showed."""
    title, sheets = st.session_state.get(Keys.PAGE_TABLES, ("", []))
    if not sheets:
        return
    label, shown = _label(), tuple(sheets)
    st.download_button(
        "Download this page (Excel)",
        lambda: workbook.page_xlsx(title, label, shown, notes_shown),
        file_name=f"{images.file_stem(title, label.stem)}.xlsx",
        mime=workbook.XLSX_MIME,
        key="download_page_xlsx",
        on_click="ignore",
        icon=":material/table_view:",
        help="Every table on this page, one sheet each, with an About sheet: the selection, source and definitions.",
    )


def bullets(lines: list[str]) -> None:
    """Sentences computed from the data, as a bulleted list (escaped, so names cannot inject Markdown)."""
    st.markdown("\n".join(f"- {export.plain(line)}" for line in lines) or "Nothing to report.")
