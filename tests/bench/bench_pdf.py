"""Course roster PDF of 300 trainees: the portal's cost over WeasyPrint's.

Builds a throw-away test database with a course of 300 approved trainees, then times
1. the portal: GET of the roster PDF as the clerk (middleware, access check, the roster query, data
   assembly, template, WeasyPrint), and
2. WeasyPrint alone (``center.pdf.html_to_pdf``) on the very same HTML (captured from the portal's run),
and prints both and their ratio. The issue's bar: the portal adds at most 25 %.

    .venv/bin/python -m tests.bench pdf        (or: make bench)
"""

import gc
import os
import time

from tests.bench.harness import run_in_test_database

COUNT = int(os.environ.get("BENCH_ROSTER", "300"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))


def main() -> None:
    run_in_test_database(_run)


def _run() -> None:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    import center.pdf
    from tests.builders import course_with_trainees
    from tests.factories import UserFactory

    course = course_with_trainees(approved=COUNT, pending=10, sessions=10, code="BENCH-ROSTER")
    clerk = UserFactory(username="canbo", roles=["clerk"])
    client = Client()
    client.force_login(clerk)
    url = reverse("course_roster_pdf", args=[course.pk])

    real_html_to_pdf = center.pdf.html_to_pdf
    captured: list[str] = []
    inside: list[float] = []

    def timed_html_to_pdf(html, **kwargs):
        captured.append(html)
        started = time.perf_counter()
        try:
            return real_html_to_pdf(html, **kwargs)
        finally:
            inside.append(time.perf_counter() - started)

    center.pdf.html_to_pdf = timed_html_to_pdf
    try:
        client.get(url)  # warm-up: fonts, templates, imports
        html = captured[-1]
        portal_times, weasy_times, own_work = [], [], []
        for round_number in range(ROUNDS):
            # Alternate which of the two goes first, and start each from a collected heap: a render leaves
            # much garbage behind, and whichever runs second would otherwise pay for it.
            for which in ("portal", "weasyprint") if round_number % 2 == 0 else ("weasyprint", "portal"):
                gc.collect()
                if which == "portal":
                    inside.clear()
                    with CaptureQueriesContext(connection) as queries:
                        started = time.perf_counter()
                        response = client.get(url)
                        portal_times.append(time.perf_counter() - started)
                    own_work.append(portal_times[-1] - sum(inside))
                    assert response.status_code == 200 and response.content.startswith(b"%PDF"), response.status_code
                    assert captured[-1] == html  # the same HTML every time
                else:
                    started = time.perf_counter()
                    content = real_html_to_pdf(html)
                    weasy_times.append(time.perf_counter() - started)
                    assert content.startswith(b"%PDF")
    finally:
        center.pdf.html_to_pdf = real_html_to_pdf

    import io

    from pypdf import PdfReader

    pages = len(PdfReader(io.BytesIO(response.content)).pages)
    portal, weasy = min(portal_times), min(weasy_times)
    print(f"Roster PDF, {COUNT} trainees, {pages} pages ({len(response.content) / 1e3:.0f} kB), {len(queries)} queries")
    print(f"  through the portal (GET {url}): {portal:.2f} s   [runs: {', '.join(f'{t:.2f}' for t in portal_times)}]")
    print(f"  WeasyPrint alone, same HTML:     {weasy:.2f} s   [runs: {', '.join(f'{t:.2f}' for t in weasy_times)}]")
    print(f"  ratio portal / WeasyPrint:       {portal / weasy:.3f}  (bar: at most 1.25)")
    best = portal_times.index(portal)
    print(
        f"  inside the best portal run: {portal - own_work[best]:.2f} s WeasyPrint + {own_work[best]:.3f} s portal work"
        f" (request, queries, template) = +{own_work[best] / (portal - own_work[best]):.1%}"
    )


if __name__ == "__main__":
    main()
