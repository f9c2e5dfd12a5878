# thiduakt production image: gunicorn serves Django, WhiteNoise serves the collected static files,
# the same image runs the Celery worker and beat (see docker-compose.yml).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=thiduakt.settings \
    THIDUAKT_VAR_DIR=/app/var \
    STATIC_ROOT=/app/staticfiles \
    MEDIA_ROOT=/app/var/media

# Fonts with full Vietnamese coverage ("Times New Roman" resolves to Tinos), Pango for WeasyPrint,
# gettext for compilemessages, the PostgreSQL client (15, as the server) for scripts/backup.sh and
# scripts/restore.sh.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        fonts-croscore fonts-liberation2 fontconfig \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
        gettext \
        postgresql-client \
    && rm -rf /var/lib/apt/lists/*

RUN groupadd --system --gid 10001 thiduakt \
    && useradd --system --uid 10001 --gid thiduakt --home-dir /app --no-create-home \
        --shell /usr/sbin/nologin thiduakt

WORKDIR /app
COPY requirements.txt ./
RUN pip install -r requirements.txt

COPY . .
# Build-time only: no database is touched; DEBUG off so the manifest storage is used.
RUN DEBUG=false SECRET_KEY=build-only-not-secret python manage.py compilemessages --verbosity=0 \
    && DEBUG=false SECRET_KEY=build-only-not-secret python manage.py collectstatic --noinput --verbosity=0 \
    && mkdir -p /app/var/media /app/var/backups \
    && chown -R thiduakt:thiduakt /app/var \
    && chmod +x docker/entrypoint.sh

USER thiduakt
EXPOSE 8000
ENTRYPOINT ["/app/docker/entrypoint.sh"]
CMD ["gunicorn", "thiduakt.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3"]
