import datetime

import pytest
from django.core import mail

from center.audit import audit_for
from center.models import Center
from courses.models import Programme
from tests.builders import awareness_programme, make_course, make_programme
from tests.factories import TraineeFactory
from trainees.enrolment import services as svc
from trainees.models import Enrolment, Trainee

pytestmark = pytest.mark.django_db(transaction=False)


def _submit(trainee, course, by, **kwargs):
    return svc.enrolment_submit(trainee=trainee, course=course, by=by, **kwargs)


def test_submission_is_pending_and_recorded(clerk):
    course = make_course()
    enrolment = _submit(TraineeFactory(), course, clerk, nomination_number="125-CV/ĐU")
    assert enrolment.status == Enrolment.Status.PENDING
    assert enrolment.sending_unit == enrolment.trainee.unit
    entry = audit_for(enrolment).get()
    assert (entry.action, entry.actor) == ("enrolment.submitted", clerk)


def test_the_same_trainee_cannot_be_enrolled_twice(clerk):
    course, trainee = make_course(), TraineeFactory()
    _submit(trainee, course, clerk)
    with pytest.raises(svc.EnrolmentError) as exc:
        _submit(trainee, course, clerk)
    assert exc.value.message == svc.ALREADY_ENROLLED


def test_a_party_member_is_refused_from_the_awareness_course_with_the_rule_named(clerk):
    course = make_course(programme=awareness_programme())
    member = TraineeFactory(party_status=Trainee.PartyStatus.FULL)
    with pytest.raises(svc.NotEligible) as exc:
        _submit(member, course, clerk)
    assert "đã là đảng viên — không thuộc đối tượng lớp nhận thức về Đảng" in str(exc.value.message)
    assert not Enrolment.objects.exists()


def test_only_a_decider_may_override_and_the_override_is_recorded(clerk, director):
    course = make_course(programme=awareness_programme())
    member = TraineeFactory(party_status=Trainee.PartyStatus.FULL)
    with pytest.raises(svc.NotEligible) as exc:
        _submit(member, course, clerk, override_reason="Đồng ý của Thường trực")
    assert exc.value.message == svc.OVERRIDE_NOT_ALLOWED
    enrolment = _submit(member, course, director, override_reason="Đồng ý của Thường trực")
    assert enrolment.eligibility_override == "Đồng ý của Thường trực"
    assert audit_for(enrolment).filter(action="enrolment.eligibility_overridden").exists()


def test_eligibility_is_checked_again_on_approval(clerk, director):
    course = make_course(programme=awareness_programme())
    trainee = TraineeFactory()
    enrolment = _submit(trainee, course, clerk)
    trainee.party_status = Trainee.PartyStatus.PROBATIONARY  # admitted meanwhile
    trainee.save()
    with pytest.raises(svc.NotEligible):
        svc.enrolment_approve(enrolment=enrolment, by=director)
    approved = svc.enrolment_approve(enrolment=enrolment, by=director, override_reason="Đã học trước khi kết nạp")
    assert approved.status == Enrolment.Status.APPROVED
    assert approved.eligibility_override == "Đã học trước khi kết nạp"


def test_new_member_rule_counts_months_before_the_course(clerk):
    programme = make_programme(eligibility=Programme.Eligibility.NEW_PARTY_MEMBER, months=12)
    course = make_course(programme=programme, start_date=datetime.date(2026, 12, 7))
    recent = TraineeFactory(party_status="probationary", party_admitted_on=datetime.date(2026, 3, 1))
    old = TraineeFactory(party_status="full", party_admitted_on=datetime.date(2020, 3, 1))
    assert svc.eligibility_problem(trainee=recent, course=course) == ""
    assert "01/03/2020" in svc.eligibility_problem(trainee=old, course=course)
    committee = make_course(programme=make_programme(eligibility=Programme.Eligibility.COMMITTEE_MEMBER))
    assert svc.eligibility_problem(trainee=recent, course=committee)
    assert svc.eligibility_problem(trainee=TraineeFactory(is_committee_member=True), course=committee) == ""


def test_clerk_lecturer_and_undelegated_deputy_cannot_decide(clerk, lecturer, deputy):
    enrolment = _submit(TraineeFactory(), make_course(), clerk)
    for user in (clerk, lecturer, deputy):
        with pytest.raises(svc.EnrolmentError) as exc:
            svc.enrolment_approve(enrolment=enrolment, by=user)
        assert exc.value.message == svc.NOT_A_DECIDER


def test_the_delegated_deputy_may_decide(clerk, deputy, center):
    center.approval_delegate = deputy
    center.save()
    enrolment = _submit(TraineeFactory(), make_course(), clerk)
    assert svc.enrolment_approve(enrolment=enrolment, by=deputy).status == Enrolment.Status.APPROVED
    Center.objects.update(approval_delegate=None)


