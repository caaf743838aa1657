"""Printed documents of a course: roster, sign-in sheet, list for approval (HTML, PDF, Excel).

``selectors`` assembles the data (a fixed number of queries whatever the size of the course), ``context``
turns it into what the templates under ``templates/print/`` draw, and ``renderers`` return
``(filename, content_type, bytes)`` as pretix's renderers do.
"""
