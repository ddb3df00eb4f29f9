"""Applying a reorganisation plan (issue #21), atomically: the whole plan lands or
nothing of it does.

What a merge does: the successor exists (provisioned if new) with its board; each
predecessor's unit is archived (``Unit.archived_on``/``successor``: its portal stays
online, read-only, with a banner); its board's permissions end on the effective date;
the sections listed under ``carry`` move to the successor's same section with their
history (revisions, log) and a permanent redirect from each old address on the old
portal's site; questions in flight go to the successor's board with their deadline and
tracking code unchanged.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable

from django.apps import apps
from django.db import transaction
from django.db.models import Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import GroupCollectionPermission, GroupPagePermission, Page, Site

from cms.models.base import PortalPage
from compliance.updates import pages_history_start
from information_requests.selectors import information_requests_in_flight
from information_requests.services import information_requests_hand_over
from qa.services import petitions_hand_over
from reorganisation.batching import search_updates_deferred, site_root_paths_kept_while_unchanged
from reorganisation.models import Reorganisation, ReorganisationStatus, Succession
from reorganisation.plan import NewUnit, Operation, Plan, PlanRefused, plan_parse, plan_validate
from tenants.models import Unit, UnitParentChange
from tenants.provisioning import UnitRow, portals_provision
from tenants.registry import sections_registered


def plan_describe(plan: Plan) -> list[str]:
    """What applying the plan will do, one line per step (``--dry-run``)."""
    lines = [_("Reorganisation %(basis)s, effective %(date)s:") % {
        "basis": plan.legal_basis, "date": plan.effective_date.strftime("%d/%m/%Y")}]
    for op in plan.operations:
        carry = (" " + _("carrying %s") % ", ".join(op.carry)) if op.carry else ""
        if op.kind == "merge":
            lines.append(_("line %(line)s: merge %(units)s into %(into)s") % {
                "line": op.line, "units": ", ".join(op.units), "into": op.target} + carry)
            lines += _in_flight_lines([u for u in op.units if u != op.target], to=op.target)
        elif op.kind == "rename":
            lines.append(_("line %(line)s: rename %(unit)s: %(changes)s") % {
                "line": op.line, "unit": op.units[0], "changes": ", ".join(f"{k}={v}" for k, v in op.changes.items())})
        elif op.kind == "move":
            lines.append(_("line %(line)s: move %(units)s under %(parent)s") % {
                "line": op.line, "units": ", ".join(op.units), "parent": op.target})
        elif op.kind == "retire":
            lines.append(_("line %(line)s: retire %(units)s") % {"line": op.line, "units": ", ".join(op.units)})
            for unit in Unit.objects.filter(slug__in=op.units, parent__isnull=False).select_related("parent"):
                lines += _in_flight_lines([unit.slug], to=unit.parent.slug)
        elif op.kind == "split":
            lines.append(_("line %(line)s: split %(unit)s into %(units)s, content to %(to)s") % {
                "line": op.line, "unit": op.units[0], "units": ", ".join(u.slug for u in op.new_units),
                "to": op.target} + carry)
    return lines


def _in_flight_lines(slugs: list[str], *, to: str) -> list[str]:
    # Counted now: a plan dated later hands over what is still open on its date.
    count = information_requests_in_flight(agency_slugs=slugs)
    if not count:
        return []
    return ["  " + _("%(count)s information requests in flight handed over to %(to)s") % {"count": count, "to": to}]


def plan_describe_schedule(plan: Plan, *, today=None) -> list[str]:
    """What happens now and what waits for the date, for a plan dated in the future."""
    if plan.effective_date <= (today or timezone.localdate()):
        return []
    new = plan_new_units(plan)
    lines = [_("The effective date is in the future: the plan is stored and runs on %(date)s "
               "(manage.py reorganise_due); until then nothing is archived, moved or handed over.")
             % {"date": plan.effective_date.strftime("%d/%m/%Y")}]
    if new:
        lines.append(_("Provisioned now: %s") % ", ".join(u.slug for u in new))
    return lines


def plan_new_units(plan: Plan) -> list[NewUnit]:
    """The units the plan creates (merges into a new slug, splits), in plan order."""
    new: list[NewUnit] = []
    existing = set(Unit.objects.filter(slug__in=[op.target for op in plan.operations if op.kind == "merge"])
                   .values_list("slug", flat=True))
    for op in plan.operations:
        if op.kind == "merge" and op.target not in existing:
            new.append(NewUnit(slug=op.target, kind=op.changes["kind"], name=op.changes["name"],
                               short_name=op.changes.get("short_name") or op.changes["name"],
                               hostname=op.changes["hostname"], parent=op.changes["parent"]))
            existing.add(op.target)
        elif op.kind == "split":
            new.extend(op.new_units)
    return new


def plan_steps(plan: Plan) -> int:
    """How many units the plan touches: the progress bar's total."""
    return sum(len(op.units) + (1 if op.kind in ("merge", "split") else 0) for op in plan.operations)


