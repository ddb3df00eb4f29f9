"""Page editors' forms (issue #19 item 3): the information date on the first tab right
under the title, with the deadline panel; a Vietnamese help text on every field."""

import pytest
from django.utils import translation
from wagtail.models import Page, get_page_models

from cms.models.base import PortalPage
from cms.panels import DeadlinePanel

PAGE_FIELDS = {field.name for field in Page._meta.get_fields()}
PORTAL_PAGE_TYPES = [model for model in get_page_models() if issubclass(model, PortalPage)]
EDITOR_PAGE_TYPES = [model for model in get_page_models() if model._meta.app_label not in ("wagtailcore",)]


@pytest.mark.parametrize("model", PORTAL_PAGE_TYPES, ids=lambda m: m.__name__)
def test_information_date_and_deadline_right_under_the_title(model):
    first_tab = model.get_edit_handler().children[0]
    names = [getattr(panel, "field_name", type(panel).__name__) for panel in first_tab.children]
    assert names[:2] == ["title", "information_date"], names
    assert isinstance(first_tab.children[2], DeadlinePanel)
    assert "information_date" not in [getattr(p, "field_name", None) for tab in model.get_edit_handler().children[1:] for p in tab.children]


@pytest.mark.django_db
@pytest.mark.parametrize("model", EDITOR_PAGE_TYPES, ids=lambda m: m.__name__)
def test_every_own_field_has_a_vietnamese_help_text(model, admin_user):
    form_class = model.get_edit_handler().get_form_class()
    form = form_class(instance=model(), for_user=admin_user)
    missing, untranslated = [], []
    for name, field in form.fields.items():
        if name in PAGE_FIELDS or name.startswith("comment"):
            continue
        if not field.help_text:
            missing.append(name)
            continue
        with translation.override("vi"):
            vi = str(field.help_text)
        with translation.override("en"):
            en = str(field.help_text)
        if vi == en:
            untranslated.append(name)
    assert not missing, f"{model.__name__}: fields without help text: {missing}"
    assert not untranslated, f"{model.__name__}: help texts without Vietnamese: {untranslated}"
