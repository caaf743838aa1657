"""Files made in the background: the request records a ``GeneratedFile`` and enqueues a task; a worker
(``manage.py db_worker``, django-tasks' database backend) makes the file and reports progress; the page of
the file shows a progress bar and offers the file when it is ready; ``portal_cleanup`` removes it later.

A kind of file is a builder function registered by the app that knows how to make it (center never imports
the apps above it): ``register_file_builder("certificates_zip", build)`` where
``build(*, params: dict, progress: Callable[[int, int], None]) -> (filename, content_type, bytes)``.
"""

import datetime
import logging
import time
from collections.abc import Callable

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from center.models import GeneratedFile
from center.roles import is_manager

logger = logging.getLogger(__name__)

# How long a made file is kept for its owner to download (then ``portal_cleanup`` removes it).
FILE_KEEP = datetime.timedelta(hours=24)
# A file queued or being made for longer than this is given up (a worker died with it): asking again
# makes a new one.
STALE_AFTER = datetime.timedelta(hours=1)
# Progress is written at most this often (seconds): every page of a 200-page file would be 200 writes.
PROGRESS_EVERY = 0.5

FILE_FAILED = _("The file could not be made. Try again; if it fails again, tell the portal's administrator.")

_BUILDERS: dict[str, Callable] = {}
_KEEP: dict[str, datetime.timedelta] = {}
# Kinds only their owner may open (e.g. account slips: they hold live one-time codes); never cached.
PRIVATE_KINDS: set[str] = set()


def register_file_builder(kind: str, build: Callable, *, keep: datetime.timedelta = FILE_KEEP, private=False) -> None:
    """Register how files of ``kind`` are made (called from an app's ``ready``), how long they are kept, and
    whether only their owner may open them (managers may open the others)."""
    _BUILDERS[kind] = build
    _KEEP[kind] = keep
    if private:
        PRIVATE_KINDS.add(kind)


def generated_file_request(*, owner, kind: str, title: str, params: dict) -> GeneratedFile:
    """The file ``kind`` with ``params`` for ``owner``: the one already waiting or being made for them, or a
    new one, queued for a worker. Asking three times while it is being made makes it once."""
    if kind not in _BUILDERS:
        raise ValueError(f"No builder for generated files of kind {kind!r}")
    now = timezone.now()
    pending = (
        GeneratedFile.objects.filter(
            owner=owner,
            kind=kind,
            params=params,
            status__in=[GeneratedFile.Status.QUEUED, GeneratedFile.Status.RUNNING],
            created_at__gte=now - STALE_AFTER,
        )
        .order_by("-created_at")
        .first()
    )
    if pending is not None:
        return pending
    file = GeneratedFile.objects.create(
        owner=owner, kind=kind, title=title, params=params, expires_at=now + _KEEP.get(kind, FILE_KEEP)
    )
    from center.tasks import generated_file_build

    generated_file_build.enqueue(file.pk)
    return file


def generated_file_run(*, file_id: int) -> None:
    """Make the file (the task's body): status, progress, then the content or a failure message. A file
    removed meanwhile, or made already, is left alone."""
    claimed = GeneratedFile.objects.filter(pk=file_id, status=GeneratedFile.Status.QUEUED).update(
        status=GeneratedFile.Status.RUNNING
    )
    if not claimed:
        return
    file = GeneratedFile.objects.get(pk=file_id)
    last = 0.0

    def progress(done: int, total: int) -> None:
        nonlocal last
        if done < total and time.monotonic() - last < PROGRESS_EVERY:
            return
        last = time.monotonic()
        GeneratedFile.objects.filter(pk=file_id).update(done=done, total=total)

    try:
        filename, content_type, content = _BUILDERS[file.kind](params=file.params, progress=progress)
    except BaseException as exc:  # a worker stopped by force (SystemExit) too: its owner may ask again
        logger.exception("Generated file %s (%s) failed", file_id, file.kind)
        GeneratedFile.objects.filter(pk=file_id).update(
            status=GeneratedFile.Status.FAILED, error=str(FILE_FAILED), finished_at=timezone.now()
        )
        if not isinstance(exc, Exception):
            raise
        return
    GeneratedFile.objects.filter(pk=file_id).update(
        status=GeneratedFile.Status.READY,
        filename=filename[:200],
        content_type=content_type,
        content=content,
        size=len(content),
        finished_at=timezone.now(),
    )


def generated_file_for_user(user, pk) -> GeneratedFile:
    """The file if ``user`` may see it: the one who asked for it, or a manager (not for a private kind);
    anything else is a 404. The content is not loaded."""
    file = GeneratedFile.objects.defer("content").filter(pk=pk).first()
    if file is None or not (file.owner_id == user.pk or (is_manager(user) and file.kind not in PRIVATE_KINDS)):
        raise Http404
    return file


def generated_files_remove_old(*, now=None) -> int:
    """Remove the files kept past ``expires_at`` and those given up (queued or being made for longer than
    ``STALE_AFTER``, their worker gone). Returns how many were removed."""
    now = now or timezone.now()
    stale = now - STALE_AFTER
    deleted, _kinds = (
        GeneratedFile.objects.filter(expires_at__lt=now)
        | GeneratedFile.objects.filter(
            created_at__lt=stale, status__in=[GeneratedFile.Status.QUEUED, GeneratedFile.Status.RUNNING]
        )
    ).delete()
    return deleted
