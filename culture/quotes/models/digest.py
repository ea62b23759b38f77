"""Who gets the weekly digest, and what was sent to whom (so a second run sends nothing)."""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


def new_token():
    return secrets.token_urlsafe(32)


class DigestSubscriptionQuerySet(models.QuerySet):
    def for_user(self, user):
        """The user's row, created (subscribed) on first use."""
        return self.get_or_create(user=user)[0]


class DigestSubscription(models.Model):
    """A user's choice about the weekly digest, and the secret in their unsubscribe link.

    Everyone is subscribed until they say otherwise; a row exists only once a user has been sent a
    digest or has changed the setting. The token grants one thing: switching this setting.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digest_subscription"
    )
    subscribed = models.BooleanField(default=True)
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = DigestSubscriptionQuerySet.as_manager()

    def __str__(self):
        state = "subscribed" if self.subscribed else "unsubscribed"
        return f"Digest for user {self.user_id}: {state}"

    def get_unsubscribe_url(self):
        return reverse("quotes:digest_unsubscribe", args=[self.token])


class DigestDelivery(models.Model):
    """One user's digest for one week. The row is made before sending, so a week is sent once."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        # Claimed by a worker, which is handing it to the mail server now. A row left here for
        # long belongs to a worker that died mid-send; the next run of the command retries it.
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digest_deliveries"
    )
    week = models.DateField(help_text=_("The Monday of the week the digest is for."))
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    error = models.TextField(blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    sent_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = _("digest deliveries")
        constraints = [
            models.UniqueConstraint(fields=["user", "week"], name="one_digest_per_user_and_week")
        ]

    def __str__(self):
        return f"Digest of {self.week} for user {self.user_id}: {self.status}"

    def message_id(self, domain):
        """The same Message-ID on every attempt: should a worker die after the mail server took
        the message but before the row says "sent", the retry is the same message, which mail
        servers and clients show once."""
        return f"<digest-{self.week:%Y%m%d}-{self.user_id}@{domain}>"
