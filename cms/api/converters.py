"""URL converters of the API."""


class IdConverter:
    """A database id: an ``int`` that fits a 64-bit key column.

    Django's ``<int:…>`` accepts any number of digits, and an id past 2**63 makes the
    database driver raise OverflowError (a 500) instead of finding nothing; such an id
    does not match the URL at all here (a 404).
    """

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value) -> str:
        return str(value)
