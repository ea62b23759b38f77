"""Site search (/search/): everything a reader may find, stories first, one page at a time.

Each app says what it lets readers find in its own `site_search.py`: a `SEARCH_SOURCES` list of
`SearchSource` subclasses (stories, quotes, campaigns, meeting packs), gathered from every app
lowest layer first, so that `home` names none of them. This module's own source finds the other
pages (the home page, section pages) by their title.

Every source matches words with `home.search.find`, as the stories index does, so a search finds
the same stories in the same order in both places. Results are ranked by kind first (the
sources' `order`: stories, then quotes, campaigns, meeting packs, other pages), then by relevance.

A fixed number of queries whatever the number of results: one count per source, then for the
page asked for, one query per source that has results on it (with what a result shows, through
`select_related`). "Did you mean" and the links of the empty state are asked only when nothing
is found.
"""

from dataclasses import dataclass
from functools import cache, cached_property
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from wagtail.models import Page

from . import fragment_versions
from .apps_registry import own_app_modules
from .search import corrections, find, highlight, search_terms, term_stems, vocabulary
from .visibility import failed_restrictions, visible_to

PER_PAGE = 20
TITLE_LENGTH = 140


@dataclass
class Result:
    """One result, ready for the template. `summary` is escaped already, with the matched words
    in <mark>; the title is left plain, so that it reads (and is found) as its page's title."""

    kind: str
    group: str
    group_id: str
    title: str
    url: str
    summary: str = ""
    date: object = None
    end_date: object = None
    byline: str = ""


class SearchSource:
    """One kind of thing the site search finds. Subclasses say what a reader may find
    (`candidates`, asked on every request: never cached) and how a result reads (`result`)."""

    slug = "page"
    kind = _("Page")
    kind_plural = _("Pages")
    count_phrase = ngettext_lazy("%(count)d page", "%(count)d pages", "count")
    order = 100
    # Page types this source finds, left out of the other pages.
    page_model = None
    select_related = ()
    # The fragment scopes (home.fragment_versions) what `vocabulary_texts` reads depends on.
    vocabulary_scopes = ()
    # The link to `narrow_url`.
    narrow_label = ""

    def __init__(self, search):
        self.search = search
        self.request = search.request

    def candidates(self):
        raise NotImplementedError

    def found(self, words):
        return find(self.candidates(), words, select_related=self.select_related)

    def result(self, obj, stems):
        raise NotImplementedError

    def make_result(self, title, url, **fields):
        return Result(
            kind=self.kind,
            group=self.kind_plural,
            group_id=f"results-{self.slug}",
            title=title,
            url=url,
            **fields,
        )

    def vocabulary_texts(self):
        """Texts (a bounded number) whose words "Did you mean" may suggest: only what this
        reader may see."""
        return []

    def vocabulary_key(self):
        return tuple(fragment_versions.version(scope) for scope in self.vocabulary_scopes)

    def narrow_url(self, words):
        """Where this source's results can be narrowed further, if anywhere."""
        return None

    def browse_links(self):
        """(label, url) pairs for the empty state."""
        return []

    def tag_links(self):
        """(tag name, url) pairs for the empty state."""
        return []


class OtherPagesSource(SearchSource):
    """Pages no other source finds (the home page, section pages), by their title."""

    order = 900

    def candidates(self):
        claimed = [source.page_model for source in self.search.sources if source.page_model]
        pages = Page.objects.exclude(depth__lte=1)
        if claimed:
            pages = pages.not_type(*claimed)
        return visible_to(pages, self.request)

    def result(self, page, stems):
        return self.make_result(
            page.title,
            page.get_url(self.request),
            summary=highlight(page.search_description, stems),
            date=page.last_published_at,
        )

    def vocabulary_texts(self):
        return self.candidates().order_by("path").values_list("title", flat=True)[:200]

    def vocabulary_key(self):
        return (fragment_versions.version("site"),)


SEARCH_SOURCES = [OtherPagesSource]


