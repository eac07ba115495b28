"""Page prose longer than a line or two, kept as Markdown files beside this module (``<name>.md``).

`prose(name, **values)` reads ``name.md`` and fills its ``{placeholders}``. Every value is escaped for Markdown
(`export.plain`), so a file name, a person's name or an area typed by a user shows as typed and can never add
formatting or links; wrap a value in `Markdown` to pass library text that carries its own marks (``**bold**``).
The files ship with the package (`pyproject.toml` package-data) and are read with importlib.resources.
"""

from __future__ import annotations

import string
from functools import lru_cache
from importlib import resources

from nhs_core.present.export import plain


class Markdown(str):
    """Library text that is already Markdown: `prose` puts it in as it is, unescaped."""


@lru_cache(maxsize=64)
def template(name: str) -> str:
    """The text of ``name.md`` as written, without its final newline.

    Raises
    ------
    FileNotFoundError
        When there is no such file, naming the files there are.
    """
    folder = resources.files(__package__)
    path = folder / f"{name}.md"
    if not path.is_file():
        known = sorted(p.name.removesuffix(".md") for p in folder.iterdir() if p.name.endswith(".md"))
        raise FileNotFoundError(f"No page text {name!r} in nhs_core/present/text (there are: {', '.join(known)}).")
    return path.read_text(encoding="utf-8").rstrip("\n")


def placeholders(name: str) -> set[str]:
    """The ``{placeholders}`` of ``name.md``."""
    return {field for _, field, _, _ in string.Formatter().parse(template(name)) if field}


def prose(name: str, **values: object) -> str:
    """The Markdown of ``name.md`` with its placeholders filled by `values`, each escaped unless `Markdown`.

    >>> prose("findings_footer", capacity="1,200,000 appointments a working day")[:45]
    'Planned capacity used: 1,200,000 appointments'

    Raises
    ------
    ValueError
        When `values` leave a placeholder unfilled or name one the text does not have.
    """
    wanted = placeholders(name)
    if set(values) != wanted:
        missing = sorted(wanted - set(values))
        extra = sorted(set(values) - wanted)
        raise ValueError(f"Page text {name!r} needs {sorted(wanted)}; missing {missing}, not in the text {extra}.")
    safe = {key: value if isinstance(value, Markdown) else plain(str(value)) for key, value in values.items()}
    return template(name).format(**safe)
