"""The child process that parses one untrusted workbook with fastexcel (calamine), under a memory limit.

calamine can abort the whole process (SIGABRT) on a tiny hostile file, e.g. a sheet with cells at A1 and
XFD1048576 makes it allocate 512 GiB; no ``except`` can catch that. So the parse runs here, in a process of
its own, and ``workbooks`` reads the result from files: ``python workbook_worker.py FOLDER MEMORY_BYTES``
reads ``FOLDER/book.xlsx`` and writes ``FOLDER/sheets.json`` plus one Arrow file per sheet with data.

Run as a script, never imported by the app: it imports only fastexcel and pyarrow, so it starts quickly.
"""

from __future__ import annotations

import json
import resource
import sys
from pathlib import Path


def _limit_memory(limit: int) -> None:
    """Cap this process's address space, so a runaway allocation fails here instead of using the server's RAM."""
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _sheet(reader, name: str, index: int, folder: Path) -> dict:
    """One sheet: its header row as text and its cells (typed by calamine) written as an Arrow file."""
    import pyarrow as pa

    try:
        header = reader.load_sheet(name, header_row=None, n_rows=1, dtypes="string").to_arrow()
        if header.num_rows == 0:
            return {"name": name, "status": "empty"}
        body = reader.load_sheet(name).to_arrow()
    except Exception:  # calamine reports damage with several error types
        return {"name": name, "status": "damaged"}
    path = folder / f"{index}.arrow"
    with pa.OSFile(str(path), "wb") as sink, pa.ipc.new_file(sink, body.schema) as writer:
        writer.write(body)
    cells = [header.column(i)[0].as_py() for i in range(header.num_columns)]
    return {"name": name, "status": "ok", "header": [c if c is not None else "" for c in cells], "file": path.name}


def main(folder: Path, memory: int) -> None:
    _limit_memory(memory)
    import fastexcel

    try:
        reader = fastexcel.read_excel(str(folder / "book.xlsx"))
        names = reader.sheet_names
    except Exception:
        result = {"damaged": True, "sheets": []}
    else:
        result = {"damaged": False, "sheets": [_sheet(reader, n, i, folder) for i, n in enumerate(names)]}
    (folder / "sheets.json").write_text(json.dumps(result))


if __name__ == "__main__":
    main(Path(sys.argv[1]), int(sys.argv[2]))
