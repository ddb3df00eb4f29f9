"""What ``portal_import`` did, typed (issue #24: it was a Counter read by string keys).

Every kind of row gets a :class:`Tally`: ``created`` from the archive, ``kept`` (held
over a ``--replace`` and put back, or already here and left as it was) and ``skipped``
(its unit or page is not in this database). ``import_portal`` prints it.
"""

from dataclasses import dataclass, field, fields


@dataclass
class Tally:
    created: int = 0
    kept: int = 0
    skipped: int = 0


@dataclass
class SubmissionsSummary:
    """The public's submissions (``transfer.submissions``)."""

    petitions: Tally = field(default_factory=Tally)
    comments: Tally = field(default_factory=Tally)  # on consultations
    responses: Tally = field(default_factory=Tally)  # to surveys
    not_copied: int = 0  # a copy (--into) takes none of the archive's


@dataclass
class RecordsSummary:
    """The records kept about the portal's pages outside them (``transfer.records``)."""

    localize_sources: Tally = field(default_factory=Tally)
    localize_strings: Tally = field(default_factory=Tally)
    tasks: Tally = field(default_factory=Tally)
    page_log: Tally = field(default_factory=Tally)
    media_log: Tally = field(default_factory=Tally)
    comments: Tally = field(default_factory=Tally)  # the editors' review comments
    subscriptions: Tally = field(default_factory=Tally)
    workflow_states: Tally = field(default_factory=Tally)
    # The rows apps register (tenants.portal_data.PortalRecords), by their key.
    owned: dict[str, Tally] = field(default_factory=dict)
    links_kept: int = 0  # page links of rows outside the archive re-pointed over a --replace
    not_copied: int = 0  # a copy (--into) takes the localize work only

    def owned_tally(self, key: str) -> Tally:
        return self.owned.setdefault(key, Tally())

    def tallies(self) -> list[Tally]:
        named = [getattr(self, f.name) for f in fields(self) if f.type in ("Tally", Tally)]
        return named + list(self.owned.values())

    @property
    def kept(self) -> int:
        return self.links_kept + sum(tally.kept for tally in self.tallies())

    @property
    def skipped(self) -> int:
        return sum(tally.skipped for tally in self.tallies())


@dataclass
class ImportSummary:
    submissions: SubmissionsSummary = field(default_factory=SubmissionsSummary)
    records: RecordsSummary = field(default_factory=RecordsSummary)
