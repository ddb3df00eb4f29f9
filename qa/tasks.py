"""Background tasks of Q&A (django-tasks): run at once in development and tests, by
``manage.py db_worker`` in production (settings.TASKS). Each takes ids only and hands
off to a service, so the ``dms_deliver`` command and a worker do the same thing."""

from django_tasks import task

from qa import dms, notifications


@task()
def petition_received_notify_task(petition_id: int) -> None:
    notifications.petition_received_notify(petition_id=petition_id)


@task()
def dms_delivery_task(delivery_id: int) -> None:
    dms.dms_delivery_attempt(delivery_id=delivery_id)
