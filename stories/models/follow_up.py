"""What the follow-up of corrective actions has sent, so that nothing is sent or done twice."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ActionReminder(models.Model):
    """One reminder about one corrective action, emailed to one person on one occasion.

    The occasions (stories/follow_up.py) are a week before the due date, the due date, and every
    seventh day after it; the unique row per action, person, kind and occasion is the record that
    makes `remind_actions` send nothing new when it runs again. The "Mark done" link in the email
    names this row, so it works once: `done_link_used_at` says when it did.
    """

    class Kind(models.TextChoices):
        WEEK_BEFORE = "week_before", _("A week before the due date")
        DUE = "due", _("On the due date")
        OVERDUE = "overdue", _("Overdue")

    action = models.ForeignKey(
        "stories.CorrectiveAction", on_delete=models.CASCADE, related_name="reminders"
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=12, choices=Kind.choices)
    # The day this reminder is for (the due date, a week before it, or a week after the last).
    occasion = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)
    done_link_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["action", "recipient", "kind", "occasion"], name="one_reminder_per_occasion"
            )
        ]

    def __str__(self):
        return f"Reminder ({self.kind}, {self.occasion}) for action {self.action_id}"
