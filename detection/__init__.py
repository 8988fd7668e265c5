"""Claim detection: an article's plain text in, the passages it attributes out.

Pure: no models and no database. The caller passes the agencies and people
the newsroom knows (and the desk's lessons) as plain data.
"""

from detection.detector import AgencyRef, Detection, PersonRef, detect, load_model

__all__ = ["AgencyRef", "Detection", "PersonRef", "detect", "load_model"]
