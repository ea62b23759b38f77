"""Background work of the Quote of the Week (Django tasks: at once in dev/tests, db_worker in production)."""

from django_tasks import task


@task()
def send_digest(delivery_id):
    from .digest import deliver

    return deliver(delivery_id)
