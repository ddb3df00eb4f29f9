"""The error every step of a portal's export or import raises when it cannot go on."""


class PortalTransferError(Exception):
    """An archive that cannot be exported or imported; the message says why."""
