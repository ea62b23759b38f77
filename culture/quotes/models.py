"""Quote of the Week: a queue of quotes about mistakes and learning, one per week."""

from django.db import models
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.models import ClusterableModel
from taggit.models import TaggedItemBase
from wagtail.search import index


class QuoteTag(TaggedItemBase):
    content_object = models.ForeignKey(
        "quotes.Quote", on_delete=models.CASCADE, related_name="tagged_items"
    )


class Quote(index.Indexed, ClusterableModel):
    """A quote, and the week it is the Quote of the Week (from that Monday at 08:08)."""

    text = models.TextField(max_length=600)
    author = models.CharField("who said it", max_length=120)
    source = models.CharField(max_length=200, blank=True)
    why_it_matters = models.TextField("why this matters", max_length=600, blank=True)
    tags = ClusterTaggableManager(through=QuoteTag, blank=True)
    week = models.DateField(
        null=True,
        blank=True,
        unique=True,
        help_text="The Monday of the week this is the Quote of the Week. Leave empty to keep it "
        "in the queue unscheduled.",
    )

    search_fields = [
        index.SearchField("text"),
        index.SearchField("author"),
        index.FilterField("week"),
    ]

    class Meta:
        ordering = ["-week"]

    def __str__(self):
        return f"“{self.text[:60]}” — {self.author}"
