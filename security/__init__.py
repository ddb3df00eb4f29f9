"""Production hardening that Django has no setting for (issue #8): a Content Security
Policy scoped to the public site and the admin, and refusal of hosts that are not a
portal's."""
