"""What a portal owns outside its page tree, registered by the app that keeps it (issue #24).

A portal is moved or restored as one archive (``transfer``); the rows other apps keep
about it (compliance records, translation tasks, the public's submissions) go with it.
Each app says which of its models those are, in its ``AppConfig.ready()``, so that
``transfer`` reads this registry instead of importing every app:

* :class:`PortalRecords`: rows about the portal or its pages that need no rule of their
  own: exported when a unit link names the portal or a page link one of its pages,
  imported unless a row with the same ``natural`` key exists (a row kept that way gets
  back the page links it lost), and, over a ``--replace``, their page links re-pointed
  at the imported pages. A row whose ``required`` link finds nothing here is skipped.
* :func:`portal_models_register`: a model ``transfer`` handles with a rule of its own
  (petitions by tracking code, comments and responses re-attached to their page,
  translation tasks with their open obligation), by the role it plays there.

This module sits with ``tenants`` (the portal is the unit's): apps above register
here, and ``transfer`` reads here, so neither imports the other.
"""

from dataclasses import dataclass

from django.apps import apps


@dataclass(frozen=True)
class PortalRecords:
    key: str  # the archive's name for these rows (manifest "records")
    model: str  # app_label.ModelName
    natural: tuple[str, ...]  # the fields that identify a row across databases
    unit_links: tuple[str, ...] = ()  # links to the unit whose portal owns the row
    page_links: tuple[str, ...] = ()  # links to pages (deleting the page empties them)
    required: tuple[str, ...] = ()  # links without which the row means nothing

    @property
    def model_class(self):
        return apps.get_model(self.model)


_records: dict[str, PortalRecords] = {}
_models: dict[str, str] = {}


def portal_records_register(records: PortalRecords) -> None:
    """Register rows a portal owns; registering the same key again replaces it (ready()
    may run twice in tests)."""
    _records[records.key] = records


def portal_records() -> tuple[PortalRecords, ...]:
    """Every registered kind, in registration order (the archive's order)."""
    return tuple(_records.values())


def portal_models_register(**models: str) -> None:
    """Each model (app_label.ModelName) plays the role it is given as in a portal's
    archive: ``portal_models_register(petition="qa.Petition")``."""
    _models.update(models)


def portal_model(role: str):
    """The model registered for ``role``; LookupError when no app registered one."""
    try:
        return apps.get_model(_models[role])
    except KeyError:
        raise LookupError(f"No model is registered for the portal role {role!r}.") from None
