"""Help texts of the page editors' fields (issue #19 item 3), in one place.

Kept out of the model fields so that adding or rewording a text needs no migration;
``cms.forms.PortalPageForm`` puts them on every page type's form (a field's own
help text, when it has one, wins). Keyed by field name, with per-model overrides
where one name means different things.
"""

from django.utils.translation import gettext_lazy as _

HELP_TEXTS = {
    "intro": _("A short introduction shown above the list of this section."),
    "introduction": _("A short introduction shown at the top of the page."),
    "summary": _("Two or three sentences shown in lists and search results."),
    "main_image": _("Shown at the top of the article and in lists; choose an image with a description (alt text)."),
    "body": _("The full text: paragraphs, headings, images, tables and attached files."),
    "category": _("The kind of item; it decides which list and filter the page appears in."),
    "approval_date": _("The date the plan was approved by the competent authority."),
    "fiscal_year": _("The budget year the report covers, e.g. 2026."),
    "draft_name": _("The name of the draft document put to consultation."),
    "draft_text": _("The text of the draft, or a summary with the full text attached."),
    "comment_deadline": _("Comments are accepted until this date and time."),
    "receiving_agency": _("The agency that collects the comments."),
    "receiving_address": _("Postal address for written comments."),
    "receiving_email": _("E-mail address for comments."),
    "organisation_chart": _("An image of the organisation chart."),
    "organisation_structure": _("The units and their leaders."),
    "functions_and_duties": _("The functions, duties and powers of the unit."),
    "administrative_apparatus": _("The administrative units under this one."),
    "boundary_map": _("An image of the administrative boundary map."),
    "natural_conditions": _("Geography, climate, area and population."),
    "culture": _("Cultural life, festivals and traditions."),
    "relics_and_landscapes": _("Historic relics and scenic spots."),
    "history": _("The history of the locality or agency."),
    "document_type": _("Law, decree, decision, circular, directive…"),
    "issuing_authority": _("The agency or person that issued the document."),
    "signer": _("Full name and title of the person who signed the document."),
    "issue_date": _("The date written on the document."),
    "effective_date": _("The date the document takes effect."),
    "status": _("The current status; it decides how the item is labelled and filtered."),
    "replaced_by": _("The document that replaces this one, if any."),
    "abstract": _("What the document is about, in one or two sentences (trích yếu)."),
    "field": _("The field (lĩnh vực) the item belongs to, used for filtering."),
    "issue_number": _("The number of the gazette issue."),
    "unit": _("The unit that owns this portal."),
    "main_objective": _("The main objective of the project."),
    "period_start": _("The start date."),
    "period_end": _("The end date (planned or actual)."),
    "budget": _("Total investment in million đồng."),
    "funding_type": _("Source of funds: state budget, ODA, private investment…"),
    "sponsor": _("The investor or sponsoring agency."),
    "source_page": _("The page of the other portal this article was taken from."),
    "source_unit": _("The portal the article was taken from."),
    "source_url": _("The address of the original article."),
    "code": _("The programme's or topic's code."),
    "management_level": _("National, ministerial, provincial or grassroots level."),
    "host_unit": _("The organisation that carries out the programme."),
    "results": _("The results and their use."),
    "summary_report": _("The summary report file."),
    "application_report": _("The report on putting the results to use."),
    "survey_period_start": _("The first day of the period the statistics cover."),
    "survey_period_end": _("The last day of the period the statistics cover."),
    "method": _("How the data were collected and calculated."),
    "analysis": _("Analysis and comments on the figures."),
    "report": _("The statistics file (CSV or XLSX is shown as a table)."),
    "week_start": _("The Monday of the week this schedule covers."),
    "public_information_list": _("The list of information made public (Law on Access to Information)."),
    "focal_point": _("The person or unit responsible for providing information."),
    "request_address": _("Where citizens send requests for information."),
    "request_email": _("E-mail for requests for information."),
    "request_url": _("Online form for requests for information, if any."),
    "complaints_contact": _("Whom to contact with complaints about access to information."),
    "service_portal_url": _("The address of the online public services portal."),
    "services": _("The services offered online, with their links."),
    "opens_at": _("The survey opens at this date and time."),
    "closes_at": _("The survey closes at this date and time."),
}

# Where a field name means something else on one page type.
MODEL_HELP_TEXTS = {
    ("cms", "projectpage", "body"): _("Description of the project: scope, location, progress."),
    ("surveys", "surveypage", "intro"): _("What the survey is about and who requests it."),
}


def help_text_for(model, field_name: str):
    """The help text of ``field_name`` on ``model`` (a page class), or None."""
    key = (model._meta.app_label, model._meta.model_name, field_name)
    return MODEL_HELP_TEXTS.get(key) or HELP_TEXTS.get(field_name)
