"""Leader profiles and official contacts become translatable (issue #5, Điều 8.2.d).

Existing rows get the locale of their page and a translation key of their own (a
single default would break the unique (translation_key, locale) pair), then the
columns become required, as in Wagtail's recipe for adding TranslatableMixin.
"""

import uuid

import django.db.models.deletion
from django.db import migrations, models

MODELS = ("leaderprofile", "officialcontact")


def fill_locale_and_key(apps, schema_editor):
    for name in MODELS:
        model = apps.get_model("cms", name)
        for row in model.objects.select_related("page").iterator():
            row.locale_id = row.page.locale_id
            row.translation_key = uuid.uuid4()
            row.save(update_fields=["locale", "translation_key"])


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0004_accesstoinformationpage_consultationindexpage_and_more"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        *(
            op
            for name in MODELS
            for op in (
                migrations.AddField(
                    model_name=name,
                    name="locale",
                    field=models.ForeignKey(
                        null=True, editable=False, on_delete=django.db.models.deletion.PROTECT,
                        related_name="+", to="wagtailcore.locale", verbose_name="locale",
                    ),
                ),
                migrations.AddField(
                    model_name=name, name="translation_key", field=models.UUIDField(null=True, editable=False)
                ),
            )
        ),
        migrations.RunPython(fill_locale_and_key, migrations.RunPython.noop),
        *(
            op
            for name in MODELS
            for op in (
                migrations.AlterField(
                    model_name=name,
                    name="locale",
                    field=models.ForeignKey(
                        editable=False, on_delete=django.db.models.deletion.PROTECT,
                        related_name="+", to="wagtailcore.locale", verbose_name="locale",
                    ),
                ),
                migrations.AlterField(
                    model_name=name, name="translation_key", field=models.UUIDField(default=uuid.uuid4, editable=False)
                ),
                migrations.AlterUniqueTogether(name=name, unique_together={("translation_key", "locale")}),
            )
        ),
    ]
