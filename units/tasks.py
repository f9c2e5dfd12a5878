from celery import shared_task

from . import services


@shared_task(name="thiduakt.units.close_expired")
def task_units_close_expired() -> int:
    """Daily: units whose validity has ended (merged, split, dissolved) stop being offered."""
    return services.units_close_expired()
