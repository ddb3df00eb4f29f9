"""The report form's lines are the Appendix's, verbatim and in order."""

import re
from pathlib import Path

from compliance.report_form import TABLE1_LINES, TABLE2_HEADER, TABLE2_SUBHEADER

DECISION = Path(__file__).resolve().parents[2] / "docs" / "decision-96-QD-UBND-2021.txt"


def appendix_rows():
    text = DECISION.read_text(encoding="utf-8")
    appendix = text[text.index("1. Kết quả cung cấp thông tin"):text.index("2. Công tác tiếp nhận")]
    rows = []
    for line in appendix.splitlines():
        cells = line.split("\t")
        if len(cells) >= 2 and (re.fullmatch(r"\d+(\.\d+)?", cells[0]) or (not cells[0] and cells[1].startswith("-"))):
            rows.append((cells[0], cells[1]))
    return rows


def test_table1_lines_are_the_appendix_rows_in_order():
    assert [(line.number, line.label) for line in TABLE1_LINES] == appendix_rows()


def test_table2_columns_are_the_appendix_columns():
    text = DECISION.read_text(encoding="utf-8")
    header = text[text.index("STT\tTên cơ quan"):].splitlines()[:2]
    assert [c for c in header[0].split("\t") if c] == list(TABLE2_HEADER)
    assert [c for c in header[1].split("\t") if c] == list(TABLE2_SUBHEADER)
