from pathlib import Path

import polib
from django.test import Client
from django.utils import translation

PO = Path(__file__).resolve().parents[1] / "locale" / "vi" / "LC_MESSAGES" / "django.po"


def test_the_vietnamese_catalogue_is_complete():
    po = polib.pofile(str(PO))
    assert po.untranslated_entries() == []
    assert po.fuzzy_entries() == []
    assert len(po.translated_entries()) > 300


def test_vietnamese_is_the_default_and_english_can_be_chosen(db):
    client = Client()
    assert "Đăng nhập" in client.get("/accounts/login/").content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert "Log in" in client.get("/accounts/login/").content.decode()


def test_dates_are_written_day_month_year():
    import datetime

    from django.utils.formats import date_format

    with translation.override("vi"):
        assert date_format(datetime.date(2026, 12, 2), "SHORT_DATE_FORMAT") == "02/12/2026"


def test_an_english_browser_still_gets_vietnamese_until_english_is_chosen(db):
    client = Client(HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert "Đăng nhập" in client.get("/accounts/login/").content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert "Log in" in client.get("/accounts/login/").content.decode()
