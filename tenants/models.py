"""Government units, the portal each one owns, and its editorial board (Điều 1–5).

The unit hierarchy is data (``Unit.parent``), not the page tree: every portal's home
page is a sibling under the one provincial root page, so that moving communes from
under a district to directly under the province (Vietnam's 2025 reform) changes one
column and no page paths, and one ``descendant_of(provincial root)`` query spans every
portal.
"""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

# The kinds come from the mandate (mandate.units); most code imports them from here,
# next to Unit.
from mandate.units import UnitKind

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
HOSTNAME_PATTERN = r"^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$"


def unit_search_token(slug: str) -> str:
    """One word standing for a unit's portal in the search index ("donvilienbao"): every
    page is indexed with its portal's token, and a query naming the place is also
    searched with the token in the name's place (``search.synonyms.place_variants``).
    One opaque word, so the name's syllables ("Tư" of "Sở Tư pháp") match nothing else."""
    return "donvi" + slug.replace("-", "")


# Which kinds a unit of each kind may sit under. Communes sit under a district (the
# 2021 structure) or directly under the province (after the 2025 reform).
ALLOWED_PARENT_KINDS: dict[str, frozenset[str]] = {
    UnitKind.PROVINCE: frozenset(),
    UnitKind.DEPARTMENT: frozenset({UnitKind.PROVINCE}),
    UnitKind.DISTRICT: frozenset({UnitKind.PROVINCE}),
    UnitKind.COMMUNE: frozenset({UnitKind.DISTRICT, UnitKind.PROVINCE}),
}


class Unit(models.Model):
    """A government unit (đơn vị): it owns exactly one portal."""

    kind = models.CharField(_("kind"), max_length=20, choices=UnitKind.choices)
    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=100)
    slug = models.SlugField(
        _("slug"),
        max_length=50,
        unique=True,
        validators=[RegexValidator(SLUG_PATTERN)],
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    hostname = models.CharField(
        _("hostname"),
        max_length=253,
        unique=True,
        validators=[RegexValidator(HOSTNAME_PATTERN)],
    )
    site = models.OneToOneField(
        "wagtailcore.Site",
        verbose_name=_("portal"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="unit",
    )
    collection = models.OneToOneField(
        "wagtailcore.Collection",
        verbose_name=_("media collection"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="unit",
    )
    # Issue #21: a unit that merged into another (or ended) keeps its portal as a
    # read-only archive from this date; ``successor`` is the unit that took it over.
    archived_on = models.DateField(_("archived on"), null=True, blank=True, db_index=True)
    successor = models.ForeignKey(
        "self",
        verbose_name=_("successor unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="predecessors",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["kind", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind=UnitKind.PROVINCE, parent__isnull=True)
                | (~models.Q(kind=UnitKind.PROVINCE) & models.Q(parent__isnull=False)),
                name="unit_only_province_without_parent",
            ),
            models.CheckConstraint(
                condition=~models.Q(name=""), name="unit_name_not_empty"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def home_page(self):
        return self.site.root_page if self.site_id else None


class BoardRole(models.TextChoices):
    """Roles of a portal's editorial board (Ban Biên tập) and its helpers."""

    HEAD = "head", _("Board head")
    DEPUTY = "deputy", _("Board deputy")
    MEMBER = "member", _("Board member")
    CONTRIBUTOR = "contributor", _("Contributor")
    TRANSLATOR = "translator", _("Translator")


class BoardGroup(models.Model):
    """Links one Django group to one role on one unit's editorial board."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="board_groups")
    role = models.CharField(_("role"), max_length=20, choices=BoardRole.choices)
    group = models.OneToOneField(
        "auth.Group", on_delete=models.CASCADE, related_name="board_group"
    )

    class Meta:
        verbose_name = _("editorial board group")
        verbose_name_plural = _("editorial board groups")
        constraints = [
            models.UniqueConstraint(fields=["unit", "role"], name="one_group_per_unit_role")
        ]

    def __str__(self) -> str:
        return self.group.name


class UnitParentChange(models.Model):
    """A unit moved under another parent on ``effective_date`` (issue #21: a
    reorganisation moving communes from a district to the province).

    ``Unit.parent`` holds today's hierarchy; these rows give the one in force on any
    earlier day, so a report for a past period rolls up over the units as they were
    then (``tenants.selectors.hierarchy_history``). Written by reorganisation; read
    by compliance. Kept here, below both, so neither imports the other.
    """

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="parent_changes")
    old_parent = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    new_parent = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    effective_date = models.DateField(_("effective date"), db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("change of parent unit")
        verbose_name_plural = _("changes of parent unit")
        ordering = ["effective_date", "pk"]

    def __str__(self) -> str:
        return f"{self.unit_id}: {self.old_parent_id} → {self.new_parent_id} ({self.effective_date})"
