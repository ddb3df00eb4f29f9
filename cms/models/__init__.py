"""Page types of the portals: one module per mandated item or group of items."""

from cms.models.articles import (
    DirectionIndexPage,
    DirectionPage,
    FinancialReportIndexPage,
    FinancialReportPage,
    LegalDisseminationIndexPage,
    LegalDisseminationPage,
    NewsIndexPage,
    NewsPage,
    PlanIndexPage,
    PlanPage,
)
from cms.models.base import PortalPage, SectionIndexPage
from cms.models.consultations import ConsultationFile, ConsultationIndexPage, ConsultationPage
from cms.models.contacts import OfficialContact, OfficialContactsPage, PortalContactSettings
from cms.models.disclosures import DisclosureForm, DisclosureItem
from cms.models.introduction import IntroductionPage, LeaderProfile
from cms.models.legal_documents import (
    GazetteEntry,
    GazetteIndexPage,
    GazetteIssuePage,
    LegalDocumentFile,
    LegalDocumentIndexPage,
    LegalDocumentPage,
)
from cms.models.portal import PortalHomePage, ProvincialRootPage
from cms.models.projects import ProjectIndexPage, ProjectPage
from cms.models.republication import RepublishedPage
from cms.models.provincial import (
    ScienceProgrammeIndexPage,
    ScienceProgrammePage,
    StatisticsDataFile,
    StatisticsIndexPage,
    StatisticsReleasePage,
)
from cms.models.schedule import WorkScheduleEntry, WorkSchedulePage
from cms.models.services import AccessToInformationPage, OnlinePublicServicesPage

__all__ = [
    "AccessToInformationPage", "DisclosureForm", "DisclosureItem", "ConsultationFile", "ConsultationIndexPage", "ConsultationPage",
    "DirectionIndexPage", "DirectionPage", "FinancialReportIndexPage", "FinancialReportPage",
    "GazetteEntry", "GazetteIndexPage", "GazetteIssuePage", "IntroductionPage", "LeaderProfile",
    "LegalDisseminationIndexPage", "LegalDisseminationPage", "LegalDocumentFile", "LegalDocumentIndexPage",
    "LegalDocumentPage", "NewsIndexPage", "NewsPage", "OfficialContact", "OfficialContactsPage",
    "OnlinePublicServicesPage", "PlanIndexPage", "PlanPage", "PortalContactSettings", "PortalHomePage",
    "PortalPage", "ProjectIndexPage", "ProjectPage", "ProvincialRootPage", "RepublishedPage", "ScienceProgrammeIndexPage",
    "ScienceProgrammePage", "SectionIndexPage", "StatisticsDataFile", "StatisticsIndexPage",
    "StatisticsReleasePage", "WorkScheduleEntry", "WorkSchedulePage",
]
