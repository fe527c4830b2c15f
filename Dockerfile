# Wijk production image: gunicorn serving wijk.wsgi on port 8000.
# The same image runs the Celery worker and beat (see docker-compose.yml).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=wijk.settings

RUN groupadd --system wijk \
    && useradd --system --gid wijk --no-create-home --home-dir /app --shell /usr/sbin/nologin wijk

WORKDIR /app

# Dependencies first, so code changes do not reinstall them. psycopg[binary] brings its own
# libpq, so no compiler or system libraries are needed.
COPY requirements.txt ./
RUN pip install -r requirements.txt

COPY . .

# Static files are collected (hashed and compressed by whitenoise) into the image. The
# SECRET_KEY here only lets settings load during the build; it is not in the final
# environment. The code stays owned by root: the app user can read it, not change it.
RUN DEBUG=False SECRET_KEY=build-only-not-a-secret python manage.py collectstatic --noinput

USER wijk

EXPOSE 8000

# /health/ is exempt from the https redirect. The Host header is the first of ALLOWED_HOSTS
# (a leading dot, as in ".example.org", is dropped) so that Django accepts the request.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import os, sys, urllib.request; h = os.environ.get('ALLOWED_HOSTS', 'localhost').split(',')[0].strip().lstrip('.'); h = 'localhost' if h in ('', '*') else h; r = urllib.request.urlopen(urllib.request.Request('http://127.0.0.1:8000/health/', headers={'Host': h}), timeout=4); sys.exit(0 if r.status == 200 else 1)"]

# Worker processes: WEB_CONCURRENCY (gunicorn reads it; default here 3).
ENV WEB_CONCURRENCY=3
CMD ["gunicorn", "wijk.wsgi", "--bind", "0.0.0.0:8000", "--access-logfile", "-"]
