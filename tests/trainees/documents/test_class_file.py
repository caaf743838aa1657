"""The class file (hồ sơ lớp): sealed once the completion list is confirmed, drawn once and kept, made into one
PDF with a table of contents and a ZIP of the separate documents by the background worker."""

import io
import subprocess
import zipfile
from decimal import Decimal

import pytest
from django.urls import reverse
from pypdf import PdfReader

from courses.models import Course, IssuedDocument
from tests.builders import add_session, enrol, make_course, make_trainee, make_unit
from trainees.certificates import services as certificates
from trainees.documents import classfile, issuing
from trainees.enrolment import officers
from trainees.learning import services as learning
from trainees.learning.services import Mark
from trainees.models import Certificate, ClassFile, Enrolment

KIND = IssuedDocument.Kind
pytestmark = pytest.mark.django_db
# What an inspector reads, in this order: the class's numbered documents and the sheets drawn from its records.
EVERY_PART = [
    KIND.OPENING_DECISION,
    KIND.OFFICERS_DECISION,
    KIND.SUMMONS,
    "roster",
    "timetable",
    "signin",
    "attendance",
    "results",
    KIND.COMPLETION_DECISION,
    KIND.RESULTS_NOTICE,
    "certificates",
    "history",
]


def _text(content: bytes, tmp_path) -> str:
    path = tmp_path / "file.pdf"
    path.write_bytes(content)
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True).stdout
    return " ".join(out.split())


def _no_progress(done, total):
    pass


@pytest.fixture
def finished(director, lecturer):
    """A finished class of three: attendance taken, papers marked, officers named, every numbered document
    issued, the list confirmed, certificates issued."""
    unit = make_unit("Đảng ủy xã Phú Hưng")
    course = make_course(status=Course.Status.FINISHED, code="NTVD.2026.09")
    sessions = [add_session(course, periods=5), add_session(course, periods=5, part="afternoon")]
    sessions.append(add_session(course, periods=2, day=1))
    people = [
        ("Nguyễn Văn", "An", "Phật giáo", "xã Phú Hưng, tỉnh Vĩnh Long"),
        ("Lê Thị", "Bình", "", "xã An Hòa, tỉnh Vĩnh Long"),
        ("Trần Quốc", "Cường", "Công giáo", ""),
    ]
    roster = [
        enrol(
            make_trainee(family_name=f, given_name=g, religion=r, hometown=h, unit=unit, education_level="12/12"),
            course,
            sending_unit=unit,
        )
        for f, g, r, h in people
    ]
    marks = [Mark(e.pk, s.pk, "present") for e in roster for s in sessions]
    marks[2] = Mark(roster[0].pk, sessions[2].pk, "excused")  # An: 10 of 12 periods
    learning.attendance_save_course(course=course, sessions=sessions, marks=marks, roster=roster, by=lecturer)
    for kind in (KIND.OPENING_DECISION,):
        issuing.issue_course_document(course=course, kind=kind, by=director, issued_on=course.start_date)
    officers.class_officers_set(course=course, administrator=None, monitor=roster[1], deputies=[roster[2]], by=director)
    issuing.issue_course_document(course=course, kind=KIND.OFFICERS_DECISION, by=director)
    issuing.issue_course_document(course=course, kind=KIND.SUMMONS, unit=unit, by=director)
    learning.results_record(course=course, scores={e.pk: Decimal("8.0") for e in roster}, by=lecturer)
    learning.completion_review(
        course=course, decisions={e.pk: Enrolment.Completion.COMPLETED for e in roster}, by=director
    )
    learning.completion_confirm(course=course, by=director, decided_on=course.end_date)
    issuing.issue_course_document(course=course, kind=KIND.RESULTS_NOTICE, unit=unit, by=director)
    certificates.certificates_issue_for_course(course=course, by=director, issued_on=course.end_date)
    return course


