"""Write the sample files of this folder, deterministically (same bytes every run).

    python workbooks/make_workbooks.py

* ``contacts.xlsx`` — names, phones, e-mails and join dates; the last column,
  "Phone (formatted)", is typed in three rows.  A second sheet holds a formula and a
  comment, to show that the rest of a workbook survives a fill.
* ``products.csv`` — product codes, names and prices; "Item number" typed in three rows.
* ``addresses.xlsx`` — street, city, state and ZIP (a number shown as "00000");
  "Mailing label" typed in two rows.
* ``staff.ods`` — a LibreOffice workbook: names, employee numbers and start dates
  (date cells); "Badge" typed in three rows.  One name has three words, one has
  one, one row has no name; a second sheet holds a formula and a comment.  The
  OpenDocument XML is written directly, so no LibreOffice is needed to make it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import openpyxl
from openpyxl.comments import Comment
from openpyxl.styles import Font

HERE = Path(__file__).resolve().parent
FIXED_TIME = dt.datetime(2024, 1, 1)

FIRST = ["Ava", "Liam", "Zoë", "Noah", "Mia", "Lucas", "Chloé", "Mateo", "Hana", "Omar", "Ingrid", "Jonas",
         "Priya", "Diego", "Aiko", "Tomasz", "Fatima", "Ewan", "Sofía", "Kwame"]
LAST = ["Johnson", "Smith", "Šimůnek", "Garcia", "Müller", "Brown", "Dubois", "Rossi", "Tanaka", "Haddad",
        "Larsen", "Weber", "Patel", "López", "Sato", "Nowak", "Khan", "MacLeod", "Fernández", "Mensah"]
CITIES = [("Boston", "MA", 2108), ("Portland", "OR", 97201), ("Austin", "TX", 73301), ("Denver", "CO", 80202),
          ("Newark", "NJ", 7102), ("Madison", "WI", 53703), ("Salem", "MA", 1970), ("Tucson", "AZ", 85701),
          ("Albany", "NY", 12207), ("Fresno", "CA", 93721), ("Dover", "DE", 19901), ("Provo", "UT", 84601)]
STREETS = ["Main St", "Oak Ave", "Maple Dr", "Cedar Ln", "Elm St", "Pine Rd", "Lake View Blvd", "Hill St"]
CATEGORIES = [("EL", "Desk lamp"), ("KT", "Kettle"), ("OF", "Office chair"), ("GD", "Garden hose"),
              ("EL", "USB charger"), ("TY", "Puzzle 1000 pcs"), ("KT", "Chef knife"), ("OF", "Stapler")]
COLOURS = ["BLK", "WHT", "RED", "BLU", "GRN"]


def _workbook(title: str, headers: list[str]):
    """A new workbook whose one sheet is ``title``, with a bold header row."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    return book, sheet


def contacts(path: Path) -> None:
    book, sheet = _workbook("Contacts", ["Name", "Phone", "Email", "Joined", "Phone (formatted)"])
    for i in range(20):
        first, last = FIRST[i], LAST[(i * 7) % len(LAST)]
        phone = f"{200 + (i * 37) % 700}-555-{1000 + (i * 397) % 9000:04d}"
        email = f"{first.lower()}.{last.lower()}@example.com".replace("ë", "e").replace("é", "e")
        email = email.replace("š", "s").replace("ů", "u").replace("ü", "u").replace("í", "i").replace("ó", "o")
        joined = dt.date(2019 + i % 5, 1 + (i * 5) % 12, 1 + (i * 11) % 28)
        sheet.append([f"{first} {last}", phone, email, joined, None])
        sheet.cell(row=i + 2, column=4).number_format = "yyyy-mm-dd"
    for row, value in ((2, None), (3, None), (5, None)):
        phone = sheet.cell(row=row, column=2).value
        sheet.cell(row=row, column=5).value = f"({phone[:3]}) {phone[4:]}"
    for letter, width in zip("ABCDE", (22, 16, 34, 12, 20)):
        sheet.column_dimensions[letter].width = width
    sheet["E1"].comment = Comment("Type the phone as it should look; flashfill fills the rest.", "Sample")
    summary = book.create_sheet("Summary")
    summary["A1"] = "Contacts"
    summary["B1"] = "=COUNTA(Contacts!A2:A21)"
    _save(book, path)


def products(path: Path) -> None:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["Code", "Product", "Price", "Item number"])
    for i in range(24):
        prefix, name = CATEGORIES[i % len(CATEGORIES)]
        code = f"{prefix}-{1000 + (i * 613) % 9000}-{COLOURS[i % len(COLOURS)]}"
        price = f"{4.5 + (i * 7.25) % 90:.2f}"
        item = code.split("-")[1] if i in (0, 1, 2) else ""
        writer.writerow([code, f"{name}, {COLOURS[i % len(COLOURS)].lower()}", price, item])
    path.write_bytes(buffer.getvalue().encode("utf-8"))


