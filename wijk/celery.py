"""The Celery app. Tasks live in each app's ``tasks.py`` and are found automatically.

Without ``CELERY_BROKER_URL`` the settings make every task run eagerly in-process, so the
embedded default needs no worker and no Redis.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wijk.settings")

app = Celery("wijk")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