def test_sealing_keeps_every_document_of_the_class(finished, director):
    sealed = classfile.class_file_seal(course=finished, by=director)

    titles = [p.title for p in sealed.parts.order_by("order")]
    keys = [p.key for p in sealed.parts.order_by("order")]
    assert keys == EVERY_PART
    assert titles[0].startswith("Quyết định mở lớp số 01-QĐ/TTCT")
    roster = sealed.parts.get(key="roster").content
    assert "Phật giáo" in roster and "Công giáo" in roster and "xã Phú Hưng, tỉnh Vĩnh Long" in roster
    assert "Lớp trưởng" in roster and "Lớp phó" in roster


def test_the_pdf_opens_lists_every_document_and_reads_the_same_after_the_records_change(finished, director, tmp_path):
    sealed = classfile.class_file_seal(course=finished, by=director)

    filename, content_type, content = classfile.class_file_pdf(params={"class_file": sealed.pk}, progress=_no_progress)

    assert content_type == "application/pdf" and filename.endswith(".pdf")
    reader = PdfReader(io.BytesIO(content))
    text = _text(content, tmp_path)
    assert "HỒ SƠ LỚP HỌC" in text and "MỤC LỤC" in text
    parts = list(sealed.parts.order_by("order"))
    for part in parts:
        assert part.title.split(" số ")[0] in text, part.title
    # The contents give each document's first page: they add up to the whole file after the cover.
    cover_text = reader.pages[0].extract_text()
    assert "Nhật ký lớp học" in cover_text
    assert "BẢNG THEO DÕI CHUYÊN CẦN" in text
    assert "Trích sổ gốc cấp giấy chứng nhận".upper() in text.upper()

    Enrolment.objects.filter(course=finished).first().trainee.__class__.objects.filter(given_name="An").update(
        given_name="Ân", religion=""
    )
    again = _text(classfile.class_file_pdf(params={"class_file": sealed.pk}, progress=_no_progress)[2], tmp_path)
    assert again == text


def test_the_zip_holds_one_pdf_per_document_and_the_contents(finished, director):
    sealed = classfile.class_file_seal(course=finished, by=director)

    _name, content_type, content = classfile.class_file_zip(params={"class_file": sealed.pk}, progress=_no_progress)

    names = zipfile.ZipFile(io.BytesIO(content)).namelist()
    assert content_type == "application/zip"
    assert len([n for n in names if n.endswith(".pdf")]) == sealed.parts.count()
    assert names[0] == "00 - Mục lục.txt" and any(n.startswith("12 - Nhật ký lớp học") for n in names)


def test_a_class_without_a_confirmed_list_cannot_be_sealed(client, director):
    course = make_course(status=Course.Status.FINISHED)
    enrol(make_trainee(), course)
    client.force_login(director)
    page = client.get(reverse("course_detail", args=[course.pk])).content.decode()
    assert 'disabled><i class="bi bi-archive"></i> Lập hồ sơ lớp' in page

    response = client.post(reverse("class_file_seal", args=[course.pk]), follow=True)

    assert not ClassFile.objects.exists()
    assert "xác nhận danh sách hoàn thành" in response.content.decode()


def test_a_new_version_needs_a_reason_and_replaces_the_old_one(finished, client, clerk):
    client.force_login(clerk)
    client.post(reverse("class_file_seal", args=[finished.pk]))
    page = client.post(reverse("class_file_seal", args=[finished.pk]), follow=True).content.decode()
    assert ClassFile.objects.count() == 1 and "hãy nêu lý do" in page.lower()

    client.post(reverse("class_file_seal", args=[finished.pk]), {"reason": "Bổ sung giấy chứng nhận cấp lại"})

    first, second = ClassFile.objects.order_by("version")
    assert first.status == ClassFile.Status.REPLACED and second.status == ClassFile.Status.CURRENT
    assert second.reason == "Bổ sung giấy chứng nhận cấp lại"


def test_the_course_page_offers_the_file_as_pdf_and_zip_made_in_the_background(
    finished, client, clerk, immediate_tasks
):
    client.force_login(clerk)
    client.post(reverse("class_file_seal", args=[finished.pk]))
    sealed = ClassFile.objects.get()
    page = client.get(reverse("course_detail", args=[finished.pk])).content.decode()
    assert reverse("class_file_pdf", args=[sealed.pk]) in page and reverse("class_file_zip", args=[sealed.pk]) in page

    response = client.get(reverse("class_file_pdf", args=[sealed.pk]))

    assert response.status_code == 302
    file_page = client.get(response.url)
    download = client.get(reverse("generated_file_download", args=[response.url.rstrip("/").split("/")[-1]]))
    assert file_page.status_code == 200 and download.status_code == 200
    assert download["Content-Type"] == "application/pdf"


