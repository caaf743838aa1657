"""Files made in the background: asked for once, made by the worker with progress, offered on their page,
downloaded by their owner or a manager only, removed by ``portal_cleanup`` after a while."""

import datetime
import io
import zipfile

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from center import generated
from center.models import GeneratedFile
from courses.models import Course
from tests.builders import completed, make_course, make_generated_file
from tests.factories import UserFactory
from trainees.certificates.services import certificates_issue_for_course

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(director):
    course = make_course(status=Course.Status.FINISHED, sessions=2, code="DVM-2026-09")
    completed(course, 3, by=director)
    certificates_issue_for_course(course=course, by=director, issued_on=datetime.date(2026, 12, 17))
    return course


def _run_worker(monkeypatch):
    """The real worker (``manage.py db_worker``), in this process until the queue is empty. It closes
    old connections between tasks, which would end the test's transaction: not here."""
    from django_tasks_db.management.commands import db_worker

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    call_command("db_worker", batch=True, no_startup_delay=True, interval=0, verbosity=0)


def test_the_zip_is_queued_made_by_the_worker_and_offered_on_its_page(client, clerk, course, monkeypatch):
    client.force_login(clerk)
    url = reverse("certificates_course_zip", args=[course.pk])
    response = client.get(url)
    file = GeneratedFile.objects.get()
    assert response.url == reverse("generated_file", args=[file.pk])
    assert client.get(url).url == response.url  # asked again while waiting: the same file, made once
    page = client.get(response.url).content.decode()
    assert '<meta http-equiv="refresh" content="2">' in page and "Đang chờ đến lượt" in page
    assert client.get(reverse("generated_file_download", args=[file.pk])).url == response.url

    _run_worker(monkeypatch)

    file.refresh_from_db()
    assert (file.status, file.done, file.total) == (GeneratedFile.Status.READY, 3, 3)
    page = client.get(response.url).content.decode()
    assert "http-equiv" not in page and reverse("generated_file_download", args=[file.pk]) in page
    download = client.get(reverse("generated_file_download", args=[file.pk]))
    assert download["Content-Type"] == "application/zip" and "GCN%20DVM-2026-09.zip" in download["Content-Disposition"]
    with zipfile.ZipFile(io.BytesIO(b"".join(download))) as archive:
        assert len(archive.namelist()) == 3


def test_the_whole_course_pdf_is_made_in_the_background_too(client, clerk, course, immediate_tasks):
    client.force_login(clerk)
    page = client.get(reverse("certificates_course_pdf", args=[course.pk]), follow=True)
    file = page.context["file"]
    assert file.status == GeneratedFile.Status.READY and file.filename == "GCN DVM-2026-09.pdf"
    download = client.get(reverse("generated_file_download", args=[file.pk]))
    assert download["Content-Type"] == "application/pdf" and download.content.startswith(b"%PDF")


def test_a_course_without_certificates_is_a_404_and_queues_nothing(client, clerk):
    client.force_login(clerk)
    course = make_course(status=Course.Status.FINISHED)
    assert client.get(reverse("certificates_course_zip", args=[course.pk])).status_code == 404
    assert not GeneratedFile.objects.exists()


def test_only_the_owner_and_managers_may_see_or_download_a_file(client, lecturer, other_lecturer, clerk, director):
    file = make_generated_file(owner=lecturer)
    for user, status in ((lecturer, 200), (other_lecturer, 404), (clerk, 200), (director, 200)):
        client.force_login(user)
        assert client.get(reverse("generated_file", args=[file.pk])).status_code == status
        assert client.get(reverse("generated_file_download", args=[file.pk])).status_code == status
    client.logout()
    assert client.get(reverse("generated_file_download", args=[file.pk])).status_code == 302


def test_a_failed_file_says_so_in_vietnamese_and_the_next_request_makes_a_new_one(client, clerk, course, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("font missing")

    monkeypatch.setitem(generated._BUILDERS, "certificates_zip", broken)
    client.force_login(clerk)
    first = client.get(reverse("certificates_course_zip", args=[course.pk])).url
    _run_worker(monkeypatch)
    page = client.get(first).content.decode()
    assert "Không tạo được tệp" in page and "font missing" not in page
    assert client.get(reverse("certificates_course_zip", args=[course.pk])).url != first


def test_progress_is_written_as_the_file_is_made(clerk, monkeypatch):
    seen = []

    def build(*, params, progress):
        for done in range(1, 4):
            progress(done, 3)
            seen.append(GeneratedFile.objects.values_list("done", "total").get())
        return "x.txt", "text/plain", b"x"

    monkeypatch.setitem(generated._BUILDERS, "test_kind", build)
    monkeypatch.setattr(generated, "PROGRESS_EVERY", 0)
    file = GeneratedFile.objects.create(owner=clerk, kind="test_kind", title="x", expires_at=timezone.now())
    generated.generated_file_run(file_id=file.pk)
    assert seen == [(1, 3), (2, 3), (3, 3)]
    file.refresh_from_db()
    assert file.status == GeneratedFile.Status.READY and file.percent == 100


def test_portal_cleanup_removes_expired_and_abandoned_files_only(clerk):
    now = timezone.now()
    expired = make_generated_file(owner=clerk, expires_at=now - datetime.timedelta(minutes=1))
    kept = make_generated_file(owner=clerk)
    waiting = make_generated_file(owner=clerk, status=GeneratedFile.Status.QUEUED)
    abandoned = make_generated_file(owner=clerk, status=GeneratedFile.Status.RUNNING)
    GeneratedFile.objects.filter(pk=abandoned.pk).update(created_at=now - datetime.timedelta(hours=2))
    out = io.StringIO()
    call_command("portal_cleanup", stdout=out)
    assert "2 generated files" in out.getvalue()
    assert set(GeneratedFile.objects.values_list("pk", flat=True)) == {kept.pk, waiting.pk}
    assert not GeneratedFile.objects.filter(pk__in=[expired.pk, abandoned.pk]).exists()


def test_someone_elses_pending_file_is_not_reused(client, clerk, course):
    other_clerk = UserFactory(username="canbo2", roles=["clerk"])
    client.force_login(clerk)
    mine = client.get(reverse("certificates_course_zip", args=[course.pk])).url
    client.force_login(other_clerk)
    assert client.get(reverse("certificates_course_zip", args=[course.pk])).url != mine
