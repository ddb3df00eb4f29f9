"""The demo province: Bắc Ninh's 154 portals filled with content, and demo accounts.

The top floor (issue #24, docs/ARCHITECTURE.md): it imports every app to fill it,
and no app imports it. One module per app it fills (``demo.cms``, ``demo.qa`` …);
``manage.py seed_demo`` runs them in order.
"""
