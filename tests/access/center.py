from tests.access.base import ALL_STAFF, ANY_LOGIN, DIRECTOR_AND_DEPUTY, DIRECTOR_ONLY, MANAGERS_ONLY, PUBLIC, rule

RULES = [
    # Staff land on the dashboard; a trainee is sent to their timetable; a login with no role is told so.
    rule("home", ALL_STAFF, anonymous=200, trainee=302, other_trainee=302, outsider=403),
    rule("center_detail", ALL_STAFF),
    rule("center_edit", DIRECTOR_ONLY),
    rule("unit_list", MANAGERS_ONLY),
    rule("room_list", MANAGERS_ONLY),
    rule(
        "set_language",
        PUBLIC,
        method="post",
        data=lambda w: {"language": "en", "next": "/"},
        **{
            p: 302
            for p in (
                "anonymous",
                "director",
                "deputy",
                "clerk",
                "lecturer",
                "other_lecturer",
                "trainee",
                "other_trainee",
                "outsider",
            )
        },
    ),
    # Account pages.
    rule(
        "login",
        PUBLIC,
        **{
            p: 302
            for p in (
                "director",
                "deputy",
                "clerk",
                "lecturer",
                "other_lecturer",
                "trainee",
                "other_trainee",
                "outsider",
            )
        },
    ),
    rule(
        "logout",
        PUBLIC,
        method="post",
        **{
            p: 302
            for p in (
                "anonymous",
                "director",
                "deputy",
                "clerk",
                "lecturer",
                "other_lecturer",
                "trainee",
                "other_trainee",
                "outsider",
            )
        },
    ),
    rule("password_change", ANY_LOGIN),
    rule("password_change_done", ANY_LOGIN),
    rule("password_reset", PUBLIC),
    rule("password_reset_done", PUBLIC),
    rule("password_reset_confirm", PUBLIC, kwargs=lambda w: {"uidb64": "MQ", "token": "bad-token"}),
    rule("password_reset_complete", PUBLIC),
    # Locked-out logins: the director lists and unlocks them (a redirect back to the list after the POST).
    rule("lockout_list", DIRECTOR_ONLY),
    rule(
        "lockout_unlock",
        DIRECTOR_ONLY,
        method="post",
        data=lambda w: {"username": "canbo", "ip_address": "203.0.113.66"},
        director=302,
    ),
    # Staff records.
    rule("staff_list", MANAGERS_ONLY),
    rule("staff_detail", MANAGERS_ONLY, kwargs=lambda w: {"pk": w.staff_member.pk}),
    rule("staff_create", DIRECTOR_AND_DEPUTY),
    rule("staff_edit", DIRECTOR_AND_DEPUTY, kwargs=lambda w: {"pk": w.staff_member.pk}),
]
