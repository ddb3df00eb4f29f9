from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    label = "portal_search"  # "search" would clash with wagtail.search's label
    verbose_name = _("Search across portals")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail import hooks
        from wagtail.models import Site

        from cms.models.base import FOLDED_TEXT_HOOK
        from search.text import page_folded_text

        # Issue #24: cms indexes the folded copy of its pages but sits below search, whose
        # folding rules these are; it asks for them through this hook.
        hooks.register(FOLDED_TEXT_HOOK, page_folded_text)

        from search.services import portal_labels_forget
        from tenants.models import Unit

        for model in (Unit, Site):
            post_save.connect(portal_labels_forget, sender=model, dispatch_uid=f"portal-labels-{model.__name__}")
            post_delete.connect(portal_labels_forget, sender=model, dispatch_uid=f"portal-labels-{model.__name__}-del")

        from wagtail.signals import page_published

        from search.indexing import page_reindex_with_relations

        page_published.connect(page_reindex_with_relations, dispatch_uid="search-reindex-with-relations")
        from search.services.facets import portal_home_published

        page_published.connect(portal_home_published, dispatch_uid="search-portal-home-published")

        from wagtail.signals import page_unpublished

        from search.services import hidden_pages_forget

        post_save.connect(hidden_pages_forget, dispatch_uid="search-hidden-pages-save")
        post_delete.connect(hidden_pages_forget, dispatch_uid="search-hidden-pages-delete")
        page_unpublished.connect(hidden_pages_forget, dispatch_uid="search-hidden-pages-unpublish")

        import atexit

        from django.core.signals import request_finished

        from search.services import query_records_flush, query_records_flush_due

        # The week's query counts wait in the process and are written after a response
        # (issue 18, latency); what is left at exit is written then.
        request_finished.connect(query_records_flush_due, dispatch_uid="search-query-records-flush")
        atexit.register(query_records_flush)

        from wagtail.contrib.search_promotions.models import Query, SearchPromotion

        from search.models import SearchPromotionPortal
        from search.promotions import promotion_keys_forget

        for model in (Query, SearchPromotion, SearchPromotionPortal, Unit):
            for signal in (post_save, post_delete):
                signal.connect(promotion_keys_forget, sender=model,
                               dispatch_uid=f"search-promotion-keys-{model.__name__}-{id(signal)}")
