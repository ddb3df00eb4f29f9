"""The content locales: Vietnamese (the default) and English (the mirror, Điều 8.2.d)."""

from django.db import migrations

LANGUAGE_CODES = ("vi", "en")


def locales_ensure(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    for code in LANGUAGE_CODES:
        Locale.objects.get_or_create(language_code=code)


class Migration(migrations.Migration):
    dependencies = [
        ("translations", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(locales_ensure, migrations.RunPython.noop)]
