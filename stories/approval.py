"""The end of an approved review: `WAGTAIL_FINISH_WORKFLOW_ACTION`.

Wagtail imports this while its own models load, so everything else is imported when it runs.
"""


def finish_workflow(workflow_state, user=None):
    """Publish the approved revision; an anonymous story waits for the daily publication time
    (stories/publication.py) and its author is told the date."""
    from . import notifications, publication

    page = workflow_state.content_object
    if publication.schedule_or_publish(page.get_latest_revision(), page, user=user):
        notifications.notify_author(page.pk, notifications.SCHEDULED)
