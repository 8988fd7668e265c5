"""WSGI entry point (gunicorn newsroom.wsgi): Django's application with an
anonymous reader's kept answer served at its door (``newsroom.door``)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

django_application = get_wsgi_application()

from newsroom.door import AnswerFirstDoor  # noqa: E402  (needs Django set up)

application = AnswerFirstDoor(django_application)
