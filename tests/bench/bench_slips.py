"""Account slips for a whole class: the print page of 200 slips (each a new one-time code), in the request.

Builds a throw-away test database with the production password hashers (the test settings use MD5), then times
1. hashing one code with the code hasher and with the password hasher (what every code cost before);
2. the print page of 200 slips (POST, HTML: codes issued, logins created, page laid out);
3. the PDF request, which only queues the sheet for the worker, and the worker's build of it.
Issue 18's bar: a request never runs longer than a few seconds whatever the course size.

    .venv/bin/python -m tests.bench slips
"""

import os
import time

from tests.bench.harness import run_in_test_database

TRAINEES = int(os.environ.get("BENCH_SLIPS_TRAINEES", "200"))


def main() -> None:
    run_in_test_database(_run)


def _run() -> None:
    from django.conf import settings
    from django.contrib.auth.hashers import make_password
    from django.test import Client
    from django.urls import reverse

    from center.generated import generated_file_run
    from center.models import GeneratedFile
    from tests.builders import course_with_trainees
    from tests.factories import UserFactory
    from trainees.accounts.services import secret_hash
    from trainees.models import Enrolment

    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    ]
    settings.ALLOWED_HOSTS = ["*"]
    started = time.perf_counter()
    secret_hash("ABCD2345")
    code_ms = (time.perf_counter() - started) * 1000
    started = time.perf_counter()
    make_password("ABCD2345")
    password_ms = (time.perf_counter() - started) * 1000
    print(f"one code: {code_ms:.1f} ms with the code hasher, {password_ms:.0f} ms with the password hasher")
    print(f"  200 codes with the password hasher alone would take {password_ms * TRAINEES / 1000:.1f} s")

    course = course_with_trainees(approved=TRAINEES, sessions=2, code="SLIPS")
    ids = list(Enrolment.objects.filter(course=course).values_list("trainee_id", flat=True))
    clerk = UserFactory(username="canbo", roles=["clerk"])
    client = Client()
    client.force_login(clerk)
    url = reverse("account_slips")
    started = time.perf_counter()
    response = client.post(url, {"trainee": ids, "course": course.pk, "format": "html", "replace": "yes"})
    html_s = time.perf_counter() - started
    assert response.status_code == 200, response.status_code
    print(f"print page of {TRAINEES} slips: {html_s:.2f} s")

    started = time.perf_counter()
    response = client.post(url, {"trainee": ids, "course": course.pk, "format": "pdf", "replace": "yes"})
    queued_s = time.perf_counter() - started
    assert response.status_code == 302, response.status_code
    file = GeneratedFile.objects.get(kind="account_slips_pdf")
    started = time.perf_counter()
    generated_file_run(file_id=file.pk)
    build_s = time.perf_counter() - started
    file.refresh_from_db()
    print(
        f"PDF of {TRAINEES} slips: request {queued_s * 1000:.0f} ms (queued), "
        f"worker {build_s:.2f} s ({file.size:,} bytes)"
    )
