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