def test_the_class_file_is_the_director_s_and_the_clerks_not_the_deputy_s(
    finished, client, director, deputy, lecturer, immediate_tasks
):
    """It holds the trainees' religion (sensitive personal data)."""
    sealed = classfile.class_file_seal(course=finished, by=director)
    for user in (lecturer, deputy):
        client.force_login(user)
        assert client.get(reverse("class_file_pdf", args=[sealed.pk])).status_code in (403, 404)
        assert client.post(reverse("class_file_seal", args=[finished.pk])).status_code in (403, 404)
    assert "class-file" not in client.get(reverse("course_detail", args=[finished.pk])).content.decode()
    # A file the director had made is the director's only: the deputy cannot open it by its number.
    client.force_login(director)
    made = client.get(reverse("class_file_pdf", args=[sealed.pk])).url
    client.force_login(deputy)
    assert client.get(made).status_code == 404


def test_the_sheets_are_dated_as_the_class_ran_not_when_the_file_is_sealed(finished, director):
    sealed = classfile.class_file_seal(course=finished, by=director)

    def dated(key, day):
        return f"ngày {day:%d} tháng {day:%m} năm {day:%Y}" in sealed.parts.get(key=key).content

    assert finished.start_date != finished.end_date
    assert dated("signin", finished.start_date) and dated("roster", finished.start_date)
    assert dated("results", finished.end_date) and dated("attendance", finished.end_date)


def test_the_demo_has_a_finished_class_with_its_whole_file(tmp_path):
    from django.core.management import call_command

    call_command("seed_demo", stdout=io.StringIO())

    sealed = ClassFile.objects.get()
    keys = set(sealed.parts.values_list("key", flat=True))
    assert set(EVERY_PART) <= keys
    _name, _type, content = classfile.class_file_pdf(params={"class_file": sealed.pk}, progress=_no_progress)
    text = _text(content, tmp_path)
    assert "MỤC LỤC" in text
    for part in sealed.parts.all():
        assert part.title.split(" số ")[0] in text
    # The register's numbers follow its dates: the class's decisions come in the order they were signed.
    decisions = IssuedDocument.objects.filter(series="QĐ").order_by("number")
    dates = [d.issued_on for d in decisions]
    assert dates == sorted(dates)


def test_the_course_page_s_next_step_follows_the_wrap_up(finished, client, clerk, director):
    client.force_login(clerk)
    page = client.get(reverse("course_detail", args=[finished.pk])).content.decode()
    assert "Lập hồ sơ lớp để phục vụ kiểm tra và lưu trữ" in page

    classfile.class_file_seal(course=finished, by=director)

    page = client.get(reverse("course_detail", args=[finished.pk])).content.decode()
    assert "Đã hoàn tất: đã xác nhận hoàn thành, cấp giấy chứng nhận và lập hồ sơ lớp." in page
    Certificate.objects.filter(enrolment__course=finished).first().delete()
    page = client.get(reverse("course_detail", args=[finished.pk])).content.decode()
    assert "Cấp giấy chứng nhận cho 1 học viên hoàn thành (Quyết định công nhận hoàn thành số" in page


def test_a_kept_page_names_its_style_sheets_plainly_and_needs_no_collected_files(finished, director, settings):
    """Production's static storage hashes names from the manifest that collectstatic writes: a kept page that
    named a hashed file would lose its style once a later deployment no longer has that file, and the demo
    (seeded before collectstatic) could not seal at all."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    settings.STATIC_ROOT = str(settings.BASE_DIR / "no-such-static-root")

    sealed = classfile.class_file_seal(course=finished, by=director)

    for part in sealed.parts.all():
        assert 'href="/static/css/print-doc.css"' in part.content, part.key
    assert 'href="/static/css/courses-print.css"' in sealed.parts.get(key="timetable").content
