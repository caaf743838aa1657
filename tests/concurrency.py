"""Running the same work from several threads at once, for the PostgreSQL lock tests: each thread takes items
from one queue until it is empty, closes its database connection, and IntegrityErrors are collected."""

import threading
from queue import Empty, Queue

from django.db import IntegrityError, connection


def run_in_threads(target, items, *, threads: int) -> list[BaseException]:
    """Call ``target(item)`` for every item from ``threads`` threads; return the IntegrityErrors raised."""
    queue: Queue = Queue()
    for item in items:
        queue.put(item)
    errors: list[BaseException] = []

    def worker():
        try:
            while True:
                try:
                    item = queue.get_nowait()
                except Empty:
                    return
                try:
                    target(item)
                except IntegrityError as exc:
                    errors.append(exc)
        finally:
            connection.close()

    workers = [threading.Thread(target=worker) for _ in range(threads)]
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join(timeout=120)
    return errors
