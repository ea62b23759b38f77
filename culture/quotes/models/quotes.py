"""A queue of quotes about mistakes and learning, one per week."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, HelpPanel, MultiFieldPanel
from wagtail.search import index

from home.search import WordFormsMixin

from ..schedule import go_live_at, live_week, monday_of

WEEK_FORMAT = _("l j F Y")  # Monday 2 March 2026


def week_label(week):
    return format_date(week, str(WEEK_FORMAT))


class QuoteTag(TaggedItemBase):
    # A ParentalKey (0001 had a plain ForeignKey): ClusterTaggableManager keeps tags in memory
    # until the quote is saved, as the admin form does, and that needs a parental relation.
    content_object = ParentalKey(
        "quotes.Quote", on_delete=models.CASCADE, related_name="tagged_items"
    )


class QuoteQuerySet(models.QuerySet):
    def live(self, now=None):
        """Quotes whose week's Monday 08:08 (site time zone) has passed."""
        return self.filter(week__isnull=False, week__lte=live_week(now))

    def upcoming(self, now=None):
        """Scheduled quotes that are not live yet: only the Culture team may see these."""
        return self.filter(week__gt=live_week(now))

    def current(self, now=None):
        """The quote of the week: the latest live one (last week's if this week has none)."""
        return self.live(now).order_by("-week").first()


class Quote(WordFormsMixin, index.Indexed, ClusterableModel):
    """A quote, and the week it is the Quote of the Week (from that Monday at 08:08)."""

    text = models.TextField(max_length=600)
    author = models.CharField(_("who said it"), max_length=120)
    source = models.CharField(max_length=200, blank=True)
    why_it_matters = models.TextField(_("why this matters"), max_length=600, blank=True)
    tags = ClusterTaggableManager(through=QuoteTag, blank=True)
    week = models.DateField(
        null=True,
        blank=True,
        unique=True,
        help_text=_(
            "The Monday of the week this is the Quote of the Week. Leave empty to keep it "
            "in the queue unscheduled."
        ),
    )
    # Set on every save: part of the wallpaper cache key, so an edit draws a new wallpaper.
    updated_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = QuoteQuerySet.as_manager()

    panels = [
        MultiFieldPanel(
            [
                FieldPanel(
                    "text",
                    help_text=_(
                        "The words, without quotation marks. Up to 600 characters; "
                        "the wallpaper shrinks the type to fit long ones."
                    ),
                ),
                FieldPanel(
                    "author",
                    help_text=_(
                        "Who said it. Where the attribution is uncertain, write “attributed to …”."
                    ),
                ),
                FieldPanel(
                    "source",
                    help_text=_("Optional: the book, speech or year, e.g. “Worstward Ho (1983)”."),
                ),
            ],
            heading=_("The quote"),
        ),
        FieldPanel(
            "why_it_matters",
            help_text=_("Optional: a sentence or two on what it means for how we handle mistakes."),
        ),
        FieldPanel("tags"),
        MultiFieldPanel(
            [
                HelpPanel(
                    content=_(
                        "A quote goes live at 08:08 on its Monday (site time zone) and stays "
                        "the Quote of the Week until the next one goes live. Until then only the "
                        "Culture team can see it. Any day you pick is moved to that week's Monday."
                    )
                ),
                FieldPanel("week"),
            ],
            heading=_("Schedule"),
        ),
    ]

    search_fields = [
        index.SearchField("text"),
        index.SearchField("author"),
        index.SearchField("source"),
        index.SearchField("why_it_matters"),
        index.SearchField("search_word_forms"),
        index.AutocompleteField("text"),
        index.AutocompleteField("author"),
        index.FilterField("week"),
        # The site search limits a search to the live quotes by their ids (home.search.find).
        index.FilterField("id"),
    ]

    class Meta:
        ordering = ["-week"]

    def __str__(self):
        text = self.text if len(self.text) <= 60 else self.text[:59].rstrip() + "…"
        return f"“{text}” — {self.author}"

    def clean(self):
        super().clean()
        if self.week is not None:
            self.week = monday_of(self.week)

    def validate_unique(self, exclude=None):
        """One quote per week, refused with a message that names the week and its holder."""
        exclude = set(exclude or ())
        if self.week is not None and "week" not in exclude:
            holder = Quote.objects.filter(week=monday_of(self.week)).exclude(pk=self.pk).first()
            if holder is not None:
                raise ValidationError(
                    {
                        "week": _(
                            "The week of %(week)s already has a quote: %(quote)s. Choose another "
                            "week, or unschedule that quote first."
                        )
                        % {"week": week_label(holder.week), "quote": holder}
                    },
                    code="unique",
                )
        super().validate_unique(exclude=exclude | {"week"})

    def save(self, *args, **kwargs):
        if self.week is not None:
            self.week = monday_of(self.week)
        self.updated_at = timezone.now()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "updated_at", "week"}
        super().save(*args, **kwargs)

    # Scheduling

    @property
    def goes_live_at(self):
        return go_live_at(self.week) if self.week else None

    def is_live(self, now=None):
        return self.week is not None and self.week <= live_week(now)

    @property
    def week_label(self):
        return week_label(self.week) if self.week else ""

    @property
    def attribution(self):
        return f"{self.author}, {self.source}" if self.source else self.author

    def get_absolute_url(self):
        return reverse("quotes:detail", args=[self.pk])
