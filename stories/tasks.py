"""Background work of stories (Django tasks: at once in dev/tests, db_worker in production)."""

from django_tasks import task


@task()
def index_similar_stories():
    """Re-store every published story's terms for "Has this happened before?" (topics changed)."""
    from .similar import index_all

    return index_all()
