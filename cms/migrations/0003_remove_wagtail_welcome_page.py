"""Remove the placeholder page and site that Wagtail's own migrations create.

Portals are created by provisioning (tenants.provisioning); the placeholder "Welcome
to your new Wagtail site!" page would otherwise answer for localhost as the default
site. Only the untouched placeholder is removed.
"""

from django.db import migrations


def remove_welcome_page(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    welcome = Page.objects.filter(
        depth=2, slug="home", title="Welcome to your new Wagtail site!", numchild=0
    ).first()
    if welcome is None:
        return
    Site.objects.filter(root_page_id=welcome.pk).delete()
    welcome.delete()
    root = Page.objects.get(depth=1)
    root.numchild = Page.objects.filter(depth=2, path__startswith=root.path).count()
    root.save(update_fields=["numchild"])


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0002_initial"),
        ("wagtailcore", "0002_initial_data"),
    ]

    operations = [migrations.RunPython(remove_welcome_page, migrations.RunPython.noop)]
