from django.apps import AppConfig


class WijkConfig(AppConfig):
    name = "wijk"

    def ready(self):
        # Registers the integer ``__in`` lookup that ignores numbers a column cannot hold.
        from wijk.lib import lookups  # noqa: F401
