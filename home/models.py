"""The home page and the settings the Culture team edits for the whole site."""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, HelpPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page

from .colours import contrast_ratio, readable_text_colour
from .panels import home_page_panels
from .promote_panels import intranet_promote_panels
from .title_panel import title_panel


class HomePage(Page):
    """The front door: a welcome, then whatever the installed programs put on it.

    Home sits at the bottom of the dependency chain, so it does not name the pages of the apps
    above it: those pages declare `parent_page_types = ["home.HomePage"]` themselves, and their
    home-page panels arrive through the `own_it_home_panels` hook (see `home.panels`).
    """

    intro = models.CharField(
        max_length=250,
        blank=True,
        help_text=_(
            "One sentence under the site name, for example "
            "“Mistakes happen every day. What counts is what we do next.”"
        ),
    )
    body = RichTextField(
        blank=True,
        features=["bold", "italic", "link", "ol", "ul", "h2", "h3"],
        help_text=_("A short welcome: what this site is for and how to take part."),
    )

    content_panels = [
        title_panel(_("The name of the site, shown on its home page.")),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    promote_panels = intranet_promote_panels()

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["panels"] = home_page_panels(request)
        return context


hex_colour = RegexValidator(
    r"^#[0-9a-fA-F]{6}$", _("Enter a colour as # followed by six hex digits, for example #1f5f8b.")
)


@register_setting(icon="cog")
class SiteSettings(BaseSiteSetting):
    """Name and colour of the site, editable by the Culture team."""

    site_name = models.CharField(
        max_length=60,
        default="Own It",
        help_text=_(_("Shown in the header, emails and wallpapers.")),
    )
    tagline = models.CharField(
        max_length=120,
        blank=True,
        default=_("Own it. Make it right. Learn and don't repeat."),
        help_text=_("A short line shown under the site name."),
    )
    primary_colour = models.CharField(
        max_length=7,
        default="#1f5f8b",
        validators=[hex_colour],
        help_text=_(
            "Used for the header, buttons and links. It must be dark enough to read "
            "against white (contrast of at least 4.5 : 1)."
        ),
    )

    # Anonymity (README, "Anonymity"): what keeps an anonymous author from being picked out.
    anonymity_min_group = models.PositiveSmallIntegerField(
        _("smallest team shown with an anonymous story"),
        default=5,
        validators=[MinValueValidator(2)],
        help_text=_(
            "An anonymous story's team is shown, filtered and counted only when the team has at "
            "least this many active members."
        ),
    )
    daily_publication_time = models.TimeField(
        _("daily publication time"),
        default=datetime.time(9),
        help_text=_(
            "Approved anonymous stories go live at this time of day (site time zone), never at "
            "the moment of approval, so the time cannot point at who was online."
        ),
    )

    # Chat announcements (home/chat.py): the Quote of the Week and the story of the month, posted
    # to each channel whose address is set here. The addresses are secrets: whoever has one can
    # post to the channel.
    teams_workflow_url = models.URLField(
        _("Microsoft Teams workflow address"),
        max_length=1000,
        blank=True,
        help_text=_(
            "The HTTP POST address of a Teams workflow made from the template “Post to a channel "
            "when a webhook request is received”. Announcements arrive as cards. Leave empty to "
            "post nothing to Teams."
        ),
    )
    slack_webhook_url = models.URLField(
        _("Slack incoming webhook address"),
        max_length=500,
        blank=True,
        help_text=_(
            "The address of a Slack incoming webhook (https://hooks.slack.com/services/…) for "
            "the channel to post to. Leave empty to post nothing to Slack."
        ),
    )

    panels = [
        HelpPanel(
            content=_("These settings change how the whole site looks to every employee."),
        ),
        MultiFieldPanel(
            [FieldPanel("site_name"), FieldPanel("tagline"), FieldPanel("primary_colour")],
            heading=_("Brand"),
        ),
        MultiFieldPanel(
            [FieldPanel("anonymity_min_group"), FieldPanel("daily_publication_time")],
            heading=_("Anonymity"),
        ),
        MultiFieldPanel(
            [
                HelpPanel(
                    content=_(
                        "The Quote of the Week (when it goes live) and the story of the month are "
                        "announced in each chat tool whose address is set, once each. If a tool "
                        "does not answer, the next scheduled run tries again; pages never wait "
                        "for it. To check the addresses, run manage.py send_test_announcement on "
                        "the server."
                    )
                ),
                FieldPanel("teams_workflow_url"),
                FieldPanel("slack_webhook_url"),
            ],
            heading=_("Chat announcements"),
        ),
    ]

    class Meta:
        verbose_name = _("Site settings")

    def clean(self):
        super().clean()
        if hex_colour.regex.match(self.primary_colour or ""):
            ratio = contrast_ratio(self.primary_colour, "#ffffff")
            if ratio < 4.5:
                raise ValidationError(
                    {
                        "primary_colour": _(
                            "%(colour)s is too light to read against white (contrast %(ratio)s : 1, "
                            "needs 4.5 : 1). Choose a darker shade."
                        )
                        % {"colour": self.primary_colour, "ratio": number_format(ratio, 1)}
                    }
                )

    @property
    def primary_text_colour(self):
        return readable_text_colour(self.primary_colour)


class ChatAnnouncement(models.Model):
    """One announcement posted (or tried) to one chat channel: tried until it succeeds, then never
    again, whoever calls `home.chat.announce` and however often."""

    key = models.CharField(max_length=100, help_text=_("What was announced, e.g. “quote:42”."))
    channel = models.CharField(max_length=20)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    posted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["key", "channel"], name="one_announcement_per_channel")
        ]

    def __str__(self):
        state = "posted" if self.posted_at else f"{self.attempts} failed attempt(s)"
        return f"{self.key} to {self.channel}: {state}"
