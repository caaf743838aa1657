"""Demo trainee logins for the trainee portal (runs last in settings.DEMO_SEEDERS).

Three trainees approved for a course in progress (the first in roster order; trainees.learning.demo gives
them attendance and an earlier course with a certificate) get a login with the demo password, so the portal can be
tried at once (``hocvien1``…``hocvien3``); one open correction request shows the staff's task list. Real
trainees never get a password from anyone: they activate with a printed code and choose their own.
"""

import datetime

from django.utils import timezone

from center.models import Unit
from center.text import fold, name_sort_key
from courses.models import Course
from staff.demo import DEMO_PASSWORD
from trainees.accounts.services import trainee_account_ensure
from trainees.models import CorrectionRequest, Enrolment, Trainee, TraineeAccount

DEMO_TRAINEES = [
    # username, family and middle name, given name, date of birth, phone
    ("hocvien1", "Nguyễn Văn", "An", datetime.date(1988, 3, 12), "0912345678"),
    ("hocvien2", "Trần Thị", "Bình", datetime.date(1992, 7, 5), "0987654321"),
    ("hocvien3", "Lê Hoàng", "Châu", datetime.date(1985, 11, 20), "0905123456"),
]


def _course() -> Course | None:
    return (
        Course.objects.filter(status=Course.Status.IN_PROGRESS).order_by("start_date").first()
        or Course.objects.exclude(status=Course.Status.CANCELLED).order_by("-start_date").first()
    )


def _trainees(course: Course) -> list[Trainee]:
    """Trainees already approved for the course (from the enrolment demo; they have attendance, and the
    first ones a certificate from an earlier course, see trainees.learning.demo), else three made here."""
    approved = list(
        Trainee.objects.filter(
            enrolments__course=course, enrolments__status=Enrolment.Status.APPROVED, merged_into=None
        ).order_by("sort_key", "pk")[: len(DEMO_TRAINEES)]
    )
    if approved:
        return approved
    unit = Unit.objects.order_by("pk").first()
    made = []
    for _username, family, given, born, phone in DEMO_TRAINEES:
        trainee = Trainee.objects.create(
            family_name=family,
            given_name=given,
            date_of_birth=born,
            phone=phone,
            unit=unit,
            search_name=fold(f"{family} {given}"),
            sort_key=name_sort_key(given, family),
        )
        Enrolment.objects.create(
            trainee=trainee,
            course=course,
            sending_unit=unit,
            status=Enrolment.Status.APPROVED,
            decided_at=timezone.now(),
        )
        made.append(trainee)
    return made


def seed(*, stdout=None) -> dict:
    course = _course()
    if course is None:
        return {"trainee_logins": 0}
    trainees = _trainees(course)
    for (username, *_rest), trainee in zip(DEMO_TRAINEES, trainees, strict=False):
        user = trainee_account_ensure(trainee=trainee, by=None)
        user.username = username
        user.set_password(DEMO_PASSWORD)
        user.save()
        TraineeAccount.objects.filter(trainee=trainee).update(activated_at=timezone.now())
    if trainees:
        CorrectionRequest.objects.create(
            trainee=trainees[0], text="Đề nghị sửa chức vụ: nay là Phó Bí thư Chi bộ ấp Phú Lợi."
        )
    return {"trainee_logins": len(trainees), "correction_requests": 1 if trainees else 0}
