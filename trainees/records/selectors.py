"""Reads of trainee records: search, a trainee's enrolments and history, correction requests."""

from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Q

from center.text import fold
from trainees.models import (
    CorrectionRequest,
    Enrolment,
    Trainee,
)


def trainee_search(*, query: str = "", unit_id=None):
    """Trainees (not merged away) whose folded name contains the folded ``query``: ``nguyen thi hong``
    finds ``Nguyễn Thị Hồng``. The condition is on the indexed ``search_name`` column (a trigram
    index on PostgreSQL serves ``LIKE '%…%'``); roster order."""
    qs = Trainee.objects.filter(merged_into__isnull=True).select_related("unit")
    folded = fold(query)
    if folded:
        qs = qs.filter(search_name__contains=folded)
    if unit_id:
        qs = qs.filter(unit_id=unit_id)
    return qs.order_by("sort_key", "pk")


def trainee_page(*, query: str = "", unit_id=None, page=None, per_page: int = 50):
    """A page of ``trainee_search`` that costs about the same deep in the list as on its first page: the
    page is cut from the ids alone (walking the roster-order index, no row read for the rows skipped), then
    only that page's records are loaded with their units."""
    ids = trainee_search(query=query, unit_id=unit_id).values_list("pk", flat=True)
    result = Paginator(ids, per_page).get_page(page)
    wanted = list(result.object_list)
    found = Trainee.objects.select_related("unit").in_bulk(wanted)
    result.object_list = [found[pk] for pk in wanted if pk in found]
    return result


def trainee_search_prefix(*, query: str):
    """Trainees whose folded full name starts with the folded query, through the b-tree index on both
    databases: ``LIKE 'q%'`` on PostgreSQL (its ``…_like`` pattern index), a range on SQLite (whose
    case-insensitive LIKE cannot use an index; the folded column is compared byte by byte there)."""
    folded = fold(query)
    qs = Trainee.objects.filter(merged_into__isnull=True)
    if connection.vendor == "sqlite":
        return qs.filter(search_name__gte=folded, search_name__lt=folded + "\U0010ffff")
    return qs.filter(search_name__startswith=folded)


def trainee_enrolments(trainee: Trainee):
    return trainee.enrolments.select_related("course", "sending_unit", "decided_by").order_by("-course__start_date")


def trainee_history(trainee: Trainee, limit: int = 100):
    """The trainee's own history and that of every enrolment of theirs, newest first."""
    from django.contrib.contenttypes.models import ContentType

    from center.models import AuditEntry

    enrolment_ids = list(trainee.enrolments.values_list("pk", flat=True))
    return (
        AuditEntry.objects.filter(
            Q(content_type=ContentType.objects.get_for_model(Trainee), object_id=trainee.pk)
            | Q(content_type=ContentType.objects.get_for_model(Enrolment), object_id__in=enrolment_ids)
        )
        .select_related("actor")
        .order_by("-at", "-pk")[:limit]
    )


def open_correction_requests():
    return CorrectionRequest.objects.filter(status=CorrectionRequest.Status.OPEN).select_related("trainee__unit")
