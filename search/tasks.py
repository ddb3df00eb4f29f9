"""Background tasks of search (django-tasks): run at once in development and tests, by
``manage.py db_worker`` in production (settings.TASKS).

``pending_replay_task`` replays the ``PendingIndexUpdate`` queue that the backend filled
while the engine was down; the backend enqueues it as soon as the engine accepts an
update again (``search.services.index_update_succeeded``), so pages published during an
outage reach search without anyone running ``search_parity --repair``."""

from django_tasks import task

from search import parity


@task()
def pending_replay_task() -> int:
    return parity.pending_replay()
