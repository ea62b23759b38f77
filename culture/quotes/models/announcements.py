"""Posting the quote that goes live to a chat tool's incoming webhook."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, HelpPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="comment")
class QuoteSettings(BaseSiteSetting):
    """Where the Quote of the Week is announced. Editable by the Culture team."""

    class PayloadFormat(models.TextChoices):
        FULL = (
            "full",
            _("Message plus quote fields (Slack, Mattermost, Rocket.Chat, Teams workflows)"),
        )
        TEXT_ONLY = "text", _('Message only, {"text": …} (Google Chat and other strict receivers)')

    webhook_url = models.URLField(
        _("webhook URL"),
        max_length=500,
        blank=True,
        help_text=_(
            "An incoming-webhook URL of your chat tool. When set, each new Quote of the "
            "Week is posted there when it goes live. Leave empty to announce nothing."
        ),
    )
    payload_format = models.CharField(
        max_length=8, choices=PayloadFormat.choices, default=PayloadFormat.FULL
    )

    panels = [
        HelpPanel(
            content=_(
                "The quote is posted once, by the scheduled <code>announce_quote</code> "
                "command, soon after 08:08 on Monday. If the chat tool does not answer, the next run "
                "tries again; pages never wait for it."
            )
        ),
        FieldPanel("webhook_url"),
        FieldPanel("payload_format"),
    ]

    class Meta:
        verbose_name = _("Quote of the Week settings")


class QuoteAnnouncement(models.Model):
    """The posting of one quote to the webhook: tried until it succeeds, then never again."""

    quote = models.OneToOneField(
        "quotes.Quote", on_delete=models.CASCADE, related_name="announcement"
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    posted_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        state = "posted" if self.posted_at else f"{self.attempts} failed attempt(s)"
        return f"Announcement of quote {self.quote_id}: {state}"