def test_capacity_is_never_exceeded_refuse_or_waitlist(clerk, director):
    course = make_course(capacity=2)
    enrolments = [_submit(TraineeFactory(), course, clerk) for _ in range(4)]
    svc.enrolment_approve(enrolment=enrolments[0], by=director)
    svc.enrolment_approve(enrolment=enrolments[1], by=director)
    with pytest.raises(svc.CourseFull) as exc:
        svc.enrolment_approve(enrolment=enrolments[2], by=director)
    assert str(exc.value.message) == str(svc.COURSE_FULL % {"capacity": 2}) == "Lớp đã đủ: cả 2 chỗ đã được duyệt."
    waitlisted = svc.enrolment_approve(enrolment=enrolments[3], by=director, when_full=svc.WHEN_FULL_WAITLIST)
    assert waitlisted.status == Enrolment.Status.WAITLISTED
    assert Enrolment.objects.filter(course=course, status="approved").count() == 2


def test_withdrawal_frees_a_seat_for_promotion_from_the_waiting_list(clerk, director):
    course = make_course(capacity=1)
    first, second = (_submit(TraineeFactory(), course, clerk) for _ in range(2))
    svc.enrolment_approve(enrolment=first, by=director)
    svc.enrolment_waitlist(enrolment=second, by=director)
    with pytest.raises(svc.CourseFull):
        svc.enrolment_promote(enrolment=second, by=director)
    with pytest.raises(svc.EnrolmentError) as exc:
        svc.enrolment_withdraw(enrolment=first, by=director, reason="  ")
    assert exc.value.message == svc.REASON_REQUIRED
    svc.enrolment_withdraw(enrolment=first, by=director, reason="Ốm dài ngày")
    promoted = svc.enrolment_promote(enrolment=second, by=director)
    assert promoted.status == Enrolment.Status.APPROVED
    actions = list(audit_for(second).values_list("action", flat=True))
    assert actions == ["enrolment.promoted", "enrolment.waitlisted", "enrolment.submitted"]
    assert audit_for(first).first().reason == "Ốm dài ngày"


def test_rejection_needs_a_reason_and_cannot_be_decided_twice(clerk, director):
    enrolment = _submit(TraineeFactory(), make_course(), clerk)
    with pytest.raises(svc.EnrolmentError) as exc:
        svc.enrolment_reject(enrolment=enrolment, by=director, reason="")
    assert exc.value.message == svc.REASON_REQUIRED
    svc.enrolment_reject(enrolment=enrolment, by=director, reason="Không đúng đối tượng")
    with pytest.raises(svc.EnrolmentError):
        svc.enrolment_approve(enrolment=enrolment, by=director)
    enrolment.refresh_from_db()
    assert (enrolment.status, enrolment.decided_by, enrolment.decision_reason) == (
        "rejected",
        director,
        "Không đúng đối tượng",
    )


def test_trainees_with_an_email_hear_of_the_decision(clerk, director, django_capture_on_commit_callbacks):
    course = make_course()
    approved = _submit(TraineeFactory(email="hong@example.vn"), course, clerk)
    rejected = _submit(TraineeFactory(email="hung@example.vn"), course, clerk)
    silent = _submit(TraineeFactory(email=""), course, clerk)
    with django_capture_on_commit_callbacks(execute=True):
        svc.enrolment_approve(enrolment=approved, by=director)
        svc.enrolment_reject(enrolment=rejected, by=director, reason="Đơn vị đã cử người khác")
        svc.enrolment_approve(enrolment=silent, by=director)
    assert [m.to for m in mail.outbox] == [["hong@example.vn"], ["hung@example.vn"]]
    yes, no = mail.outbox
    assert "đã được duyệt" in yes.subject and course.title in yes.subject
    assert f"/t/{course.public_token}/" in yes.body
    assert "Đơn vị đã cử người khác" in no.body and "Đơn vị đã cử người khác" in no.alternatives[0][0]


def test_bulk_decisions_report_each_refusal(clerk, director):
    course = make_course(capacity=2)
    enrolments = [_submit(TraineeFactory(), course, clerk) for _ in range(3)]
    done, failures = svc.enrolments_decide(enrolments=enrolments, action="approve", by=director)
    assert len(done) == 2 and len(failures) == 1
    assert failures[0][0] == enrolments[2]
    with pytest.raises(svc.EnrolmentError):
        svc.enrolments_decide(enrolments=[enrolments[2]], action="reject", by=director, reason="")


def test_the_trainee_and_enrolment_pages_show_the_history(client, clerk, director):
    from django.urls import reverse

    trainee = TraineeFactory()
    enrolment = _submit(trainee, make_course(), clerk)
    svc.enrolment_reject(enrolment=enrolment, by=director, reason="Sai đối tượng cử đi học")
    client.force_login(clerk)
    for url in (reverse("trainee_detail", args=[trainee.pk]), reverse("enrolment_detail", args=[enrolment.pk])):
        page = client.get(url).content.decode()
        assert "Gửi ghi danh" in page and "Không duyệt ghi danh" in page and "Sai đối tượng cử đi học" in page


def test_when_enrolment_is_closed_only_the_director_may_still_submit(clerk, director):
    course = make_course()
    course.enrolment_open = False
    course.save()
    with pytest.raises(svc.EnrolmentError) as exc:
        _submit(TraineeFactory(), course, clerk)
    assert exc.value.message == svc.ENROLMENT_CLOSED
    assert _submit(TraineeFactory(), course, director).status == Enrolment.Status.PENDING
