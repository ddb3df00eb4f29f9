"""``GET /api/v2/disclosures/``: the published list of information disclosed by the
request's portal (Điều 8.1.m; Nghị định 13/2018/NĐ-CP, Điều 6), issue #22 item 2.

Only the portal the request reaches is listed: another portal's list is read on its
own host. Filters: ``legal_basis`` (``17.1.a``…), ``form``, ``overdue`` (true/false)."""

from rest_framework import serializers
from rest_framework.generics import ListAPIView
from rest_framework.permissions import AllowAny
from wagtail.models import Site

from cms.disclosures import disclosure_link_missing
from cms.models.disclosures import DisclosureItem
from tenants.selectors import unit_for_site


class DisclosureItemSerializer(serializers.ModelSerializer):
    legal_basis_label = serializers.CharField(read_only=True)
    url = serializers.CharField(read_only=True)
    is_overdue = serializers.BooleanField(read_only=True)

    class Meta:
        model = DisclosureItem
        fields = ["id", "title", "legal_basis", "legal_basis_label", "document_number", "document_date", "form",
                  "disclosed_on", "disclosure_period", "url", "required", "is_overdue"]


class DisclosureListView(ListAPIView):
    serializer_class = DisclosureItemSerializer
    permission_classes = [AllowAny]
    authentication_classes: list = []

    def get_queryset(self):
        unit = unit_for_site(site=Site.find_for_request(self.request))
        if unit is None:
            return DisclosureItem.objects.none()
        items = (DisclosureItem.objects.filter(page__live=True, page__unit=unit)
                 .select_related("link_page", "link_document").order_by("page_id", "sort_order", "pk"))
        params = self.request.query_params
        if params.get("legal_basis"):
            items = items.filter(legal_basis=params["legal_basis"])
        if params.get("form"):
            items = items.filter(form=params["form"])
        overdue = params.get("overdue", "").lower()
        if overdue in ("true", "1"):
            items = items.filter(disclosure_link_missing(), required=True)
        elif overdue in ("false", "0"):
            items = items.exclude(disclosure_link_missing(), required=True)
        return items
