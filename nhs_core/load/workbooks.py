"""Excel workbooks (.xlsx) read with fastexcel (calamine): one raw frame per sheet that has a header row."""

from __future__ import annotations

import fastexcel
import pandas as pd

from nhs_core.load.files import RawFrame
from nhs_core.load.problems import Problem, problem


def read_xlsx(label: str, data: bytes) -> tuple[list[RawFrame], list[Problem]]:
    """Every sheet of a workbook that has a header row, or the problem that stops the workbook being read."""
    try:
        reader = fastexcel.read_excel(data)
        names = reader.sheet_names
    except Exception:  # calamine reports damage with several error types
        return [], [problem("xlsx.damaged", label)]
    frames = []
    for name in names:
        try:
            header, body = _load_sheet(reader, name)
        except Exception:
            return [], [problem("xlsx.sheet_damaged", label, sheet=name)]
        if header is None:
            continue
        headers = [str(h) if h is not None and h == h else "" for h in header.iloc[0].tolist()]
        body.columns = range(body.shape[1])
        frames.append(RawFrame(label, headers[: body.shape[1]], body, sheet=name))
    if not frames:
        return [], [problem("xlsx.no_data", label)]
    return frames, []


def _load_sheet(reader: fastexcel.ExcelReader, name: str) -> tuple[pd.DataFrame | None, pd.DataFrame | None]:
    """(first row read as text, cells typed by calamine) of one sheet; (None, None) when it is empty."""
    header = reader.load_sheet(name, header_row=None, n_rows=1, dtypes="string").to_pandas()
    if header.empty:
        return None, None
    return header, reader.load_sheet(name).to_pandas()
