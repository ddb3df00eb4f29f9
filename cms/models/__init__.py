"""Page types of the portals. One module per mandated item as they are added (#3)."""

from cms.models.portal import PortalHomePage, ProvincialRootPage

__all__ = ["PortalHomePage", "ProvincialRootPage"]
