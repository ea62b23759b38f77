"""The stories index's search and filter form: GET parameters, so a filtered view can be shared."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import StoryPage

FILTER_FIELDS = ("tag", "team", "part", "size", "series", "year")
MAX_QUERY_LENGTH = 200


def search_words(query):
    """The words of a search, without double quotes.

    The search backend for SQLite puts each word in an FTS5 string without escaping a `"` inside
    it, so a single quote mark typed by a reader was an SQL error. A plain-text search gives
    quotes no meaning anyway.
    """
    return " ".join(query.replace('"', " ").split())


class StoryFilterForm(forms.Form):
    """Search words and filters, all optional and combinable.

    Choices for tag, team, series and year come from the stories the reader can see (see
    `listings.filter_choices`), so every option leads to at least one story.
    """

    q = forms.CharField(
        label=_("Words to find"),
        required=False,
        max_length=MAX_QUERY_LENGTH,
        help_text=_("Searches titles, summaries, the story itself and its lessons."),
    )
    tag = forms.ChoiceField(label=_("Tag"), required=False)
    team = forms.ChoiceField(label=_("Team"), required=False)
    part = forms.ChoiceField(
        label=_("Writer's part"),
        required=False,
        choices=[("", _("Any part"))] + list(StoryPage.Part.choices),
    )
    size = forms.ChoiceField(
        label=_(_("Size")),
        required=False,
        choices=[("", _("Any size"))] + list(StoryPage.Size.choices),
    )
    series = forms.ChoiceField(label=_("Series"), required=False)
    year = forms.ChoiceField(label=_("Year it happened"), required=False)

    def __init__(self, data, choices, fixed_tag=None, fixed_team=None):
        # Ids such as "filter-team"; Django points aria-describedby at "filter-team_helptext"
        # and "filter-team_error", which the template uses for the help text and the error.
        super().__init__(data, auto_id="filter-%s")
        self.fields["tag"].choices = [("", _("Any tag"))] + choices["tag"]
        self.fields["team"].choices = [("", _("Any team"))] + choices["team"]
        self.fields["series"].choices = [("", _("Any series"))] + choices["series"]
        self.fields["year"].choices = [("", _("Any year"))] + choices["year"]
        if fixed_tag:
            # On a tag's own page the tag is part of the address, not a choice.
            del self.fields["tag"]
        if fixed_team:
            # On a team's own page likewise.
            del self.fields["team"]

    def filters(self):
        """The valid filters and search words; an invalid value is left out (and shown as an error)."""
        if not self.is_bound:
            return {}
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return {name: value for name, value in cleaned.items() if value}

    @property
    def active_count(self):
        return sum(1 for name in FILTER_FIELDS if name in self.fields and self.filters().get(name))
