from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Only for its management commands (seed_demo, bench_*); imports nothing at start-up."""

    name = "demo"
    verbose_name = "Demo"
