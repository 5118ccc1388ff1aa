# One image for web, worker and beat (docker-compose.yml picks the command).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app
RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --create-home --uid 1000 portal

# The production lock: exact versions with their hashes, nothing else (see the README).
COPY requirements.txt requirements.txt
RUN pip install --require-hashes --no-deps -r requirements.txt
COPY . .
# collectstatic and compilemessages need settings but no database or real secret.
RUN DEBUG=false SECRET_KEY=build-only python manage.py collectstatic --noinput \
    && python manage.py compilemessages --ignore '.venv/*' \
    && mkdir -p /app/var/media /app/var/private && chown -R portal /app/var

USER portal
EXPOSE 8000
CMD ["gunicorn", "portal.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