class _Applier:
    def __init__(self, plan: Plan, record: Reorganisation, progress: Callable[[str], None] | None):
        self.plan = plan
        self.date = plan.effective_date
        self.record = record
        self.ahead = set(record.provisioned)  # provisioned when the plan was scheduled
        self.progress = progress or (lambda slug: None)
        self.counts: Counter = Counter()

    # --- building blocks ---

    def unit(self, slug: str) -> Unit:
        return Unit.objects.select_related("parent", "site").get(slug=slug)

    def provision(self, row: NewUnit, *, with_sections: bool = True) -> Unit:
        portals_provision(
            [UnitRow(line=0, slug=row.slug, kind=row.kind, name=row.name, short_name=row.short_name,
                     hostname=row.hostname, parent=row.parent)],
            with_sections=with_sections,
        )
        return self.unit(row.slug)

    def update(self, unit: Unit, changes: dict) -> Unit:
        """Rename/move/rehost an existing unit through provisioning (site, home title,
        board group names follow); an old hostname keeps answering as a second site."""
        wanted = NewUnit(
            slug=unit.slug,
            kind=changes.get("kind", unit.kind),
            name=changes.get("name", unit.name),
            short_name=changes.get("short_name") or (changes["name"] if "name" in changes else unit.short_name),
            hostname=changes.get("hostname", unit.hostname),
            parent=changes.get("parent", unit.parent.slug if unit.parent_id else None),
        )
        old_hostname, home = unit.hostname, unit.home_page
        with_sections = wanted.kind != unit.kind
        unit = self.provision(wanted, with_sections=with_sections)
        if old_hostname != unit.hostname and home is not None:
            Site.objects.get_or_create(
                hostname=old_hostname, port=80, defaults={"root_page": home, "site_name": unit.name}
            )
            self.counts["hostnames kept"] += 1
        return unit

    def archive(self, unit: Unit, *, successor: Unit | None, operation: str) -> None:
        unit.archived_on, unit.successor = self.date, successor
        unit.save(update_fields=["archived_on", "successor", "updated_at"])
        Succession.objects.create(reorganisation=self.record, operation=operation, predecessor=unit,
                                  successor=successor, effective_date=self.date)
        self.counts["archived"] += 1
        # The applier only runs on or after the effective date (a plan dated later waits
        # for reorganise_due), so the board's grants end now.
        self.counts["board permissions ended"] += board_permissions_end(unit=unit)
        if successor is not None:
            note = _("Handed over: %(unit)s merged into %(successor)s (%(basis)s)") % {
                "unit": unit.name, "successor": successor.name, "basis": self.plan.legal_basis}
            self.in_flight_hand_over(unit, to=successor, note=note)

    def in_flight_hand_over(self, unit: Unit, *, to: Unit, note: str) -> None:
        # Citizens' questions and information requests still open move together, with
        # their codes and due dates (issue #21 item 4).
        self.counts["questions handed over"] += petitions_hand_over(from_agency=unit, to_agency=to, note=note)
        self.counts["information requests handed over"] += information_requests_hand_over(
            from_agency=unit, to_agency=to, note=note)

    def carry(self, predecessor: Unit, successor: Unit, sections: list[str]) -> None:
        pages, redirects = sections_carry(predecessor=predecessor, successor=successor, sections=sections)
        self.counts["pages carried"] += pages
        self.counts["redirects"] += redirects

    # --- operations ---

    def merge(self, op: Operation) -> None:
        if Unit.objects.filter(slug=op.target).exists():
            successor = self.unit(op.target)
            changes = {k: v for k, v in op.changes.items() if v != getattr(successor, k, None)}
            if successor.parent_id and changes.get("parent") == successor.parent.slug:
                changes.pop("parent")
            if changes:
                successor = self.update(successor, changes)
        else:
            successor = self.provision(NewUnit(
                slug=op.target, kind=op.changes["kind"], name=op.changes["name"],
                short_name=op.changes.get("short_name") or op.changes["name"],
                hostname=op.changes["hostname"], parent=op.changes["parent"]))
            self.counts["created"] += 1
        if successor.slug in self.ahead:
            self.counts["created"] += 1
        self.progress(successor.slug)
        for slug in op.units:
            if slug == successor.slug:
                self.progress(slug)
                continue
            predecessor = self.unit(slug)
            self.carry(predecessor, successor, op.carry)
            self.archive(predecessor, successor=successor, operation="merge")
            self.progress(slug)
        self.counts["merged"] += 1

    def rename(self, op: Operation) -> None:
        self.update(self.unit(op.units[0]), op.changes)
        self.counts["renamed"] += 1
        self.progress(op.units[0])

    def move(self, op: Operation) -> None:
        # One provisioning run for all the units of the move: it validates against the
        # whole unit table once, not once per commune.
        units = list(Unit.objects.filter(slug__in=op.units))
        rows = [UnitRow(line=0, slug=u.slug, kind=u.kind, name=u.name, short_name=u.short_name,
                        hostname=u.hostname, parent=op.target) for u in units]
        portals_provision(rows, with_sections=False, progress=self.progress)
        self.counts["moved"] += len(rows)

    def retire(self, op: Operation) -> None:
        for slug in op.units:
            unit = self.unit(slug)
            # Questions in flight of a unit that ends without successor go up to its parent.
            parent = unit.parent
            self.archive(unit, successor=None, operation="retire")
            if parent is not None:
                note = _("Handed over: %(unit)s ended (%(basis)s)") % {
                    "unit": unit.name, "basis": self.plan.legal_basis}
                self.in_flight_hand_over(unit, to=parent, note=note)
            self.counts["retired"] += 1
            self.progress(slug)

    def split(self, op: Operation) -> None:
        for new in op.new_units:
            if new.slug not in self.ahead:
                self.provision(new)
            self.counts["created"] += 1
        predecessor = self.unit(op.units[0])
        successor = self.unit(op.target)
        self.carry(predecessor, successor, op.carry)
        self.archive(predecessor, successor=successor, operation="split")
        self.counts["split"] += 1
        self.progress(op.units[0])
        self.progress(successor.slug)


