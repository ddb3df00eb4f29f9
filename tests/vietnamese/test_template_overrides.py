"""Wagtail templates the project overrides only to translate strings Wagtail 8.0 writes in
English without gettext (issue #19 item 1). Each override must stay the upstream file
plus those edits: after a Wagtail upgrade changes one, this fails and says which to
copy again."""

from pathlib import Path

import pytest
import wagtail
import wagtail_localize
from django.conf import settings

WAGTAIL = Path(wagtail.__file__).parent
LOCALIZE = Path(wagtail_localize.__file__).parent
OURS = Path(settings.BASE_DIR) / "templates"

# (upstream file, our override, [(upstream text, our text)])
OVERRIDES = [
    (
        WAGTAIL / "admin/templates/wagtailadmin/shared/headers/_actions.html",
        OURS / "wagtailadmin/shared/headers/_actions.html",
        [
            ("{# Actions divider #}\n", "{% load i18n %}{# Actions divider #}\n"),
            ('aria-label="Actions"', "aria-label=\"{% translate 'Actions' %}\""),
        ],
    ),
    (
        WAGTAIL / "admin/templates/wagtailadmin/shared/header.html",
        OURS / "wagtailadmin/shared/header.html",
        [('value="Search"', "value=\"{% translate 'Search' %}\"")],
    ),
    (
        WAGTAIL / "admin/templates/wagtailadmin/home.html",
        OURS / "wagtailadmin/home.html",
        [
            ('value="Search"', "value=\"{% translate 'Search' %}\""),
            # Issue #19 item 5: the dashboard greets the board member by name.
            (
                "{% block branding_welcome %}{{ site_name }}{% endblock %}",
                "{% block branding_welcome %}{% blocktrans trimmed with name=request.user.get_short_name|default:"
                "request.user.get_username %}Hello {{ name }} — {{ site_name }}{% endblocktrans %}{% endblock %}",
            ),
        ],
    ),
    (
        WAGTAIL / "admin/templates/wagtailadmin/tables/boolean_cell.html",
        OURS / "wagtailadmin/tables/boolean_cell.html",
        [
            ("{% load wagtailadmin_tags %}", "{% load i18n wagtailadmin_tags %}"),
            ("{% icon title=value|stringformat:'s' name=\"help\"", '{% translate "None" as label %}{% icon title=label name="help"'),
            ("{% icon title=value|stringformat:'s' name=\"check\"", '{% translate "Yes" as label %}{% icon title=label name="check"'),
            ("{% icon title=value|stringformat:'s' name=\"cross\"", '{% translate "No" as label %}{% icon title=label name="cross"'),
        ],
    ),
    (
        WAGTAIL / "admin/templates/wagtailadmin/shared/user_avatar.html",
        OURS / "wagtailadmin/shared/user_avatar.html",
        [
            (
                "{% if not username %}{{ user }}{% else %}{{ username }}{% endif %}",
                "{% if username %}{{ username }}{% elif user %}{{ user }}{% endif %}",
            )
        ],
    ),
    (
        LOCALIZE / "locales/templates/wagtaillocales/index.html",
        OURS / "wagtaillocales/index.html",
        [
            (
                "                                {# TODO Make this translatable #}\n"
                "                                {{ locale.num_pages }} pages{% if locale.num_others %} + "
                "{{ locale.num_others }} others{% endif %}",
                "                                {% if locale.num_others %}{% blocktranslate trimmed with "
                "num_pages=locale.num_pages num_others=locale.num_others %}{{ num_pages }} pages + "
                "{{ num_others }} others{% endblocktranslate %}{% else %}{% blocktranslate trimmed with "
                "num_pages=locale.num_pages %}{{ num_pages }} pages{% endblocktranslate %}{% endif %}",
            )
        ],
    ),
]


@pytest.mark.parametrize(("upstream", "ours", "edits"), OVERRIDES, ids=lambda v: getattr(v, "name", ""))
def test_override_is_upstream_plus_translation(upstream, ours, edits):
    text = ours.read_text()
    for original, translated in edits:
        assert text.count(translated) == 1, translated
        text = text.replace(translated, original)
    assert text == upstream.read_text(), f"{upstream} changed: copy it to {ours} again and re-apply the edits"
