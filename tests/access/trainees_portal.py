from tests.access.base import ANY_LOGIN, rule
from trainees.models import Trainee

ORDER = 10


def build_world(w):
    """Both trainee personas get a Trainee record."""
    w.trainee = Trainee.objects.create(family_name="Nguyễn Văn", given_name="An", user=w.users["trainee"])
    w.other_trainee = Trainee.objects.create(family_name="Trần Thị", given_name="Bình", user=w.users["other_trainee"])


RULES = [
    # My timetable: each trainee sees their own (no ids in the URL); staff and outsiders get 404.
    rule("portal_home", ANY_LOGIN, director=404, deputy=404, clerk=404, lecturer=404, other_lecturer=404, outsider=404),
]
