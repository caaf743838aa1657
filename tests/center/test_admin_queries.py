"""Every admin list runs the same number of queries for 2 rows a page as for 20 (no query per row): the
related rows its columns show are joined (``list_select_related``). Checked on the demo data, which has
rows in every list that matters."""

import io

import pytest
from django.contrib import admin
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import UserFactory

OUR_APPS = {"center", "staff", "courses", "trainees", "auth"}
MODELS = [model for model in admin.site._registry if model._meta.app_label in OUR_APPS]


@pytest.fixture(scope="module")
def demo_db(django_db_setup, django_db_blocker):
    """The demo data once for the module, in a transaction rolled back at its end (the tests' own
    transactions nest inside it)."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


def _queries(client, url) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries), len(response.context["cl"].result_list)


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.label)
def test_an_admin_list_runs_no_query_per_row(demo_db, db, client, monkeypatch, model):
    client.force_login(UserFactory(username="quantri-n1", is_superuser=True, is_staff=True))
    model_admin = admin.site._registry[model]
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    client.get(url)  # warm caches (content types, session)
    monkeypatch.setattr(model_admin, "list_per_page", 2)
    few, few_rows = _queries(client, url)
    monkeypatch.setattr(model_admin, "list_per_page", 20)
    many, many_rows = _queries(client, url)
    assert many == few, f"{few} queries for {few_rows} rows, {many} for {many_rows}"