def plan_apply(plan: Plan, *, progress: Callable[[str], None] | None = None, today=None) -> dict[str, int]:
    """Validate and apply the plan in one transaction; returns the summary counts.

    A plan whose effective date is after ``today`` is stored instead, its new units
    provisioned; the rest runs on the date (``plans_apply_due``).
    """
    errors = plan_validate(plan)
    if errors:
        raise PlanRefused(errors)
    # Not under disable_reference_index_auto_update: provisioning enters it itself and
    # Wagtail's flag does not nest.
    with site_root_paths_kept_while_unchanged(), transaction.atomic(), search_updates_deferred():
        record = Reorganisation.objects.create(
            effective_date=plan.effective_date, legal_basis=plan.legal_basis, plan_name=plan.name,
            plan_text=plan.text, status=ReorganisationStatus.SCHEDULED)
        if plan.effective_date > (today or timezone.localdate()):
            return _plan_schedule(plan, record, progress)
        return _plan_run(plan, record, progress)


def _plan_schedule(plan: Plan, record: Reorganisation, progress) -> dict[str, int]:
    new = plan_new_units(plan)
    if new:
        portals_provision([UnitRow(line=0, slug=u.slug, kind=u.kind, name=u.name, short_name=u.short_name,
                                   hostname=u.hostname, parent=u.parent) for u in new], progress=progress)
    record.provisioned = [u.slug for u in new]
    record.summary = {"provisioned ahead": len(new), "scheduled": 1}
    record.save(update_fields=["provisioned", "summary"])
    return record.summary


