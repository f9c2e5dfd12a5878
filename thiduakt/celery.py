"""Celery application. Periodic tasks live in the database (django-celery-beat)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thiduakt.settings")

app = Celery("thiduakt")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
