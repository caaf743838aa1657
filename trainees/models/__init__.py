from trainees.models.accounts import ActivationCode, ActivationThrottle, CorrectionRequest, TraineeAccount
from trainees.models.certificates import Attendance, Certificate, CertificateCounter, RegisterClosure
from trainees.models.classfiles import ClassFile, ClassFilePart
from trainees.models.enrolments import Enrolment, ImportUpload
from trainees.models.people import Trainee
from trainees.models.reports import TrainingReport

__all__ = [
    "ActivationCode",
    "ActivationThrottle",
    "Attendance",
    "Certificate",
    "CertificateCounter",
    "ClassFile",
    "ClassFilePart",
    "CorrectionRequest",
    "Enrolment",
    "ImportUpload",
    "RegisterClosure",
    "Trainee",
    "TraineeAccount",
    "TrainingReport",
]
