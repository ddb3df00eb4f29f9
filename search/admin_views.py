"""Search's screens in the Wagtail admin (issue 18 item 5): promoted results per portal
and the week's most frequent and zero-result queries per portal.

Wagtail viewsets whose querysets and choices come from ``search.promotions``: a board
sees, edits and deletes only its own portal's promotions, pointing only at its own
pages; another portal's promotion is a 404 on every URL of the viewset (edit, delete,
history, usage), as a page of another portal is. Wagtail's own "Promoted search
results" screen stays for superusers (a board holds none of its model permissions).
"""

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.widgets import AdminPageChooser
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.views import generic
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.views.generic.usage import UsageView
from wagtail.permission_policies.base import BasePermissionPolicy

from search import promotions
from search.models import PortalSearchPromotion, SearchQueryStat
from security.spreadsheets import spreadsheet_text
from tenants.membership import BOARD_ROLES, reaches_every_portal, unit_ids_with_role
from tenants.models import Unit


class PortalPromotionPermissionPolicy(BasePermissionPolicy):
    """Boards proper (and superusers) manage promotions; which ones is ``promotions_for_user``."""

    def user_has_permission(self, user, action):
        return promotions.user_manages_promotions(user)

    def user_has_any_permission(self, user, actions):
        return self.user_has_permission(user, None)

    def user_has_permission_for_instance(self, user, action, instance):
        return promotions.promotions_for_user(user).filter(pk=instance.pk).exists()

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return self.user_has_permission_for_instance(user, None, instance)

    def instances_user_has_any_permission_for(self, user, actions):
        return promotions.promotions_for_user(user)

    def users_with_any_permission(self, actions):
        users = get_user_model().objects.filter(is_active=True)
        return users.filter(Q(is_superuser=True) | Q(groups__board_group__role__in=BOARD_ROLES)).distinct()

    def users_with_any_permission_for_instance(self, actions, instance):
        return self.users_with_any_permission(actions)


