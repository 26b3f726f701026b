"""The one CSV writer every export uses (dolisa_site.exports): bytes and headers pinned."""

import pytest

from dolisa_site import exports

ROWS = [["Mã", "Tên"], ["=1+1", "Lao động"], [5, None], ["a,b", 'x"y'], ["-3", "@x"], [-3, "\tx"]]
EXPECTED = (
    b"\xef\xbb\xbf"  # UTF-8 byte-order mark, for Excel
    b"M\xc3\xa3,T\xc3\xaan\r\n"
    b"'=1+1,Lao \xc4\x91\xe1\xbb\x99ng\r\n"
    b"5,\r\n"
    b'"a,b","x""y"\r\n'
    b"'-3,'@x\r\n"
    b"-3,'\tx\r\n"
)


def test_csv_response_bytes_and_headers():
    response = exports.csv_response(ROWS, "thống kê.csv")
    assert response.content == EXPECTED
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == "attachment; filename*=utf-8''th%E1%BB%91ng%20k%C3%AA.csv"


def test_an_ascii_file_name_is_plain():
    assert exports.csv_response([["a"]], "truy-cap.csv")["Content-Disposition"] == 'attachment; filename="truy-cap.csv"'


@pytest.mark.parametrize("value", ["=SUM(A1)", "+1", "-1", "@A1", "\tx", "\rx"])
def test_formula_looking_text_is_quoted(value):
    assert exports.safe_cell(value) == "'" + value


@pytest.mark.parametrize("value", [-1, 3.5, None, "Lao động", "1-2", ""])
def test_other_values_are_unchanged(value):
    assert exports.safe_cell(value) == value
