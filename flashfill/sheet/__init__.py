"""The spreadsheet rules shared by every spreadsheet front end (Excel add-in, Calc extension).

``region`` says which cells the Flash Fill button reads and fills, ``fill``
what it writes, marks and reports, ``column`` what the ``FLASHFILL`` worksheet
function returns, and ``cells`` how a cell's value reads as text.  Front ends
translate their application's cells into these calls and the answers back.
"""
