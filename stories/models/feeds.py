import secrets

from django.conf import settings
from django.db import models


def new_token():
    return secrets.token_urlsafe(32)


class FeedToken(models.Model):
    """A secret in a user's personal feed URL, so feed readers can fetch feeds without a session.

    It grants read access to the story feeds and nothing else; the user can reset it at any time.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="feed_token"
    )
    token = models.CharField(max_length=64, unique=True, default=new_token)
    created_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"Feed token of user {self.user_id}"

    def reset(self):
        self.token = new_token()
        self.save(update_fields=["token", "created_at"])

    @classmethod
    def revoke_for(cls, sender=None, user=None, **kwargs):
        """Receiver of home.accounts' `user_deactivated`: a deactivated person's feed addresses
        stop working at once. A token is made afresh if the account is ever active again."""
        cls.objects.filter(user=user).delete()
