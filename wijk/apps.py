from django.apps import AppConfig


class WijkConfig(AppConfig):
    name = "wijk"

    def ready(self):
        # Registers the integer ``__in`` lookup that ignores numbers a column cannot hold.
        from django.contrib import admin

        from wijk.lib import lookups  # noqa: F401
        from wijk.lib.admin_datums import begrens_admin_datums

        # The admin's forms take dates only within the app's range, like the app's own forms.
        # django.contrib.admin comes first in INSTALLED_APPS: every ModelAdmin is registered.
        begrens_admin_datums(admin.site)

        # Every app's tasks.py, imported now rather than when a worker starts: services queue
        # tasks by name (cooperaties.taken), and a process that runs them eagerly (no broker) must
        # know every name too. Safe here: the models of all apps are loaded.
        from wijk.celery import app as celery_app

        celery_app.autodiscover_tasks(force=True)
