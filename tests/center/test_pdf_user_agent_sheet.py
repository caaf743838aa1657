"""The PDF helper renders with WeasyPrint's user-agent sheet less the rules of pseudo-elements no document
has (footnotes, notes; list markers when there is no list): a sixth of a certificate's rendering time."""

import io

from pypdf import PdfReader
from weasyprint.html import UA

from center.pdf import html_to_pdf, lean_ua_rules


def test_the_lean_sheet_leaves_out_footnotes_and_notes_and_markers_only_without_lists():
    with_lists, without = lean_ua_rules(lists=True), lean_ua_rules(lists=False)
    for rule in ("::footnote-call", "::footnote-marker", "::note-call", "::note-marker", "::note-callback"):
        assert rule in UA and rule not in with_lists and rule not in without
    assert "::marker" in with_lists and "::marker" not in without
    assert len(UA.splitlines()) - len(with_lists.splitlines()) == 5  # nothing else goes


def test_a_document_with_a_list_still_prints_its_markers():
    html = (
        '<html><head><link rel="stylesheet" href="/static/css/print-doc.css"></head><body class="doc">'
        "<ul><li>Như Điều 3;</li><li>Lưu VT.</li></ul><ol><li>một</li><li>hai</li></ol></body></html>"
    )
    text = PdfReader(io.BytesIO(html_to_pdf(html))).pages[0].extract_text()
    assert "Như Điều 3;" in text and text.count("•") == 2 and "2." in text
