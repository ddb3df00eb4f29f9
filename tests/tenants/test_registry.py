"""What the apps above tenants register for provisioning (issue #24: tenants imports none
of them). No database: the registry is filled by the apps' ``ready()``."""

from mandate.items import MANDATE_ITEMS
from tenants import registry
from tenants.sections import sections_for


def test_the_installed_apps_register_page_types_sections_and_the_board_workflow():
    assert registry.page_types() == registry.PortalPageTypes(root="cms.ProvincialRootPage", home="cms.PortalHomePage")
    models = [section.model for section in registry.sections_registered()]
    assert {"cms.IntroductionPage", "surveys.SurveyIndexPage", "qa.QAIndexPage"} <= set(models)
    from moderation.services import board_workflows_sync

    assert registry._board_workflow_sync is board_workflows_sync


def test_sections_come_in_the_decisions_order_whichever_app_registered_them():
    """qa and surveys are ready before cms (INSTALLED_APPS), yet the home's sections keep
    the decision's order: 8.1.a first, the surveys (8.2.đ) last of Điều 8, then Q&A."""
    order = list(MANDATE_ITEMS)
    items = [section.item for section in sections_for("province")]
    assert items[0] == "8.1.a" and items[-2:] == ["8.2.đ", ""]
    assert [order.index(item) for item in items[:-1]] == sorted(order.index(item) for item in items[:-1])
    assert "8.2.đ" not in [section.item for section in sections_for("commune")]


def test_registering_the_same_section_twice_changes_nothing():
    before = registry.sections_registered()
    registry.sections_register(before[0])
    assert registry.sections_registered() == before
