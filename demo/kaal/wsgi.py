"""WSGI entry of the bare project (``gunicorn demo.kaal.wsgi``)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "demo.kaal.settings")

application = get_wsgi_application()
