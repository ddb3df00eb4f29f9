"""Survey questions become translatable (wagtail-localize), as leader profiles did in
cms/0005.

Each question gets the locale of its page and a translation key. The language versions
of one survey (pages sharing a translation key) were copied question by question, in
order, so their questions are paired by position and share a key: that is what lets
wagtail-localize keep them on the next sync and lets the results of all versions be
compiled together. A question with no counterpart at its position gets a key of its own.
"""

import uuid
from collections import defaultdict

import django.db.models.deletion
from django.db import migrations, models


def question_keys_fill(apps, schema_editor):
    SurveyPage = apps.get_model("surveys", "SurveyPage")
    SurveyQuestion = apps.get_model("surveys", "SurveyQuestion")
    versions = defaultdict(list)
    for page in SurveyPage.objects.order_by("pk").values("pk", "translation_key", "locale_id"):
        versions[page["translation_key"]].append(page)
    for pages in versions.values():
        keys: list[uuid.UUID] = []
        for page in pages:  # the oldest first: the version the others were copied from
            questions = SurveyQuestion.objects.filter(page_id=page["pk"]).order_by("sort_order", "pk")
            for position, question in enumerate(questions):
                if position == len(keys):
                    keys.append(uuid.uuid4())
                question.locale_id = page["locale_id"]
                question.translation_key = keys[position]
                question.save(update_fields=["locale", "translation_key"])


class Migration(migrations.Migration):
    dependencies = [
        ("surveys", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.AddField(
            model_name="surveyquestion",
            name="locale",
            field=models.ForeignKey(
                null=True, editable=False, on_delete=django.db.models.deletion.PROTECT,
                related_name="+", to="wagtailcore.locale", verbose_name="locale",
            ),
        ),
        migrations.AddField(
            model_name="surveyquestion", name="translation_key", field=models.UUIDField(null=True, editable=False)
        ),
        migrations.RunPython(question_keys_fill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="surveyquestion",
            name="locale",
            field=models.ForeignKey(
                editable=False, on_delete=django.db.models.deletion.PROTECT,
                related_name="+", to="wagtailcore.locale", verbose_name="locale",
            ),
        ),
        migrations.AlterField(
            model_name="surveyquestion",
            name="translation_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterUniqueTogether(name="surveyquestion", unique_together={("translation_key", "locale")}),
    ]
