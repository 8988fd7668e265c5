"""Picking a detection out of what ``detect`` found, for the assertions."""

from detection import Detection


def one(found: list[Detection], quote: str) -> Detection:
    """The one detection whose passage holds ``quote``; fails on none or several."""
    matching = [d for d in found if quote in d.quote]
    assert len(matching) == 1, found
    return matching[0]