def _plan_run(plan: Plan, record: Reorganisation, progress) -> dict[str, int]:
    applier = _Applier(plan, record, progress)
    parents_before = dict(Unit.objects.values_list("pk", "parent_id"))
    for op in plan.operations:
        getattr(applier, op.kind)(op)
    changed = parent_changes_record(parents_before, effective_date=plan.effective_date)
    if changed:
        applier.counts["parents changed"] = changed
    record.summary = dict(sorted(applier.counts.items()))
    record.status, record.applied_at = ReorganisationStatus.APPLIED, timezone.now()
    record.save(update_fields=["summary", "status", "applied_at"])
    return record.summary


def parent_changes_record(parents_before: dict[int, int | None], *, effective_date) -> int:
    """Record every unit whose parent the plan changed (move, merge or split with a new
    parent), so reports for days before ``effective_date`` roll up over the hierarchy
    then in force. Compares before and after once, whichever operation moved it."""
    changes = [
        UnitParentChange(unit_id=pk, old_parent_id=parents_before[pk], new_parent_id=parent_id,
                         effective_date=effective_date)
        for pk, parent_id in Unit.objects.filter(pk__in=list(parents_before)).values_list("pk", "parent_id")
        if parents_before[pk] != parent_id
    ]
    UnitParentChange.objects.bulk_create(changes)
    return len(changes)


def plans_due(*, today=None):
    """Scheduled plans whose effective date has come, oldest first."""
    return Reorganisation.objects.filter(
        status=ReorganisationStatus.SCHEDULED, effective_date__lte=today or timezone.localdate()
    ).order_by("effective_date", "pk")


def plans_apply_due(*, today=None, progress: Callable[[str], None] | None = None) -> list[tuple[Reorganisation, dict]]:
    """Run every scheduled plan whose date has come, each in its own transaction.

    Idempotent: a plan is taken under a row lock and marked applied in the same
    transaction, so a second run (cron, or two workers at once) finds nothing to do. A
    plan that no longer fits the units (another plan changed them meanwhile) is refused
    with its line numbers and stays scheduled; later plans wait behind it.
    """
    done = []
    for pk in list(plans_due(today=today).values_list("pk", flat=True)):
        with site_root_paths_kept_while_unchanged(), transaction.atomic(), search_updates_deferred():
            record = Reorganisation.objects.select_for_update().get(pk=pk)
            if record.status != ReorganisationStatus.SCHEDULED:
                continue
            plan = plan_parse(record.plan_text, name=record.plan_name)
            errors = plan_validate(plan, record=record)
            if errors:
                raise PlanRefused(errors)
            done.append((record, _plan_run(plan, record, progress)))
    return done


def board_permissions_end(*, unit: Unit) -> int:
    """The board keeps its members (history) but loses its page and media grants."""
    groups = [bg.group_id for bg in unit.board_groups.all()]
    pages, _ = GroupPagePermission.objects.filter(group_id__in=groups).delete()
    media, _ = GroupCollectionPermission.objects.filter(group_id__in=groups).delete()
    return pages + media


