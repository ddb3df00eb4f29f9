"""The public intake pipeline shared by every form the public sends in (issue #24 item 2).

Questions (``qa``), consultation comments (``consultations``), survey responses
(``surveys``) and, next, information requests all take a submission the same way:

    rate limit → honeypot → validate → service → receipt

once through the public API and once through the portal page. This package writes that
pipeline once, with hooks for what differs; an intake app keeps only its own rules,
service and messages:

- ``intake.api``: ``PublicAPIView`` (language from Accept-Language, Origin check) and
  ``IntakeCreateView``, the API side: subclass it, set ``submit_serializer_class`` and
  ``rate_limited_message``, write ``intake_rate_check``, ``intake_submit`` and
  ``intake_receipt``; ``intake_target``/``intake_precheck``/``intake_check`` refuse
  early (404, 409) by raising ``IntakeRefused``.
- ``intake.pages``: ``PageIntake``, the page side: the same steps for a form posted
  to a portal page, ending in a redirect or an ``IntakeFormState`` to render.
- ``intake.honeypot``: the ``website`` field robots fill, for forms and serializers.
- ``intake.contact``: the phone/e-mail checks and the messages about the sender.
- ``intake.ratelimit``: the per-client fixed window, counted in Django's cache.
- ``intake.serializers``: ``DetailSerializer``, the optional text field, the ``agency``
  field and ``IntakeRulesMixin`` (the API refuses with the rules' messages, as the form).
- ``intake.agency``: the agency a sender names by its slug, and its messages.
- ``intake.services``: what the tracked intakes' services write alike: the locked status
  transition (``transition_locked``, ``InvalidTransition``), ``required_text``, the unique
  tracking code (``tracked_save``), ``sender_language``, ``stored_files_discard``.
- ``intake.exports``: what the XLSX/DOCX files for agencies have in common.
- ``intake.tracking``: tracking codes and ``TrackedSubmission``, the abstract model of
  the tracked fields (code, received, due, answered) Q&A's petitions and information
  requests inherit.
- ``intake.tables``: the boards' lists (overdue first, due soon, overdue) and the
  counts table per unit over a period (Q&A's table 2, the information requests' table).
- ``intake.admin``: the admin lists' permission policy and safe export; for the tracked
  intakes also the list's columns and headings and the board's action form
  (``action_form_submit``).

It is a plain package, not a Django app: no concrete models, templates or migrations
(``TrackedSubmission`` is abstract: its fields live in the inheriting apps' tables). It sits
with the feature apps' shared machinery: it imports ``tenants``, ``security``, ``vietnamese`` and
Django/DRF, never an intake app.
"""
