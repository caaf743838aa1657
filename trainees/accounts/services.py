"""Trainee logins without e-mail: accounts, one-time activation codes and links.

A trainee's account is a User in the "trainee" group linked through ``Trainee.user``. It starts with no
usable password: staff print a slip with a one-time code (or e-mail a link) and the trainee chooses the
password. Only a hash of a code is stored; a new code revokes the previous one; codes expire and are
single-use.

Guessing is limited per address, never per username, so nobody can lock someone else out: an address may
try ADDRESS_LIMIT codes an hour; a username that collects USERNAME_SLOW_AFTER wrong codes in an hour (from
anywhere) is slowed down (each attempt waits USERNAME_DELAY_SECONDS), not locked. An unknown username gets
exactly the answers, limits, delays and hashing work of a known one, so usernames cannot be discovered.
"""

import datetime
import functools
import re
import secrets
import time

from django.conf import settings
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.hashers import PBKDF2PasswordHasher, check_password, make_password
from django.contrib.auth.models import Group
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from center.audit import audit_record
from center.errors import PortalError
from center.links import absolute_url
from center.models import Center
from center.roles import Role
from center.text import fold
from trainees.models import ActivationCode, ActivationThrottle, Trainee, TraineeAccount

# Easy to read aloud and to type on a phone: no 0/O, 1/I/L, 5/S, 2/Z, 8/B.
CODE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
CODE_LENGTH = 8
CODE_VALID_DAYS = 30
LINK_VALID_DAYS = 7
# Codes one address may try within THROTTLE_WINDOW (right ones are given back).
ADDRESS_LIMIT = 10
# Wrong codes for one username within THROTTLE_WINDOW before each attempt for it is slowed down.
USERNAME_SLOW_AFTER = 10
USERNAME_DELAY_SECONDS = 3
THROTTLE_WINDOW = datetime.timedelta(hours=1)
LINK_SALT = "trainees.activation-link"
ERROR_WRONG_CODE = _("The username or the activation code is not correct.")
ERROR_ADDRESS_LIMIT = _(
    "Too many activation codes were typed from this connection. Wait an hour and try again, or ask the "
    "center's staff for help."
)
ERROR_EXPIRED = _("This activation code has expired or has already been used. Ask the center's staff for a new one.")
ERROR_LINK_INVALID = _("This activation link is not valid any more. Ask the center's staff for a new one.")
ERROR_NO_EMAIL = _("This trainee has no e-mail address: print an account slip instead.")
ERROR_MERGED = _("This trainee record was merged into another one; make the account for that record.")


class AccountError(PortalError):
    """A rule of the trainee accounts was broken."""


def _username_base(trainee: Trainee) -> str:
    given = re.sub(r"[^a-z0-9]", "", fold(trainee.given_name))[:12] or "hv"
    initials = "".join(word[0] for word in re.findall(r"[a-z0-9]+", fold(trainee.family_name)))[:4]
    return f"{given}.{initials}" if initials else given


def username_suggest(trainee: Trainee) -> str:
    """A free username that is easy to type: folded given name, family initials and a number
    (Nguyễn Văn An → ``an.nv1``, the next An Nguyễn Văn → ``an.nv2``). Lower-case ASCII only."""
    base = _username_base(trainee)
    taken = set(get_user_model().objects.filter(username__istartswith=base).values_list("username", flat=True))
    taken = {name.lower() for name in taken}
    number = 1
    while f"{base}{number}" in taken:
        number += 1
    return f"{base}{number}"


def _account_for(trainee: Trainee) -> TraineeAccount:
    account, _created = TraineeAccount.objects.get_or_create(trainee=trainee)
    return account


@transaction.atomic
def trainee_account_ensure(*, trainee: Trainee, by=None):
    """Give the trainee a login if they have none (idempotent; call it when an enrolment is approved).
    The new login has no usable password until the trainee activates it. Returns the User."""
    trainee = Trainee.objects.select_for_update().get(pk=trainee.pk)
    if trainee.merged_into_id:
        raise AccountError(ERROR_MERGED)
    if trainee.user_id:
        _account_for(trainee)
        return trainee.user
    user = get_user_model()(
        username=username_suggest(trainee),
        first_name=trainee.given_name[:150],
        last_name=trainee.family_name[:150],
        email=trainee.email,
    )
    user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    user.groups.add(Group.objects.get(name=Role.TRAINEE))
    trainee.user = user
    trainee.save(update_fields=["user", "updated_at"])
    _account_for(trainee)
    audit_record(subject=trainee, action="account.created", by=by, data={"username": user.username})
    return user


def _new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalize_code(value: str) -> str:
    """What the trainee typed → the code: spaces and dashes ignored, case ignored."""
    return re.sub(r"[\s\-]", "", value or "").upper()