def addresses(path: Path) -> None:
    book, sheet = _workbook("Addresses", ["Street", "City", "State", "ZIP", "Mailing label"])
    for i in range(16):
        city, state, zip_code = CITIES[i % len(CITIES)]
        street = f"{10 + (i * 53) % 990} {STREETS[i % len(STREETS)]}"
        sheet.append([street, city, state, zip_code, None])
        sheet.cell(row=i + 2, column=4).number_format = "00000"
    for row in (2, 3):
        city, state, zip_code = (sheet.cell(row=row, column=c).value for c in (2, 3, 4))
        sheet.cell(row=row, column=5).value = f"{city}, {state} {zip_code:05d}"
    for letter, width in zip("ABCDE", (20, 12, 8, 8, 26)):
        sheet.column_dimensions[letter].width = width
    _save(book, path)


STAFF = [("Ava Johnson", 1042, dt.date(2019, 4, 1)), ("Liam Smith", 877, dt.date(2021, 11, 15)),
         ("Zoë Šimůnek", 1203, dt.date(2018, 2, 28)), ("Noah Garcia", 95, dt.date(2020, 7, 7)),
         ("Mary Ann Lee", 310, dt.date(2022, 1, 3)), ("Priya Patel", 2001, dt.date(2016, 10, 10)),
         ("Cher", 555, dt.date(2017, 5, 5)), ("Diego López", 48, dt.date(2023, 9, 30)),
         (None, 760, dt.date(2024, 2, 29)), ("Aiko Sato", 1311, dt.date(2015, 6, 1)),
         ("Kwame Mensah", 402, dt.date(2020, 12, 24)), ("Ingrid Larsen", 73, dt.date(2019, 3, 17))]
ODS = "application/vnd.oasis.opendocument.spreadsheet"
ODS_NAMESPACES = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2" office:version="1.3"'
)


def _ods_cell(value: object) -> str:
    """One ``table:table-cell`` of OpenDocument XML: text, a number, a date, or empty."""
    if value is None:
        return "<table:table-cell/>"
    if isinstance(value, dt.date):
        return (f'<table:table-cell table:style-name="date" office:value-type="date" '
                f'office:date-value="{value.isoformat()}"><text:p>{value.isoformat()}</text:p></table:table-cell>')
    if isinstance(value, int):
        return f'<table:table-cell office:value-type="float" office:value="{value}"><text:p>{value}</text:p></table:table-cell>'
    return f'<table:table-cell office:value-type="string"><text:p>{escape(str(value))}</text:p></table:table-cell>'


def staff(path: Path) -> None:
    rows = [["Name", "Employee no", "Started", "Badge"]]
    for i, (name, number, started) in enumerate(STAFF):
        badge = f"{name.split()[-1].upper()}-{number} ({started.year})" if i in (0, 1, 3) and name else None
        rows.append([name, number, started, badge])
    staff_rows = "".join("<table:table-row>" + "".join(_ods_cell(v) for v in row) + "</table:table-row>" for row in rows)
    notes = (
        '<table:table-row><table:table-cell office:value-type="string"><text:p>People</text:p>'
        "<office:annotation><dc:creator>Sample</dc:creator><text:p>Counted by a formula.</text:p></office:annotation>"
        '</table:table-cell><table:table-cell table:formula="of:=COUNTA([Staff.A2:.A13])" '
        f'office:value-type="float" office:value="{sum(1 for s in STAFF if s[0])}"/></table:table-row>'
    )
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ODS_NAMESPACES}>'
        '<office:automatic-styles><number:date-style style:name="iso"><number:year number:style="long"/>'
        '<number:text>-</number:text><number:month number:style="long"/><number:text>-</number:text>'
        '<number:day number:style="long"/></number:date-style>'
        '<style:style style:name="date" style:family="table-cell" style:data-style-name="iso"/>'
        "</office:automatic-styles><office:body><office:spreadsheet>"
        f'<table:table table:name="Staff"><table:table-column table:number-columns-repeated="4"/>{staff_rows}</table:table>'
        f'<table:table table:name="Notes"><table:table-column table:number-columns-repeated="2"/>{notes}</table:table>'
        "</office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
        f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{ODS}"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w") as target:
        for name, data, method in (("mimetype", ODS, zipfile.ZIP_STORED),
                                   ("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED),
                                   ("content.xml", content, zipfile.ZIP_DEFLATED)):
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME.timetuple()[:6])
            info.compress_type = method
            target.writestr(info, data.encode("utf-8"))


def _save(book: openpyxl.Workbook, path: Path) -> None:
    """Save with fixed timestamps so the file's bytes do not depend on when it was made."""
    book.properties.created = FIXED_TIME
    book.properties.modified = FIXED_TIME
    buffer = io.BytesIO()
    book.save(buffer)
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source, \
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = _fixed_core(data)
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, data)


def _fixed_core(data: bytes) -> bytes:
    text = data.decode("utf-8")
    import re

    text = re.sub(r"(<dcterms:modified[^>]*>)[^<]*", r"\g<1>2024-01-01T00:00:00Z", text)
    return text.encode("utf-8")


def main() -> None:
    contacts(HERE / "contacts.xlsx")
    products(HERE / "products.csv")
    addresses(HERE / "addresses.xlsx")
    staff(HERE / "staff.ods")


if __name__ == "__main__":
    main()
