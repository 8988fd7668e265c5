"""The static files storage the tests collect with: the deployed one, less
WhiteNoise's gzip and Brotli copies of each file.

Compressing every file twice is most of what `collectstatic` costs, in each
test process; the tests read the manifest's hashed names, which are the
same, and WhiteNoise serves the uncompressed files.
"""

from collections.abc import Iterable, Iterator

from newsroom.staticstorage import CollectedStaticFilesStorage


class UncompressedStaticFilesStorage(CollectedStaticFilesStorage):
    def compress_files(self, paths: Iterable[str]) -> Iterator[tuple[str, str]]:
        return iter(())
