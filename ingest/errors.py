"""Domain exceptions. The CLI turns each into one line naming the input and the reason."""


class EvidenceError(Exception):
    """Base class for errors a user can act on."""


class InputError(EvidenceError):
    """A document that cannot be read: unreadable, empty, binary, wrongly encoded, too big."""

    def __init__(self, source, reason):
        self.source = str(source)
        self.reason = reason
        super().__init__(f"{self.source}: {reason}")


class GoldError(EvidenceError):
    """A gold file that does not follow EVIDENCE_FORMAT.md."""


class FetchError(InputError):
    """A URL that could not be fetched: HTTP error, timeout, redirect loop, too big, wrong type."""


class RobotsDisallowed(FetchError):
    """A URL that robots.txt does not allow us to fetch; it was not requested."""

    def __init__(self, source):
        super().__init__(source, "disallowed by robots.txt")


class DiscoveryError(InputError):
    """A listing page, feed or sitemap whose links cannot be read (malformed XML, ...)."""


class SourcesError(EvidenceError):
    """A sources file that cannot be used: unreadable YAML, a missing or wrong field."""


class WouldShrink(EvidenceError):
    """A build that would hold fewer readable documents than the database it replaces."""


class ArchiveError(EvidenceError):
    """An archive folder that cannot be used: missing, not creatable, or its index unreadable.

    (A damaged or missing WARC record is an InputError of the one document it holds.)"""


class NothingToBuild(EvidenceError):
    """A build whose input holds no readable document: a missing path, an empty folder,
    files of formats we cannot read. Nothing is swapped in."""


class BuildLocked(EvidenceError):
    """Another build is writing the same database."""
