from trainees.models.accounts import ActivationCode, ActivationThrottle, CorrectionRequest, TraineeAccount
from trainees.models.certificates import Attendance, Certificate, CertificateCounter, DiplomaCounter, RegisterClosure
from trainees.models.enrolments import Enrolment, ImportUpload
from trainees.models.people import Trainee
from trainees.models.reports import TrainingReport

__all__ = [
    "ActivationCode",
    "ActivationThrottle",
    "Attendance",
    "Certificate",
    "CertificateCounter",
    "CorrectionRequest",
    "DiplomaCounter",
    "Enrolment",
    "ImportUpload",
    "RegisterClosure",
    "Trainee",
    "TraineeAccount",
    "TrainingReport",
]
