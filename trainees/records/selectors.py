"""Reads of trainee records: search, a trainee's enrolments and history, correction requests."""

import re

from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Case, IntegerField, Q, Value, When
from django.db.models.functions import Concat

from center.text import fold, normalize_text
from trainees.models import (
    CorrectionRequest,
    Enrolment,
    Trainee,
)

# A query of digits (and the separators people type in numbers) is a citizen ID or a phone number.
_NUMBER_QUERY = re.compile(r"\+?[0-9][0-9 .\-()]{2,}")


def trainee_search(*, query: str = "", unit_id=None):
    """Trainees (not merged away) whose folded name contains the folded ``query``: ``nguyen thi hong``
    finds ``Nguyễn Thị Hồng``. The condition is on the indexed ``search_name`` column (a trigram
    index on PostgreSQL serves ``LIKE '%…%'``). A query of digits finds citizen IDs and phone numbers
    containing them (``+84 912…`` as ``0912…``). Names written exactly as typed (diacritics included) come
    first, then names with a word starting with the query, then the rest, each in roster order: ``hương``
    lists Hương before Phượng."""
    qs = Trainee.objects.filter(merged_into__isnull=True).select_related("unit")
    if unit_id:
        qs = qs.filter(unit_id=unit_id)
    text = normalize_text(query)
    if text and _NUMBER_QUERY.fullmatch(text):
        digits = re.sub(r"[^0-9]", "", text)
        phone = (
            "0" + digits[2:] if text.startswith("+84") or (digits.startswith("84") and len(digits) >= 11) else digits
        )
        return qs.filter(Q(citizen_id__contains=digits) | Q(phone__contains=phone)).order_by("sort_key", "pk")
    folded = fold(text)
    if not folded:
        return qs.order_by("sort_key", "pk")
    qs = qs.filter(search_name__contains=folded)
    capitalised = " ".join(word[:1].upper() + word[1:] for word in text.split(" "))
    exact = Q(written__contains=text) | Q(written__contains=capitalised)
    word_start = Q(search_name__startswith=folded) | Q(search_name__contains=" " + folded)
    return (
        qs.annotate(written=Concat("family_name", Value(" "), "given_name"))
        .annotate(rank=Case(When(exact, then=0), When(word_start, then=1), default=2, output_field=IntegerField()))
        .order_by("rank", "sort_key", "pk")
    )


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
