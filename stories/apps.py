from django.apps import AppConfig
from django.db.models.signals import post_migrate, post_save
from django.utils.translation import gettext_lazy as _


class StoriesConfig(AppConfig):
    name = "stories"
    verbose_name = _("Mistake stories")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import notifications, workflow
        from .models import StoriesIndexPage

        # Sharing and moderation: author emails, and the "Culture review" workflow, set up after
        # every migrate and as soon as a stories index exists.
        notifications.connect()
        post_migrate.connect(
            workflow.ensure_after_migrate, sender=self, dispatch_uid="stories.culture_review"
        )
        post_save.connect(
            workflow.assign_to_new_index,
            sender=StoriesIndexPage,
            dispatch_uid="stories.culture_review_on_index",
        )
        # Reading: cached fragments are retired when what they show changes.
        from . import fragment_signals

        fragment_signals.connect()
        # "Has this happened before?": published stories' terms are kept as they change.
        from . import similar_signals

        similar_signals.connect()
        # Anonymous to everyone: the link to the author is erased when the story is published.
        from . import identity

        identity.connect()
        # A deactivated account's personal feed addresses stop working at once.
        from home.accounts.deactivation import user_deactivated

        from .models import FeedToken

        user_deactivated.connect(FeedToken.revoke_for, dispatch_uid="stories.revoke_feed_token")

        # Corrective actions: the author is told when one is marked done (stories/follow_up.py).
        from . import follow_up

        follow_up.connect()
