"""Every upload template is in the LSE layout and passes validation as it is."""

from __future__ import annotations

import pytest
from conftest import upload

from nhs_core import schema as s
from nhs_core.store import templates


@pytest.mark.parametrize("table", templates.available())
def test_each_template_is_recognised_as_its_table_without_problems(table: str) -> None:
    name, data = templates.template_csv(table)
    result = upload((name, data))
    assert result.report.problems == []
    assert [f.table for f in result.files] == [table]
    assert data.decode().splitlines()[0].split(",") == list(templates.layout(table)[1])


def test_templates_cover_the_four_tables_of_the_lse_extract_and_the_workforce_tables() -> None:
    lse = {s.APPOINTMENTS, s.DURATIONS, s.CATEGORIES, s.TWEETS}
    assert set(templates.available()) == lse | {s.SDS_ROLES, s.OVERVIEW}