class OneTimeCodeHasher(PBKDF2PasswordHasher):
    """Hashes one-time activation codes and links. A password has to resist an offline search for years, so
    Django spends about 0.3 s on it; a code is random (40 bits), single-use, expires within days and is
    throttled, and slips are printed for a whole class at once: at 0.3 s a code, 200 slips took a minute and
    outlived the server's 30 s timeout. 20 000 rounds (a few milliseconds) is the cost the code needs."""

    algorithm = "pbkdf2_sha256_code"
    iterations = 20_000


CODE_HASHER = OneTimeCodeHasher()


def secret_hash(secret: str) -> str:
    return make_password(secret, hasher=CODE_HASHER)


def secret_matches(secret: str, encoded: str) -> bool:
    """True if ``secret`` is the one ``encoded`` was made from; codes hashed before the code hasher existed
    (Django's password hasher) still match."""
    if encoded.startswith(f"{CODE_HASHER.algorithm}$"):
        return CODE_HASHER.verify(secret, encoded)
    return check_password(secret, encoded)


def _issue(*, trainee: Trainee, by, channel: str, secret: str, days: int) -> ActivationCode:
    now = timezone.now()
    ActivationCode.objects.filter(trainee=trainee, used_at=None, revoked_at=None).update(revoked_at=now)
    return ActivationCode.objects.create(
        trainee=trainee,
        code_hash=secret_hash(secret),
        channel=channel,
        created_by=by if by is not None and by.is_authenticated else None,
        expires_at=now + datetime.timedelta(days=days),
    )


@transaction.atomic
def activation_code_issue(*, trainee: Trainee, by) -> str:
    """Create the login if needed and issue a new one-time code (revoking any earlier code or link).
    Returns the plain code: print it now, it is not stored."""
    trainee_account_ensure(trainee=trainee, by=by)
    code = _new_code()
    _issue(trainee=trainee, by=by, channel=ActivationCode.Channel.SLIP, secret=code, days=CODE_VALID_DAYS)
    audit_record(subject=trainee, action="account.code_issued", by=by)
    return code


def format_code(code: str) -> str:
    """``ACDE7FGH`` → ``ACDE-7FGH`` for printing."""
    return f"{code[:4]}-{code[4:]}"


@transaction.atomic
def activation_link_send(*, trainee: Trainee, by) -> str:
    """E-mail the trainee a single-use activation link (revokes earlier codes). Returns the address."""
    if not trainee.email:
        raise AccountError(ERROR_NO_EMAIL)
    user = trainee_account_ensure(trainee=trainee, by=by)
    secret = secrets.token_urlsafe(24)
    code = _issue(trainee=trainee, by=by, channel=ActivationCode.Channel.EMAIL, secret=secret, days=LINK_VALID_DAYS)
    token = signing.dumps([code.pk, secret], salt=LINK_SALT, compress=True)
    context = {
        "center": Center.load(),
        "trainee": trainee,
        "username": user.username,
        "link": absolute_url(reverse("activate_link", kwargs={"token": token})),
        "days": LINK_VALID_DAYS,
    }
    with translation.override(settings.LANGUAGE_CODE):
        subject = " ".join(render_to_string("emails/activation_subject.txt", context).split())
        text = render_to_string("emails/activation.txt", context)
        html = render_to_string("emails/activation.html", context)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [trainee.email])
    message.attach_alternative(html, "text/html")
    transaction.on_commit(message.send)
    audit_record(subject=trainee, action="account.link_sent", by=by, data={"email": trainee.email})
    return trainee.email


def _usable(code: ActivationCode | None) -> bool:
    return code is not None and code.used_at is None and code.revoked_at is None and code.expires_at > timezone.now()


def _take(key: str, *, limit: int | None = None) -> bool:
    """Count one attempt under ``key`` in the current window (a window older than THROTTLE_WINDOW starts
    again); False, counting nothing, when ``limit`` attempts were taken already. Conditional UPDATEs, so
    however many attempts arrive at once, no more than ``limit`` are ever let through."""
    now = timezone.now()
    ActivationThrottle.objects.bulk_create([ActivationThrottle(key=key, window_start=now)], ignore_conflicts=True)
    ActivationThrottle.objects.filter(key=key, window_start__lt=now - THROTTLE_WINDOW).update(window_start=now, count=0)
    attempts = ActivationThrottle.objects.filter(key=key)
    if limit is not None:
        attempts = attempts.filter(count__lt=limit)
    return bool(attempts.update(count=F("count") + 1))


def _give_back(key: str) -> None:
    ActivationThrottle.objects.filter(key=key, count__gt=0).update(count=F("count") - 1)


def _recent_count(key: str) -> int:
    since = timezone.now() - THROTTLE_WINDOW
    counts = ActivationThrottle.objects.filter(key=key, window_start__gte=since).values_list("count", flat=True)
    return counts.first() or 0


def _wait(seconds: int) -> None:
    time.sleep(seconds)


@functools.cache
def _unknown_hash() -> str:
    """A real hash of a secret nobody knows: what an unknown username's code is compared with, so the
    answer takes the same hashing time as for a known one."""
    return secret_hash(secrets.token_urlsafe(24))


