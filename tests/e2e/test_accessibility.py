"""axe-core (through axe-playwright-python, whose wheel ships axe.min.js: no network) on the main pages of
each role, at desktop width and at 360 px: no serious or critical violation. The phone run also saves
screenshots of the course page, the course list and the trainee list to test-artifacts/."""

import datetime

import pytest
from django.urls import reverse

from courses.models import Session
from tests.builders import course_with_trainees, enrol, make_trainee
from tests.e2e.conftest import ARTIFACTS as ARTIFACTS_DIR
from tests.e2e.conftest import PHONE, log_in, screenshot
from trainees.models import Enrolment

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": PHONE}
BLOCKING = ("serious", "critical")
# Pages used on a phone with a thumb: every button, link button and form control in <main> at least 44 px
# high (inline text links in sentences excepted).
TAP_PAGES = {"attendance_session", "portal_home", "portal_courses", "portal_details", "trainee_list"}
SMALL_TARGETS = """() => Array.from(document.querySelectorAll(
  "main .btn, main input:not([type=hidden]), main select, main textarea, main .form-check-label, main .page-link"
)).filter(el => el.offsetParent !== null && !el.classList.contains("btn-check"))
  .map(el => [el.outerHTML.slice(0, 80), el.getBoundingClientRect().height])
  .filter(([html, h]) => h < 44)"""
SCREENSHOTS = {"course_detail": "course-page-360", "course_list": "course-list-360", "trainee_list": "trainee-list-360"}


def _world(director, clerk, lecturer, trainee_user):
    today = datetime.date.today()
    course = course_with_trainees(approved=12, pending=2, sessions=8, start=today - datetime.timedelta(days=1))
    Session.objects.filter(course=course).update(lecturer=lecturer.staff_member)
    today_session = Session.objects.filter(course=course, date=today).first()
    me = make_trainee(given_name="An", family_name="Nguyễn Văn", user=trainee_user, phone="0912345678")
    enrol(me, course)
    pending = Enrolment.objects.filter(course=course, status="pending").first()
    trainee = Enrolment.objects.filter(course=course, status="approved").first().trainee
    return {
        None: [
            ("home", reverse("home")),
            ("login", "/accounts/login/"),
            ("verify_form", reverse("verify_form")),
            ("public_timetable", reverse("public_timetable", args=[course.public_token])),
        ],
        "giamdoc": [
            ("dashboard", reverse("home")),
            ("approval_queue", reverse("approval_queue")),
            ("enrolment_detail", reverse("enrolment_detail", args=[pending.pk])),
        ],
        "canbo": [
            ("course_list", reverse("course_list")),
            ("course_detail", reverse("course_detail", args=[course.pk])),
            ("session_grid", reverse("session_grid", args=[course.pk])),
            ("trainee_list", reverse("trainee_list")),
            ("trainee_detail", reverse("trainee_detail", args=[trainee.pk])),
            ("programme_list", reverse("programme_list")),
            ("week_view", reverse("week_view")),
            ("course_enrolments", reverse("course_enrolments", args=[course.pk])),
        ],
        "giangvien": [
            ("my_timetable", reverse("my_timetable")),
            ("attendance_session", reverse("attendance_session", args=[today_session.pk])),
            ("results_scores", reverse("results_scores", args=[course.pk])),
        ],
        "hocvien": [
            ("portal_home", reverse("portal_home")),
            ("portal_courses", reverse("portal_courses")),
            ("portal_details", reverse("portal_details")),
        ],
    }


def _blocking(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in BLOCKING
    ]


@pytest.mark.parametrize("width", ["desktop", "phone"])
def test_no_serious_or_critical_axe_violations_on_each_roles_main_pages(
    browser, live_server, width, director, clerk, lecturer, trainee_user, password
):
    world = _world(director, clerk, lecturer, trainee_user)
    problems, checked = {}, []
    for username, pages in world.items():
        options = {"locale": "vi-VN", "timezone_id": "Asia/Ho_Chi_Minh", "viewport": VIEWPORTS[width]}
        if width == "phone":
            options |= {"device_scale_factor": 2, "is_mobile": True, "has_touch": True}
        context = browser.new_context(**options)
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.base_url = live_server.url
        if username:
            log_in(page, username, password)
        for name, url in pages:
            response = page.goto(live_server.url + url)
            assert response.status == 200, (name, response.status)
            page.wait_for_load_state("networkidle")
            assert page.locator("h1").count() == 1, f"{name}: {page.locator('h1').count()} h1"
            assert page.locator("main").count() == 1, name
            found = _blocking(page)
            if found:
                problems[name] = found
            checked.append(name)
            if width == "phone" and name in TAP_PAGES:
                small = page.evaluate(SMALL_TARGETS)
                if small:
                    problems[f"{name} tap targets"] = small
            if width == "phone" and name in SCREENSHOTS:
                screenshot(page, SCREENSHOTS[name])
                assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], name
        context.close()
    assert len(checked) >= 15
    ARTIFACTS_DIR.mkdir(exist_ok=True)
    (ARTIFACTS_DIR / f"axe-{width}.txt").write_text(
        "\n".join(f"{k}: {v}" for k, vs in problems.items() for v in vs) or "no serious or critical violations\n"
    )
    assert not problems, problems
