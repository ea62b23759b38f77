"""The psychological-safety pulse: a short survey the Culture team opens for a period.

Anonymity is built into the tables, not promised by the views:

- `PulseCount` holds only aggregate counters (pulse × team × statement × score). An answer adds
  one to counters that already exist; it creates no row, so nothing records who, when or in
  which order.
- `PulseAnswered` holds only "this person has answered this pulse", for one answer per person.
  It has no id, no time and nothing that points at counters.
- Both have natural composite primary keys instead of auto-increment ids, whose order would
  follow the order of answers. The counters of a pulse are created for every team at once, at
  zero, before any of them is counted, and every answer rewrites all the counters of its team
  (culture/pulse/answering.py), so neither the rows' keys nor their physical order say which
  counters one answer moved.

Results are read in culture/pulse/results.py, only for groups of at least the site's
"smallest team" setting (stories/small_groups.py).
"""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel

from .admin_forms import PulseAdminForm

SCORES = range(1, 8)
LOWEST, HIGHEST = SCORES[0], SCORES[-1]


class PulseStatement(models.Model):
    """One statement people rate from 1 (strongly disagree) to 7 (strongly agree).

    The defaults are Amy Edmondson's seven team psychological-safety statements (migration
    0002); the Culture team may edit, add and retire them. A pulse keeps the statements it was
    opened with, so changing the list changes only pulses opened later.
    """

    text = models.CharField(_("statement"), max_length=250)
    reverse_scored = models.BooleanField(
        _("agreeing means less safety"),
        default=False,
        help_text=_(
            "Tick for statements such as “If you make a mistake on this team, it is often held "
            "against you”: the safety score counts 7 as 1 for them."
        ),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    active = models.BooleanField(
        _("offered in new pulses"),
        default=True,
        help_text=_("Untick to leave it out of pulses opened from now on."),
    )

    panels = [
        FieldPanel("text"),
        FieldRowPanel([FieldPanel("sort_order"), FieldPanel("reverse_scored")]),
        FieldPanel("active"),
    ]

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("pulse statement")
        verbose_name_plural = _("pulse statements")

    def __str__(self):
        return self.text


class PulseQuerySet(models.QuerySet):
    def running(self, today=None):
        today = today or timezone.localdate()
        return self.filter(opens_on__lte=today, closes_on__gte=today)


class Pulse(models.Model):
    """A pulse survey open from `opens_on` to `closes_on` (both days included)."""

    title = models.CharField(
        _("title"),
        max_length=120,
        help_text=_("For example “Pulse, spring 2027”. Employees see it on the home page."),
    )
    intro = models.CharField(
        _("introduction"),
        max_length=300,
        blank=True,
        default=_(
            "How safe does it feel to speak up in your team? Seven statements, one minute, "
            "completely anonymous."
        ),
    )
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"), help_text=_("The last day people can answer."))
    statements = models.ManyToManyField(
        PulseStatement,
        related_name="pulses",
        verbose_name=_("statements"),
        help_text=_("Fixed once the first person has answered."),
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("intro"),
        FieldRowPanel([FieldPanel("opens_on"), FieldPanel("closes_on")]),
        MultiFieldPanel(
            [
                HelpPanel(
                    content=_(
                        "People rate each statement from 1 (strongly disagree) to 7 (strongly "
                        "agree), once, for their primary team. Only totals are stored: nobody, "
                        "administrators included, can see one person's answers."
                    )
                ),
                FieldPanel("statements", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Statements"),
        ),
    ]

    objects = PulseQuerySet.as_manager()
    base_form_class = PulseAdminForm

    class Meta:
        ordering = ["-opens_on", "-pk"]
        verbose_name = _("pulse")
        verbose_name_plural = _("pulses")

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.opens_on and self.closes_on:
            if self.closes_on < self.opens_on:
                raise ValidationError(
                    {"closes_on": _("The pulse must close on or after the day it opens.")}
                )
            # One pulse at a time: the home page asks about one.
            overlapping = Pulse.objects.filter(
                opens_on__lte=self.closes_on, closes_on__gte=self.opens_on
            ).exclude(pk=self.pk)
            if other := overlapping.first():
                raise ValidationError(
                    _("Another pulse, “%(title)s”, runs on some of these days. Choose other dates.")
                    % {"title": other.title}
                )

    def is_running(self, today=None):
        today = today or timezone.localdate()
        return self.opens_on <= today <= self.closes_on

    def has_answers(self):
        return self.pk is not None and self.answered.exists()


class PulseCount(models.Model):
    """How many people of `team` gave `statement` the score `score` in `pulse`. Never a person."""

    pk = models.CompositePrimaryKey("pulse_id", "team_id", "statement_id", "score")
    pulse = models.ForeignKey(Pulse, on_delete=models.CASCADE, related_name="counts")
    team = models.ForeignKey("stories.Team", on_delete=models.CASCADE, related_name="+")
    statement = models.ForeignKey(PulseStatement, on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(LOWEST), MaxValueValidator(HIGHEST)]
    )
    count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("pulse counter")

    def __str__(self):
        return f"Pulse {self.pulse_id}, team {self.team_id}, statement {self.statement_id}: {self.score}"


class PulseAnswered(models.Model):
    """That `user` has answered `pulse`: for one answer each. No time, no id, no answers."""

    pk = models.CompositePrimaryKey("pulse_id", "user_id")
    pulse = models.ForeignKey(Pulse, on_delete=models.CASCADE, related_name="answered")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("“has answered” mark")

    def __str__(self):
        return f"Pulse {self.pulse_id} answered by user {self.user_id}"


class PrimaryTeam(models.Model):
    """The team a person in several teams answers the pulse for.

    Set by the Culture team, or by the person on their first answer when it was not set.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="primary_team",
        verbose_name=_("person"),
    )
    team = models.ForeignKey(
        "stories.Team", on_delete=models.CASCADE, related_name="+", verbose_name=_("team")
    )

    panels = [FieldPanel("user"), FieldPanel("team")]

    class Meta:
        verbose_name = _("primary team")
        verbose_name_plural = _("primary teams")

    def __str__(self):
        return f"{self.user.get_full_name() or self.user.get_username()}: {self.team}"

    def clean(self):
        super().clean()
        if self.user_id and self.team_id and not self.team.members.filter(pk=self.user_id).exists():
            raise ValidationError(
                {"team": _("This person is not a member of that team. Add them to it first.")}
            )