def activation_code_check(*, username: str, code: str, ip_address: str = "") -> ActivationCode:
    """The trainee typed a username and a code from ``ip_address``: return the live ActivationCode, or
    raise AccountError. Each attempt counts against the address (ADDRESS_LIMIT an hour, ERROR_ADDRESS_LIMIT
    past it; a right code is given back); a username with USERNAME_SLOW_AFTER wrong codes in the hour is
    answered USERNAME_DELAY_SECONDS later. Unknown usernames are treated exactly like known ones."""
    username = (username or "").strip().lower()
    address_key = f"address:{ip_address or '-'}"
    username_key = f"username:{username}"[:200]
    # The attempt is taken before the code is checked, by one conditional UPDATE: however many guesses
    # arrive at once from an address, no more than ADDRESS_LIMIT are ever compared with a code.
    if not _take(address_key, limit=ADDRESS_LIMIT):
        raise AccountError(ERROR_ADDRESS_LIMIT)
    if _recent_count(username_key) >= USERNAME_SLOW_AFTER:
        _wait(USERNAME_DELAY_SECONDS)
    trainee = Trainee.objects.filter(
        user__username__iexact=username, user__is_active=True, user__groups__name=Role.TRAINEE
    ).first()
    latest = None
    if trainee is not None:
        latest = trainee.activation_codes.filter(channel=ActivationCode.Channel.SLIP).order_by("-created_at").first()
    right = secret_matches(normalize_code(code), latest.code_hash if latest is not None else _unknown_hash())
    if not right or latest is None:
        _take(username_key)
        if trainee is not None:
            audit_record(subject=trainee, action="account.code_wrong", data={"address": ip_address})
        raise AccountError(ERROR_WRONG_CODE)
    # The right code is not a failed attempt: give it back.
    _give_back(address_key)
    if not _usable(latest):
        raise AccountError(ERROR_EXPIRED)
    return latest


def activation_throttles_remove_old() -> int:
    """Remove the counts of windows that have ended (run from the ``portal_cleanup`` command)."""
    deleted, _kinds = ActivationThrottle.objects.filter(window_start__lt=timezone.now() - THROTTLE_WINDOW).delete()
    return deleted


def activation_link_check(*, token: str) -> ActivationCode:
    """The live ActivationCode behind an e-mailed link, or AccountError."""
    try:
        pk, secret = signing.loads(token, salt=LINK_SALT, max_age=datetime.timedelta(days=LINK_VALID_DAYS))
    except (signing.BadSignature, ValueError, TypeError) as exc:
        raise AccountError(ERROR_LINK_INVALID) from exc
    code = ActivationCode.objects.filter(pk=pk, channel=ActivationCode.Channel.EMAIL).select_related("trainee").first()
    if not _usable(code) or not secret_matches(str(secret), code.code_hash):
        raise AccountError(ERROR_LINK_INVALID)
    return code


def activation_code_live(*, pk) -> ActivationCode | None:
    """The code a session is activating with, if it is still usable (not used, revoked or expired)."""
    code = ActivationCode.objects.filter(pk=pk).select_related("trainee__user").first()
    return code if _usable(code) and code.trainee.user_id else None


@transaction.atomic
def account_activate(*, code: ActivationCode, password: str):
    """Use the code (once) and set the password the trainee chose (validated by Django's password
    validators). Returns the User, ready to be logged in."""
    code = ActivationCode.objects.select_for_update(of=("self",)).select_related("trainee__user").get(pk=code.pk)
    if not _usable(code):
        raise AccountError(ERROR_EXPIRED)
    user = code.trainee.user
    if user is None or not user.is_active:
        # A login that staff switched off stays off: a code or link never reopens it.
        raise AccountError(ERROR_EXPIRED)
    password_validation.validate_password(password, user)
    user.set_password(password)
    user.save(update_fields=["password"])
    now = timezone.now()
    code.used_at = now
    code.save(update_fields=["used_at"])
    TraineeAccount.objects.filter(trainee=code.trainee).update(activated_at=now)
    audit_record(subject=code.trainee, action="account.activated", by=user)
    return user


@transaction.atomic
def calendar_token_reset(*, trainee: Trainee, by) -> TraineeAccount:
    """A new secret for the trainee's calendar feed; the old link stops working."""
    account = _account_for(trainee)
    account.calendar_token = TraineeAccount._meta.get_field("calendar_token").default()
    account.save(update_fields=["calendar_token"])
    audit_record(subject=trainee, action="account.calendar_reset", by=by)
    return account


# History labels for the actions above (registered from TraineesConfig.ready).
ACTION_LABELS = {
    "account.created": _("Portal account created"),
    "account.code_issued": _("Activation code printed"),
    "account.link_sent": _("Activation link e-mailed"),
    "account.code_wrong": _("Wrong activation code typed"),
    "account.activated": _("Portal account activated"),
    "account.calendar_reset": _("Calendar link renewed"),
}
