"""A bare Django project beside Wijk, for ``manage.py bench_pages`` (issue 16): one query of
20 rows from the same database, rendered by one small template, with no middleware. What
Django itself can serve on this machine, under the same gunicorn as the app."""
