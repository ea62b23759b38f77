"""What an employee follows, and the story the Culture team picks for each month."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, HelpPanel, MultiFieldPanel, PageChooserPanel

from .panels import SuggestionPanel


class FollowQuerySet(models.QuerySet):
    def of(self, user):
        return self.filter(user_id=user.pk)

    def tag_ids(self):
        return self.filter(tag__isnull=False).values("tag_id")

    def team_ids(self):
        return self.filter(team__isnull=False).values("team_id")


class Follow(models.Model):
    """One employee following one tag or one team (exactly one of the two).

    What they follow leads their weekly digest and fills "New in what you follow" on the home
    page. A followed team finds only the stories that may show it: an anonymous story of a team
    below the anonymity minimum is never found through its team (stories/small_groups.py).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows"
    )
    tag = models.ForeignKey(
        "taggit.Tag", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    team = models.ForeignKey(
        "stories.Team", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = FollowQuerySet.as_manager()

    class Meta:
        verbose_name = _("follow")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(tag__isnull=False, team__isnull=True)
                | models.Q(tag__isnull=True, team__isnull=False),
                name="follow_one_tag_or_one_team",
            ),
            models.UniqueConstraint(
                fields=["user", "tag"],
                condition=models.Q(tag__isnull=False),
                name="follow_tag_once",
            ),
            models.UniqueConstraint(
                fields=["user", "team"],
                condition=models.Q(team__isnull=False),
                name="follow_team_once",
            ),
        ]

    def __str__(self):
        return f"Follow {self.pk} of user {self.user_id}"


def first_of_month(day=None):
    day = day or timezone.localdate()
    return day.replace(day=1)


class StoryOfTheMonthQuerySet(models.QuerySet):
    def for_month(self, day=None):
        """The pick for the month of `day` (today by default), whatever its story's state."""
        return self.filter(month=first_of_month(day))


class StoryOfTheMonth(models.Model):
    """The story the Culture team picks for a month's reading club: shown on the home page for
    that month, leading the weekly digest, one click from a meeting-pack item.

    Readers see it only while the story is live and theirs to open (asked on every request)."""

    month = models.DateField(
        _("month"),
        unique=True,
        help_text=_("Any day of the month: it is stored as the 1st. One story per month."),
    )
    story = models.ForeignKey(
        "stories.StoryPage",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("story"),
        help_text=_(
            "A published story, ideally one marked good for meetings. The suggestion below is "
            "the one most marked “I learned from this” in the month."
        ),
    )
    why = models.CharField(
        _("why this story"),
        max_length=250,
        blank=True,
        help_text=_("One line shown with it on the home page and in the digest (optional)."),
    )

    objects = StoryOfTheMonthQuerySet.as_manager()

    panels = [
        HelpPanel(
            content=_(
                "Pick one story a month for everyone to read and discuss. Team leads can start a "
                "meeting pack with it in one click from the home page."
            )
        ),
        MultiFieldPanel(
            [
                FieldPanel("month"),
                PageChooserPanel("story", "stories.StoryPage"),
                FieldPanel("why"),
            ],
            heading=_("The pick"),
        ),
        SuggestionPanel(heading=_("Suggested stories")),
    ]

    class Meta:
        ordering = ["-month"]
        verbose_name = _("story of the month")
        verbose_name_plural = _("stories of the month")

    def __str__(self):
        return date_format(self.month, _("F Y"))

    def clean(self):
        super().clean()
        if isinstance(self.month, datetime.date):
            self.month = first_of_month(self.month)
        if self.story_id and not self.story.live:
            raise ValidationError({"story": _("Choose a published story.")})
