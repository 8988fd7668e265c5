"""Static files storage: hashed names once collected, plain names until then."""

import logging

from whitenoise.storage import CompressedManifestStaticFilesStorage

logger = logging.getLogger(__name__)


class CollectedStaticFilesStorage(CompressedManifestStaticFilesStorage):
    """WhiteNoise's manifest storage that does not fail before `collectstatic`.

    Without a manifest every `{% static %}` raises, so each page answers 500.
    Until the files are collected, link the plain names (WhiteNoise then serves
    them from the source folders, see WHITENOISE_USE_FINDERS in settings) and
    say once in the log what to run.
    """

    _warned = False

    def stored_name(self, name: str) -> str:
        if not self.hashed_files:
            if not CollectedStaticFilesStorage._warned:
                CollectedStaticFilesStorage._warned = True
                logger.warning(
                    "Static files are not collected (no %s in STATIC_ROOT); "
                    "serving them uncompressed from the source folders. "
                    "Run `manage.py collectstatic` when deploying.",
                    self.manifest_name,
                )
            return name
        return super().stored_name(name)
