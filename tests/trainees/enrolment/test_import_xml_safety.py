"""Uploaded workbooks are parsed with defusedxml present: an XML entity in a sheet (a "billion laughs"
bomb, or a plain entity that would change what a cell says) is refused with a clear message, never
expanded."""

import io
import zipfile

import openpyxl.xml
import pytest

from tests.builders import make_course
from tests.factories import UnitFactory
from tests.trainees.import_files import trainee_rows, workbook_bytes
from trainees.enrolment import imports

pytestmark = pytest.mark.django_db

BILLION_LAUGHS = (
    '<!DOCTYPE worksheet [<!ENTITY lol "lol">'
    + "".join('<!ENTITY lol%d "%s">' % (n, ("&lol%s;" % (n - 1 or "")) * 10) for n in range(1, 10))
    + "]>"
)
PLAIN_ENTITY = '<!DOCTYPE worksheet [<!ENTITY who "Trần Văn Giả">]>'
UNSAFE = (
    "Tệp có khai báo thực thể XML, một thủ đoạn của tệp độc hại, nên không được đọc. Đồng chí mở tệp bằng "
    "Excel, lưu thành một tệp .xlsx mới rồi tải tệp đó lên."
)


def _with_entity(doctype: str, reference: str) -> bytes:
    """A unit's list whose first name cell is ``reference``, declared in the sheet's DOCTYPE."""
    rows = trainee_rows(2)
    rows[0][1] = "PLACEHOLDER-NAME"
    source = zipfile.ZipFile(io.BytesIO(workbook_bytes(rows)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = data.decode()
                start = text.index("<worksheet")
                data = (text[:start] + doctype + text[start:]).replace("PLACEHOLDER-NAME", reference).encode()
            target.writestr(item, data)
    return out.getvalue()


def test_openpyxl_parses_with_defusedxml():
    assert openpyxl.xml.DEFUSEDXML is True


@pytest.mark.parametrize(
    "doctype, reference", [(BILLION_LAUGHS, "&lol9;"), (PLAIN_ENTITY, "&who;")], ids=["billion laughs", "entity"]
)
def test_a_workbook_with_xml_entities_is_refused_not_expanded(doctype, reference):
    course = make_course()
    with pytest.raises(imports.ImportFileError) as refused:
        imports.import_parse(data=_with_entity(doctype, reference), course=course)
    assert str(refused.value) == UNSAFE


def test_the_upload_page_shows_the_message(client, clerk):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    client.force_login(clerk)
    course = make_course()
    data = _with_entity(BILLION_LAUGHS, "&lol9;")
    response = client.post(
        reverse("import_upload", args=[course.pk]),
        {"unit": UnitFactory().pk, "file": SimpleUploadedFile("danh-sach.xlsx", data)},
        follow=True,
    )
    assert response.status_code == 200
    assert UNSAFE in response.content.decode()