def sections_carry(*, predecessor: Unit, successor: Unit, sections: list[str]) -> tuple[int, int]:
    """Move the items of the predecessor's carried sections under the successor's
    same sections, keeping their history, and redirect each old address (301).

    Returns (pages moved, redirects created).
    """
    if not sections or predecessor.home_page is None or successor.home_page is None:
        return 0, 0
    old_site, new_home = predecessor.site, successor.home_page
    home_url_path = predecessor.home_page.url_path
    target_sections = {p.slug: p for p in new_home.get_children().filter(slug__in=sections)}
    moved = redirects = 0
    carried: list[int] = []  # the moved pages and their subpages
    for section in predecessor.home_page.get_children().filter(slug__in=sections):
        target = target_sections.get(section.slug)
        if target is None:
            continue
        taken = set(target.get_children().values_list("slug", flat=True))
        provisioned = _provisioned_children(target, section.slug)
        for item in section.get_children():
            if item.content_type_id in provisioned:
                # A page every portal gets in this section (the information request
                # page under "Tiếp cận thông tin"): the successor has its own, which
                # sends requests to the successor; the predecessor's stays at its
                # address on the archive (its requesters look their codes up there).
                continue
            # Every address of the item and its subpages on the old portal, before the
            # move, from the tree paths: asking Wagtail for URLs recomputes every site's
            # root path each time a site changed, which cost most of a merge's time.
            old_paths = {
                pk: url_path[len(home_url_path) - 1:]
                for pk, url_path in item.get_descendants(inclusive=True).values_list("pk", "url_path")
                if url_path.startswith(home_url_path)
            }
            item = item.specific
            if item.slug in taken:
                # The move reloads the page and saves it with its new url_path: the new
                # slug goes in with that save, not with a full save (signals, search,
                # cache purge of the old address) of its own just before.
                item.slug = f"{item.slug}-{predecessor.slug}"[:255]
                Page.objects.filter(pk=item.pk).update(slug=item.slug)
            item.move(target, pos="last-child")
            carried.extend(old_paths)
            taken.add(item.slug)
            moved += 1
            for page_id, path in old_paths.items():
                if path:
                    Redirect.objects.update_or_create(
                        old_path=Redirect.normalise_path(path), site=old_site,
                        defaults={"redirect_page_id": page_id, "is_permanent": True},
                    )
                    redirects += 1
    carried_pages_mark(page_ids=carried, predecessor=predecessor, successor=successor)
    return moved, redirects


def _provisioned_children(target: Page, section_slug: str) -> set[int]:
    """Content types of the pages provisioning creates under the section ``section_slug``
    (``tenants.registry.Section.parent``) that ``target`` already has."""
    from django.contrib.contenttypes.models import ContentType

    models = [apps.get_model(s.model) for s in sections_registered() if s.parent == section_slug]
    if not models:
        return set()
    types = {ct.pk for ct in ContentType.objects.get_for_models(*models).values()}
    return set(target.get_children().filter(content_type_id__in=types).values_list("content_type_id", flat=True))


def carried_pages_mark(*, page_ids: list[int], predecessor: Unit, successor: Unit) -> None:
    """The carried pages belong to the successor's portal from now on (``unit``: its
    board edits them, its listings and filters show them) but keep their origin
    (``original_unit``, Điều 12's attribution, never recomputed by a save), and their
    publication so far stays the predecessor's in the reports: a page published without
    a recorded history gets it now, posted by the predecessor. A page carried a second
    time keeps its first origin.
    """
    pages = [page for page in Page.objects.filter(pk__in=page_ids).specific() if isinstance(page, PortalPage)]
    pages_history_start(pages=pages, unit_id=predecessor.pk)
    by_model: dict[type, list[int]] = defaultdict(list)
    for page in pages:
        by_model[type(page)].append(page.pk)
    for model, pks in by_model.items():
        model.objects.filter(pk__in=pks).update(
            unit_id=successor.pk, original_unit_id=Coalesce("original_unit_id", Value(predecessor.pk)))
