"""Name search on 100 000 trainees: diacritic-insensitive, on the indexed folded column.

Builds a throw-away test database with BENCH_SEARCH_TRAINEES trainees (default 100 000), then times the
search the trainee list runs (``trainees.records.selectors.trainee_search``: ``search_name LIKE '%…%'``, count +
first page) and the prefix search, and prints each query's plan. On PostgreSQL the plan must use the
trigram index ``trainee_search_name_trgm`` (and the b-tree ``…_like`` index for prefixes), not a
sequential scan.

    .venv/bin/python -m tests.bench search        (or: make bench)
"""

import os
import time

from tests.bench.harness import run_in_test_database

COUNT = int(os.environ.get("BENCH_SEARCH_TRAINEES", "100000"))
QUERIES = ["nguyen thi hong", "Nguyễn Thị Hồng", "tran van", "dang thi thu", "khanh"]


def main() -> None:
    run_in_test_database(_run)


def _make_trainees() -> None:
    import datetime
    import random

    from center.text import fold, name_sort_key
    from trainees.models import Trainee

    rng = random.Random(4)
    families = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô"]
    middles = ["Văn", "Thị", "Hữu", "Minh", "Thanh", "Quốc", "Ngọc", "Thu", "Đức", "Hoàng", "Thị Thu", "Văn Bảo"]
    givens = [
        "An",
        "Bình",
        "Châu",
        "Dũng",
        "Đạt",
        "Giang",
        "Hà",
        "Hải",
        "Hạnh",
        "Hiếu",
        "Hòa",
        "Hồng",
        "Hùng",
        "Hương",
        "Khánh",
        "Lan",
        "Linh",
        "Long",
        "Mai",
        "Nam",
        "Nga",
        "Nhung",
        "Phúc",
        "Quân",
        "Sơn",
        "Tâm",
        "Thảo",
        "Thắng",
        "Trang",
        "Tuấn",
        "Uyên",
        "Vân",
        "Yến",
    ]
    batch = []
    for _ in range(COUNT):
        family = f"{rng.choice(families)} {rng.choice(middles)}"
        given = rng.choice(givens)
        batch.append(
            Trainee(
                family_name=family,
                given_name=given,
                date_of_birth=datetime.date(1960 + rng.randrange(45), 1 + rng.randrange(12), 1 + rng.randrange(28)),
                search_name=fold(f"{family} {given}"),
                sort_key=name_sort_key(given, family),
            )
        )
        if len(batch) == 5000:
            Trainee.objects.bulk_create(batch)
            batch = []
    Trainee.objects.bulk_create(batch)


def _best(fn, rounds=5) -> float:
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return min(times)


def _run() -> None:
    from django.db import connection

    from trainees.records.selectors import trainee_search, trainee_search_prefix

    started = time.perf_counter()
    _make_trainees()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE trainees_trainee" if connection.vendor == "postgresql" else "ANALYZE")
    print(f"search ({connection.vendor}): {COUNT} trainees created in {time.perf_counter() - started:.1f} s")
    full_scan = None
    for query in QUERIES:
        qs = trainee_search(query=query)
        found = qs.count()
        seconds = _best(lambda qs=qs: (qs.count(), list(qs[:50])))
        prefix = trainee_search_prefix(query=query)
        prefix_seconds = _best(lambda prefix=prefix: list(prefix.order_by()[:50]))
        print(
            f"  “{query}”: {found} found; contains (count + first page) {seconds * 1000:.1f} ms; "
            f"prefix (first page) {prefix_seconds * 1000:.1f} ms"
        )
        if query == QUERIES[0]:
            plan = qs.explain()
            prefix_plan = prefix.order_by().explain()
            print("  plan (contains):\n    " + plan.replace("\n", "\n    "))
            print("  plan (prefix):\n    " + prefix_plan.replace("\n", "\n    "))
            if connection.vendor == "postgresql":
                full_scan = "Seq Scan on trainees_trainee" in plan
                print(f"  trigram index used: {'trainee_search_name_trgm' in plan}; sequential scan: {full_scan}")
    if connection.vendor == "postgresql":
        assert not full_scan, "the name search scans the whole table"
