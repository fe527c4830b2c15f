"""Development only: demo data (``manage.py seed_demo``) and the benchmark commands.

Production does not need this app: nothing outside ``demo/`` imports it, and its ``AppConfig``
loads nothing at start-up. It sits above every other app (it may import their public face and,
to fill the database quickly, write their models directly); the other apps know nothing of it.
"""
