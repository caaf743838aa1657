from trainees.models.accounts import ActivationCode, ActivationThrottle, CorrectionRequest, TraineeAccount
from trainees.models.certificates import Attendance, Certificate, CertificateCounter, DiplomaCounter, RegisterClosure
from trainees.models.classfiles import ClassFile, ClassFilePart
from trainees.models.enrolments import Enrolment, ImportUpload
from trainees.models.hours import HoursRules, HoursStatement, HoursStatementLine, MarkingWork
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
    "DiplomaCounter",
    "Enrolment",
    "HoursRules",
    "HoursStatement",
    "HoursStatementLine",
    "ImportUpload",
    "MarkingWork",
    "RegisterClosure",
    "Trainee",
    "TraineeAccount",
    "TrainingReport",
]
