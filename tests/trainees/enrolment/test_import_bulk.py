"""Confirming an import writes in bulk: the number of queries does not grow with the rows, and what is
written is what one-by-one saving wrote (history entries, sending unit, nomination document)."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext

from center.models import AuditEntry
from tests.builders import make_course
from tests.factories import TraineeFactory, UnitFactory
from tests.trainees.import_files import trainee_rows, workbook_bytes
from trainees.enrolment import imports
from trainees.models import Enrolment, Trainee

pytestmark = pytest.mark.django_db


def _commit_queries(course, rows, clerk, sender) -> int:
    read = imports.import_read(data=workbook_bytes(rows))
    with CaptureQueriesContext(connection) as ctx:
        imports.import_commit(rows=read, course=course, by=clerk, sending_unit=sender, nomination_number="12-CV/ĐU")
    return len(ctx.captured_queries)


def test_the_queries_of_a_commit_do_not_grow_with_the_rows(clerk):
    # Within one insert batch (SQLite takes 999 parameters a statement: about 40 trainees); a 2 000-row
    # file adds one query per batch, not 13 per row.
    ContentType.objects.get_for_models(Trainee, Enrolment)  # the history's content types, cached
    sender = UnitFactory()
    TraineeFactory(citizen_id="079100000001")  # one row of each file matches a record
    few = _commit_queries(make_course(capacity=100), trainee_rows(5, seed=1000), clerk, sender)
    many = _commit_queries(make_course(capacity=100), trainee_rows(30, seed=2000), clerk, sender)
    assert many == few


def test_the_bulk_commit_writes_trainees_enrolments_and_their_history(clerk):
    sender = UnitFactory(name="Đảng ủy xã Phú Hưng")
    course = make_course(capacity=20)
    known = TraineeFactory(citizen_id="079100000003")
    rows = trainee_rows(4)
    rows[3][8] = known.citizen_id
    _commit_queries(course, rows, clerk, sender)
    enrolments = Enrolment.objects.filter(course=course).select_related("trainee")
    assert enrolments.count() == 4
    assert {e.sending_unit_id for e in enrolments} == {sender.pk}
    assert {e.nomination_number for e in enrolments} == {"12-CV/ĐU"}
    assert {e.status for e in enrolments} == {Enrolment.Status.PENDING}
    assert known.pk in {e.trainee_id for e in enrolments}
    new = Trainee.objects.exclude(pk=known.pk).filter(enrolments__course=course)
    assert new.count() == 3 and all(t.search_name and t.sort_key for t in new)
    assert AuditEntry.objects.filter(action="trainee.created", actor=clerk).count() == 3
    submitted = AuditEntry.objects.filter(action="enrolment.submitted", actor=clerk)
    assert sorted(submitted.values_list("object_id", flat=True)) == sorted(e.pk for e in enrolments)
    assert submitted.first().data == {"course": course.pk, "nomination_number": "12-CV/ĐU"}


def test_a_citizen_id_saved_meanwhile_rolls_back_everything_with_a_message(clerk, monkeypatch):
    course = make_course(capacity=20)
    rows = trainee_rows(3)
    read = imports.import_read(data=workbook_bytes(rows))
    real_preview = imports.import_preview

    def preview_then_someone_saves(**kwargs):
        preview = real_preview(**kwargs)
        TraineeFactory(citizen_id=rows[1][8], date_of_birth=datetime.date(1980, 1, 1))
        return preview

    monkeypatch.setattr(imports, "import_preview", preview_then_someone_saves)
    with pytest.raises(imports.ImportFileError) as caught:
        imports.import_commit(rows=read, course=course, by=clerk, sending_unit=UnitFactory())
    assert caught.value.message == imports.SAVED_MEANWHILE
    assert not Enrolment.objects.filter(course=course).exists()
    assert Trainee.objects.count() == 0
