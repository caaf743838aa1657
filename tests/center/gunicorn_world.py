"""Run by ``test_generated_files_gunicorn`` in a process of its own (``manage.py shell``) against the file
database that gunicorn and the workers open: a finished course of 200 trainees with their certificates,
three managers logged in. Prints ``<course pk> <session key> <session key> <session key>``."""

import datetime

from django.test import Client

from courses.models import Course
from tests.builders import completed, make_course
from tests.factories import CenterFactory, UserFactory
from trainees.certificates.services import certificates_issue_for_course

COUNT = 200

CenterFactory()
director = UserFactory(username="giamdoc", roles=["director"])
people = [
    director,
    UserFactory(username="phogiamdoc", roles=["deputy"]),
    UserFactory(username="canbo", roles=["clerk"]),
]
course = make_course(status=Course.Status.FINISHED, sessions=2, code="GCN-2026-200")
completed(course, COUNT, by=director)
certificates_issue_for_course(course=course, by=director, issued_on=datetime.date(2026, 12, 17))
keys = []
for person in people:
    client = Client()
    client.force_login(person)
    keys.append(client.cookies["sessionid"].value)
print(course.pk, *keys)
