"""Workbooks made to hurt the import, written straight as zip archives (openpyxl could not even build some
of them in reasonable memory): a tiny file holding one huge shared string, a file with a great many rows
outside the known columns, and a zip whose headers lie about a member's size. Used by the import tests and
by ``python -m tests.bench uploads``."""

import io
import zipfile

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Danh sách" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'sharedStrings" Target="sharedStrings.xml"/></Relationships>'
)
SHEET_START = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    '<row r="1"><c r="A1" t="inlineStr"><is><t>STT</t></is></c>'
    '<c r="B1" t="inlineStr"><is><t>Họ và tên</t></is></c>'
    '<c r="C1" t="inlineStr"><is><t>Ngày sinh</t></is></c></row>'
)
SHEET_END = "</sheetData></worksheet>"


def _frame(archive: zipfile.ZipFile) -> None:
    archive.writestr("[Content_Types].xml", CONTENT_TYPES)
    archive.writestr("_rels/.rels", ROOT_RELS)
    archive.writestr("xl/workbook.xml", WORKBOOK)
    archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)


def huge_shared_string(megabytes: int) -> bytes:
    """A workbook whose one shared string unpacks to ``megabytes`` MB; it compresses about 1000 to 1
    (636 MB → a 617 KB file). The sheet uses it in one cell."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        _frame(archive)
        archive.writestr(
            "xl/worksheets/sheet1.xml", SHEET_START + '<row r="2"><c r="B2" t="s"><v>0</v></c></row>' + SHEET_END
        )
        with archive.open("xl/sharedStrings.xml", "w", force_zip64=True) as member:
            member.write(
                b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">'
                b"<si><t>"
            )
            chunk = b"A" * (1024 * 1024)
            for _ in range(megabytes):
                member.write(chunk)
            member.write(b"</t></si></sst>")
    return buffer.getvalue()


def many_rows(rows: int, *, column: str = "Z") -> bytes:
    """A workbook with the header, then ``rows`` rows that each hold a number in ``column`` only (outside
    the known columns, so every row of the list is "empty" for the import)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        _frame(archive)
        archive.writestr(
            "xl/sharedStrings.xml",
            '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"/>',
        )
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            member.write(SHEET_START.encode())
            batch = []
            for number in range(2, rows + 2):
                batch.append(f'<row r="{number}"><c r="{column}{number}"><v>1</v></c></row>')
                if len(batch) == 10000:
                    member.write("".join(batch).encode())
                    batch = []
            member.write(("".join(batch) + SHEET_END).encode())
    return buffer.getvalue()


def lying_sizes(megabytes: int = 40) -> bytes:
    """A workbook whose shared strings member says it unpacks to 1 KB but holds ``megabytes`` MB."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        _frame(archive)
        archive.writestr(
            "xl/worksheets/sheet1.xml", SHEET_START + '<row r="2"><c r="B2" t="s"><v>0</v></c></row>' + SHEET_END
        )
        archive.writestr(
            "xl/sharedStrings.xml",
            b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>'
            + b"A" * (megabytes * 1024 * 1024)
            + b"</t></si></sst>",
        )
    data = bytearray(buffer.getvalue())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        local = archive.getinfo("xl/sharedStrings.xml").header_offset
    central = data.rfind(b"xl/sharedStrings.xml") - 46  # the name follows the 46-byte central header
    assert data[central : central + 4] == b"PK\x01\x02" and data[local : local + 4] == b"PK\x03\x04"
    small = (1024).to_bytes(4, "little")
    data[local + 22 : local + 26] = small  # uncompressed size in the local header
    data[central + 24 : central + 28] = small  # and in the central directory
    return bytes(data)
