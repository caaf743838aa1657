from trainees.models.accounts import ActivationCode, CorrectionRequest, TraineeAccount
from trainees.models.certificates import Attendance, Certificate, CertificateCounter
from trainees.models.enrolments import Enrolment
from trainees.models.people import Trainee

__all__ = [
    "ActivationCode",
    "Attendance",
    "Certificate",
    "CertificateCounter",
    "CorrectionRequest",
    "Enrolment",
    "Trainee",
    "TraineeAccount",
]
