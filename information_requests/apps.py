from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InformationRequestsConfig(AppConfig):
    name = "information_requests"
    verbose_name = _("Information requests")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from tenants.registry import Section, sections_register

        # Điều 8.1.m: the "Tiếp cận thông tin" section carries "the address to request
        # information online"; every portal gets its request page under that section, live
        # at once (it holds no content to write before the public can use it).
        sections_register(Section("8.1.m", "information_requests.InformationRequestPage",
                                  "yeu-cau-cung-cap-thong-tin", "Yêu cầu cung cấp thông tin",
                                  parent="tiep-can-thong-tin"))
