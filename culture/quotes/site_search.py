"""What the site search finds of the quotes: live ones only (a quote is seen by nobody but the
Culture team before its Monday at 08:08, and the search shows them only once they are live)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from home.search import highlight
from home.site_search import SearchSource, shorten

from .models import Quote
from .schedule import live_week

VOCABULARY_QUOTES = 500


class QuoteSource(SearchSource):
    slug = "quote"
    kind = _("Quote")
    kind_plural = _("Quotes")
    count_phrase = ngettext_lazy("%(count)d quote", "%(count)d quotes", "count")
    order = 20
    vocabulary_scopes = ("quotes",)

    def candidates(self):
        return Quote.objects.live()

    def result(self, quote, stems):
        return self.make_result(
            shorten(quote.text),
            quote.get_absolute_url(),
            summary=highlight(quote.why_it_matters, stems),
            date=quote.week,
            byline=quote.attribution,
        )

    def vocabulary_texts(self):
        rows = self.candidates().order_by("-week").values_list("text", "author")
        return [text for row in rows[:VOCABULARY_QUOTES] for text in row]

    def vocabulary_key(self):
        # A quote goes live on its Monday with nothing saved.
        return (*super().vocabulary_key(), live_week())


SEARCH_SOURCES = [QuoteSource]