class PromotionForm(WagtailAdminModelForm):
    """The query and portal of a promotion besides Wagtail's page and description."""

    query_text = forms.CharField(label=_("Search query"), max_length=255,
                                 help_text=_("The promotion shows when a reader searches exactly these words."))
    portal = forms.ModelChoiceField(label=_("Portal"), queryset=Unit.objects.none(),
                                    help_text=_("The provincial portal's promotions show in the search across all portals."))

    class Meta:
        model = PortalSearchPromotion
        fields = ["page", "description"]
        # A chooser, not a <select> of every page of every portal (a leak, and 10k options).
        widgets = {"page": AdminPageChooser()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        units = promotions.promotion_units_for_user(self.for_user).order_by("name")
        self.fields["portal"].queryset = units
        self.fields["page"].required = True
        self.fields["page"].queryset = promotions.pages_for_user(self.for_user)
        self.fields["page"].label = _("Promoted page")
        self.fields["page"].help_text = _("A page of this portal; the provincial portal may promote any portal's page.")
        self.fields["description"].label = _("Description")
        self.fields["description"].help_text = _("Shown under the page's title in the search results.")
        if self.instance.pk:
            self.initial["query_text"] = self.instance.query.query_string
            scope = getattr(self.instance, "portal_scope", None)
            self.initial["portal"] = scope.unit_id if scope else None
        elif len(units) == 1:
            self.initial["portal"] = units[0].pk
        self.order_fields(["query_text", "portal", "page", "description"])

    def clean(self):
        data = super().clean()
        page, unit = data.get("page"), data.get("portal")
        if page is not None and unit is not None and not promotions.page_in_portal(page=page, unit=unit):
            self.add_error("page", promotions.PAGE_OUTSIDE_PORTAL)
        if not promotions.promotion_query_key(data.get("query_text", "")):
            self.add_error("query_text", forms.Field.default_error_messages["required"])
        return data

    def save(self, commit=True):
        return promotions.promotion_save(promotion=self.instance, query=self.cleaned_data["query_text"],
                                         unit=self.cleaned_data["portal"])


class PromotionFilterSet(WagtailFilterSet):
    portal = django_filters.ModelChoiceFilter(
        label=_("Portal"), field_name="portal_scope__unit",
        queryset=lambda request: promotions.promotion_units_for_user(request.user).order_by("name"))

    class Meta:
        model = PortalSearchPromotion
        fields = []


class ScopedObjectMixin:
    """Another portal's promotion does not exist for this user (404, as for pages)."""

    def get_queryset(self):
        return promotions.promotions_for_user(self.request.user)

    def get_base_object_queryset(self):
        return self.get_queryset()


class PromotionIndexView(generic.IndexView):
    def get_base_queryset(self):
        return promotions.promotions_for_user(self.request.user).order_by("query__query_string", "sort_order")


class PromotionEditView(ScopedObjectMixin, generic.EditView):
    pass


class PromotionDeleteView(ScopedObjectMixin, generic.DeleteView):
    pass


class PromotionHistoryView(ScopedObjectMixin, HistoryView):
    pass


class PromotionUsageView(ScopedObjectMixin, UsageView):
    pass


def _portal_name(promotion) -> str:
    scope = getattr(promotion, "portal_scope", None)
    return scope.unit.short_name or scope.unit.name if scope else ""


class PromotionViewSet(ModelViewSet):
    model = PortalSearchPromotion
    icon = "pick"
    menu_label = _("Promoted search results")
    add_to_settings_menu = True
    menu_order = 890
    index_view_class = PromotionIndexView
    edit_view_class = PromotionEditView
    delete_view_class = PromotionDeleteView
    history_view_class = PromotionHistoryView
    usage_view_class = PromotionUsageView
    copy_view_enabled = False
    inspect_view_enabled = False
    filterset_class = PromotionFilterSet
    search_fields = ["query__query_string", "description", "page__title"]
    search_backend_name = None
    list_display = [
        TitleColumn("query", label=_("Search query"), accessor="query.query_string",
                    url_name="search_promotions:edit"),
        Column("page", label=_("Promoted page"), accessor="page.title"),
        Column("portal", label=_("Portal"), accessor=_portal_name),
        Column("description", label=_("Description")),
    ]

    def get_form_class(self, for_update=False):
        return PromotionForm


promotion_viewset = PromotionViewSet("search_promotions")


# --- the week's queries (issue 18 item 5) ---------------------------------------------


def query_report_portals(user) -> list[str] | None:
    """The ``SearchQueryStat.portal`` values ``user`` may read: None (all of them, the
    searches across all portals included) for superusers and the provincial board proper,
    else the slugs of the portals on whose board proper the user sits."""
    if reaches_every_portal(user):
        return None
    return list(Unit.objects.filter(pk__in=unit_ids_with_role(user, roles=BOARD_ROLES)).values_list("slug", flat=True))


def query_stats_for_user(user):
    from search.services import query_records_flush

    query_records_flush()  # this process's counts not written yet (they wait, issue 18 latency)
    portals = query_report_portals(user)
    stats = SearchQueryStat.objects.all()
    return stats if portals is None else stats.filter(portal__in=portals)


class QueryReportPermissionPolicy(BasePermissionPolicy):
    """Boards proper read their portal's counts; nobody edits them (they are computed)."""

    def _reads(self, user, action) -> bool:
        return action == "view" and (reaches_every_portal(user) or bool(query_report_portals(user)))

    def user_has_permission(self, user, action):
        return self._reads(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self._reads(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action, instance):
        return self._reads(user, action) and query_stats_for_user(user).filter(pk=instance.pk).exists()

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(self.user_has_permission_for_instance(user, action, instance) for action in actions)

    def instances_user_has_any_permission_for(self, user, actions):
        return query_stats_for_user(user) if "view" in actions else SearchQueryStat.objects.none()

    def users_with_any_permission(self, actions):
        if "view" not in actions:
            return get_user_model().objects.none()
        users = get_user_model().objects.filter(is_active=True)
        return users.filter(Q(is_superuser=True) | Q(groups__board_group__role__in=BOARD_ROLES)).distinct()


def _week_choices(request):
    weeks = query_stats_for_user(request.user).order_by("-week").values_list("week", flat=True).distinct()
    return [(week.isoformat(), date_format(week, "SHORT_DATE_FORMAT")) for week in weeks]


def _portal_choices(request):
    portals = query_report_portals(request.user)
    units = Unit.objects.all() if portals is None else Unit.objects.filter(slug__in=portals)
    choices = [(slug, name) for slug, name in units.order_by("name").values_list("slug", "short_name")]
    return ([(ALL_PORTALS, _("All portals (the search across portals)"))] if portals is None else []) + choices


ALL_PORTALS = "-"  # the filter's value for the searches across all portals (stored as "")


class QueryReportFilterSet(WagtailFilterSet):
    week = django_filters.ChoiceFilter(label=_("Week (Monday)"), choices=[], empty_label=None)
    portal = django_filters.ChoiceFilter(label=_("Portal"), choices=[], method="filter_portal")
    without_results = django_filters.BooleanFilter(label=_("Only queries without results"),
                                                   method="filter_without_results")

    class Meta:
        model = SearchQueryStat
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The reader's own weeks and portals (django-filter calls a choices callable without the request).
        self.filters["week"].extra["choices"] = _week_choices(self.request)
        self.filters["portal"].extra["choices"] = _portal_choices(self.request)

    def filter_portal(self, queryset, name, value):
        return queryset.filter(portal="" if value == ALL_PORTALS else value)

    def filter_without_results(self, queryset, name, value):
        return queryset.filter(zero_results__gt=0) if value else queryset


class QueryReportIndexView(generic.IndexView):
    default_ordering = "-count"

    def get_base_queryset(self):
        return query_stats_for_user(self.request.user)

    def get_filterset_kwargs(self):
        # The latest week's report unless the reader picks another (a mix of weeks means nothing).
        kwargs = super().get_filterset_kwargs()
        if not self.request.GET.get("week"):
            latest = query_stats_for_user(self.request.user).order_by("-week").values_list("week", flat=True).first()
            if latest:
                data = self.request.GET.copy()
                data["week"] = latest.isoformat()
                kwargs["data"] = data
        return kwargs

    def preprocess_field_value(self, field, value, export_format):
        # What the public typed goes into an agency's spreadsheet: never as a formula.
        return spreadsheet_text(super().preprocess_field_value(field, value, export_format))


def _portal_label(stat) -> str:
    return stat.portal or str(_("All portals (the search across portals)"))


class QueryReportViewSet(ModelViewSet):
    """Most frequent and zero-result queries of a week per portal (sort by either column)."""

    model = SearchQueryStat
    icon = "search"
    menu_label = _("Search queries of the week")
    add_to_admin_menu = False
    index_view_class = QueryReportIndexView
    filterset_class = QueryReportFilterSet
    copy_view_enabled = False
    inspect_view_enabled = False
    search_fields = ["query"]
    search_backend_name = None
    list_display = [
        Column("query", label=_("Query")),
        Column("portal", label=_("Portal"), accessor=_portal_label),
        Column("week", label=_("Week (Monday)")),
        Column("count", label=_("Searches"), sort_key="count"),
        Column("zero_results", label=_("Searches without results"), sort_key="zero_results"),
    ]
    list_export = ["query", "portal", "week", "count", "zero_results"]
    export_filename = "search-queries"
    form_fields = ["query"]  # no add or edit screen is reachable (the policy grants "view" only)

    def get_index_view_kwargs(self, **kwargs):
        return {**super().get_index_view_kwargs(**kwargs), "page_title": self.menu_label}


query_report_viewset = QueryReportViewSet("search_query_report")
