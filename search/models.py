"""Index updates the engine missed (issue #4, robustness).

When the engine is down, publishing still succeeds (modelsearch catches the indexing
error); our backend records the object here so ``search_parity --repair`` replays it
when the engine is back. One row per object: a later failure overwrites the action.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.search_promotions.models import SearchPromotion


class PendingIndexUpdate(models.Model):
    class Action(models.TextChoices):
        ADD = "add", _("add or update")
        DELETE = "delete", _("delete")

    model_label = models.CharField(max_length=100)  # "cms.newspage"
    object_id = models.CharField(max_length=64)
    action = models.CharField(max_length=10, choices=Action.choices)
    created_at = models.DateTimeField(auto_now=True)
    attempts = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("pending index update")
        constraints = [
            models.UniqueConstraint(fields=["model_label", "object_id"], name="pending_index_update_unique_object")
        ]

    def __str__(self):
        return f"{self.action} {self.model_label}:{self.object_id}"


class SearchQueryStat(models.Model):
    """How often a query was searched in one week, on one portal (issue 18 item 5).

    Counts only: no visitor, address, session or time of day is stored, so the weekly
    report of the most frequent and the zero-result queries holds no personal data.
    ``portal`` is the slug of the portal searched on ("": a search across all portals)."""

    portal = models.CharField(_("portal"), max_length=100, blank=True)
    week = models.DateField(_("week (Monday)"))
    query = models.CharField(_("query"), max_length=200)
    count = models.PositiveIntegerField(_("searches"), default=0)
    zero_results = models.PositiveIntegerField(_("searches without results"), default=0)

    class Meta:
        verbose_name = _("search query statistic")
        verbose_name_plural = _("search query statistics")
        constraints = [
            models.UniqueConstraint(fields=["portal", "week", "query"], name="search_query_stat_unique"),
        ]
        indexes = [models.Index(fields=["week", "portal"])]

    def __str__(self):
        return f"{self.week} {self.query} ×{self.count}"


class PortalSearchPromotion(SearchPromotion):
    """Wagtail's promoted search result as a portal's board manages it (issue 18 item 5).

    A proxy, so Wagtail's own model and tables hold the promotions, while the boards'
    admin screens (``search.admin_views``) have a permission policy of their own:
    Wagtail's policy for ``SearchPromotion`` knows nothing about portals."""

    class Meta:
        proxy = True
        verbose_name = _("promoted search result")
        verbose_name_plural = _("promoted search results")


class SearchPromotionPortal(models.Model):
    """The portal whose search shows a promotion, and whose board manages it.

    The provincial portal stands for the search across all portals: its board's
    promotions show there and may point at any portal's page (issue 18 item 5)."""

    promotion = models.OneToOneField(SearchPromotion, on_delete=models.CASCADE, related_name="portal_scope")
    unit = models.ForeignKey("tenants.Unit", on_delete=models.CASCADE, related_name="+", verbose_name=_("portal"))

    class Meta:
        verbose_name = _("portal of a promoted search result")

    def __str__(self):
        return f"{self.unit_id}: {self.promotion_id}"
