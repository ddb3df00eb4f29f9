"""Load the official decisions of workdays/data/official_decisions.yaml (2025–2026)."""

from django.db import migrations


def load(apps, schema_editor):
    from workdays.official import official_days_load

    official_days_load(model=apps.get_model("workdays", "CalendarException"))


def unload(apps, schema_editor):
    apps.get_model("workdays", "CalendarException").objects.filter(source="official").delete()


class Migration(migrations.Migration):
    dependencies = [("workdays", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
