"""make eval: claim detection scored on its corpus (detection/evaluation.py).

.venv/bin/python bench/eval_detection.py [-v [--family F]] [--dev-only] [--own-agencies]
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def run() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    import django

    django.setup()
    from articles.rendering import plain_text
    from detection.evaluation import main

    main(plain_text)


if __name__ == "__main__":
    run()
