"""Background tasks of the portal (django-tasks; the database backend's worker runs them:
``manage.py db_worker``)."""

from django_tasks import task

from center.generated import generated_file_run


@task()
def generated_file_build(file_id: int) -> None:
    """Make one ``GeneratedFile`` (see ``center.generated``)."""
    generated_file_run(file_id=file_id)
