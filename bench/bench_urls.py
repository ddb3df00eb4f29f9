"""URLs of the benchmarks: the project's, plus Wagtail's stock pages endpoint at /stock/.

The stock ``wagtail.api.v2.views.PagesAPIViewSet`` answers the same requests without
our portal filters, restriction handling and cache headers (so no cache keeps it): the
baseline of bench/api_latency.py and bench/http_bench.py. Never used outside bench/.
"""

from django.urls import include, path
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet

from settings.urls import urlpatterns as project_urlpatterns

STOCK_PREFIX = "/stock/"

router = WagtailAPIRouter("stockapi")
router.register_endpoint("pages", PagesAPIViewSet)

urlpatterns = [path(STOCK_PREFIX.strip("/") + "/", include((router.get_urlpatterns(), "stockapi")))]
urlpatterns += project_urlpatterns
