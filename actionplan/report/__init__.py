"""The yearly follow-up report as a document: one plain structure, printed as HTML, PDF and Word.

`model.build` turns the catalogue and the year's prose into a `Report`; the
writers (`html`, `pdf`, `docx`) only lay that structure out. WeasyPrint and
python-docx are imported by their writers alone, so that building or serving
the site never loads them.
"""