@cache
def source_classes():
    classes = []
    for module in own_app_modules("site_search"):
        classes.extend(getattr(module, "SEARCH_SOURCES", ()))
    return sorted(classes, key=lambda source: source.order)


def shorten(text, length=TITLE_LENGTH):
    return Truncator(" ".join(str(text or "").split())).chars(length)


class SiteSearch:
    """One search of the whole site for one request."""

    def __init__(self, request, words):
        self.request, self.words = request, words
        self.terms = search_terms(words)
        self.stems = term_stems(self.terms)
        self.sources = [source_class(self) for source_class in source_classes()]

    @cached_property
    def found(self):
        """[(source, its matches, their count)], in the order results are shown."""
        if not self.terms:
            return []
        return [
            (source, matches, matches.count())
            for source in self.sources
            for matches in [source.found(self.words)]
        ]

    @property
    def count(self):
        return sum(count for _source, _matches, count in self.found)

    @property
    def has_terms(self):
        return bool(self.terms)

    def page(self, number):
        return Paginator(Results(self), PER_PAGE).get_page(number)

    @property
    def counts(self):
        """ "12 stories", "1 quote", …: what was found, for the result count."""
        return [
            source.count_phrase % {"count": count}
            for source, _matches, count in self.found
            if count
        ]

    @property
    def narrow_links(self):
        """(label, url) for the kinds found that can be narrowed further on their own page."""
        links = []
        for source, _matches, count in self.found:
            if count and (url := source.narrow_url(self.words)):
                links.append((source.narrow_label, url))
        return links

    # When nothing is found

    @cached_property
    def suggestion(self):
        """[(word, corrected)] for "Did you mean", when nothing was found and a word looks
        misspelt, and the corrected words find something; else None."""
        if not self.terms or self.count:
            return None
        corrected = corrections(self.words, self.vocabulary())
        if not corrected:
            return None
        words = " ".join(word for word, _corrected in corrected)
        if not SiteSearch(self.request, words).count:
            return None
        return corrected

    @property
    def suggestion_url(self):
        words = " ".join(word for word, _corrected in self.suggestion or ())
        return f"{reverse('search')}?{urlencode({'q': words})}"

    @property
    def suggestion_html(self):
        """The suggested words, the corrected ones in <strong>."""
        return format_html_join(
            " ",
            "{}",
            (
                (format_html("<strong>{}</strong>", word) if corrected else word,)
                for word, corrected in self.suggestion or ()
            ),
        )

    def vocabulary(self):
        """The words "Did you mean" may suggest: from what this reader may see, remembered
        under the versions of what they come from and the view restrictions the reader fails."""
        key = ("search-vocabulary", failed_restrictions(self.request))
        key += tuple(part for source in self.sources for part in source.vocabulary_key())
        return fragment_versions.remember(
            key,
            lambda: vocabulary(
                text for source in self.sources for text in source.vocabulary_texts()
            ),
        )

    @cached_property
    def browse_links(self):
        return [link for source in self.sources for link in source.browse_links()]

    @cached_property
    def tag_links(self):
        return [link for source in self.sources for link in source.tag_links()]


class Results:
    """The results of every source end to end, as a sequence a `Paginator` can page through:
    a page loads only the sources it shows, one query each."""

    def __init__(self, search):
        self.search = search

    def count(self):
        return self.search.count

    def __len__(self):
        return self.count()

    def __getitem__(self, key):
        if not isinstance(key, slice):
            raise TypeError("Search results are read a page at a time.")
        start, stop = key.start or 0, key.stop if key.stop is not None else self.count()
        results, offset = [], 0
        for source, matches, count in self.search.found:
            low, high = max(start - offset, 0), min(stop - offset, count)
            if low < high:
                results += [source.result(obj, self.search.stems) for obj in matches[low:high]]
            offset += count
        return results


def narrow_query(url, words):
    return f"{url}?{urlencode({'q': words})}"
