"""Moving one portal on its own between databases (issue #8 item 7).

``transfer.services.portal_export`` writes a portal's page subtree (every page type's
fields and inline children, with all revisions) and the images and documents of its
collection (files included) into one zip: ``manifest.json`` plus ``files/<storage
name>``. ``portal_import`` puts it back under the provincial root and re-links the
portal's Site, Unit and collection. Pages are stored as Wagtail stores revisions
(``serializable_data``), so a page type added later needs no change here.

What the public submitted (petitions, consultation comments, survey responses) goes
with the portal and survives ``--replace``: see ``transfer.submissions``. So do the
English mirror's localize work, translation tasks, compliance records and page and
media history: see ``transfer.records``.

``transfer`` imports none of the apps whose rows it carries (issue #24): each app
registers them in its ``AppConfig.ready()`` with ``tenants.portal_data`` (generic
records such as compliance's, or models by the role they play: petitions, comments,
survey responses, translation tasks). ``portal_import`` fills a typed
``transfer.summary.ImportSummary``; the rows' shared helpers are in ``transfer.rows``.
"""
