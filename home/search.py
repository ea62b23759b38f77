"""How the site matches words: one set of rules for every search (the header's, the stories index's).

Wagtail's database search backend on SQLite (FTS5 with its default tokenizer) matches words only
as they are written, so "refund" missed a story that says "refunded"; PostgreSQL's English
configuration stems them, but only if the server's default text search configuration is English.
So the site stems words itself, with the Snowball English stemmer (the algorithm PostgreSQL's
English configuration uses too), on both sides:

- on the way in, each searchable model adds `index.SearchField("search_word_forms")`
  (`WordFormsMixin`): the stems of its indexed words that differ from the words, so "refunded"
  is indexed with "refund" as well;
- on the way out, each searched word matches as written or as its stem
  (`"refunds"` → `refunds OR refund`), and every word must match.

Very common words ("the", "how", "a") are left out of the search as PostgreSQL's English
configuration leaves them out, so a question typed as a sentence finds what it is about on either
database. `find` is the one function every search goes through.
"""

import difflib
import html
import re
import threading
import unicodedata
from functools import lru_cache, reduce

import snowballstemmer
from django.db.models import Manager
from django.utils.html import conditional_escape, format_html, strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from wagtail.search import index
from wagtail.search.query import PlainText

WORD_FORMS_FIELD = "search_word_forms"
MAX_TERMS = 12
MAX_WORD_LENGTH = 60
# Letters and digits; anything else separates words, as the FTS5 "unicode61" tokenizer does.
WORD = re.compile(r"[^\W_]+")

# Left out of searches: the words PostgreSQL's English configuration ignores, so that SQLite and
# PostgreSQL answer alike. Except "own": it is what this site is about ("own it"), so it stays a
# word to find (on PostgreSQL's English configuration it is still ignored).
COMMON_WORDS = """
a about above after again against all am an and any are as at be because been before being
below between both but by can did do does doing don down during each few for from further
had has have having he her here hers herself him himself his how i if in into is it its
itself just me more most my myself no nor not now of off on once only or other our ours
ourselves out over same she should so some such t than that the their theirs them themselves
then there these they this those through to too under until up very was we were what when
where which while who whom why will with you your yours yourself yourselves s
"""
STOP_WORDS = frozenset(COMMON_WORDS.split())

_local = threading.local()


def _stemmer():
    # A Snowball stemmer keeps its work in the object: one per thread.
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = snowballstemmer.stemmer("english")
    return stemmer


@lru_cache(maxsize=50_000)
def stem(word):
    """The stem of one lower-case word: "refunded", "refunds" and "refund" are all "refund"."""
    return _stemmer().stemWord(word)


def words_of(text):
    """The words of `text`, lower case, in order."""
    text = unicodedata.normalize("NFKC", str(text or "")).lower()
    return [word for word in WORD.findall(text) if len(word) <= MAX_WORD_LENGTH]


def search_terms(text):
    """The words of a search that are matched: (word, stem) pairs, common words left out."""
    terms, seen = [], set()
    for word in words_of(text):
        if word in STOP_WORDS or word in seen:
            continue
        seen.add(word)
        terms.append((word, stem(word)))
    return terms[:MAX_TERMS]


def term_stems(terms):
    return {word_stem for _, word_stem in terms}


def search_query(terms):
    """A Wagtail search query: every term, each as typed or as its stem."""
    parts = []
    for word, word_stem in terms:
        part = PlainText(word)
        if word_stem != word:
            part = part | PlainText(word_stem)
        parts.append(part)
    return reduce(lambda left, right: left & right, parts)


def find(queryset, words, select_related=()):
    """The objects of `queryset` that match every word of `words` (in any of its forms), best
    first. Each search of the site goes through here, so they all match alike.

    Wagtail's search filters only on indexed fields, so `queryset`'s filters are applied first,
    as the set of ids the search is limited to; `select_related` is loaded with the results.
    """
    from wagtail.search.backends import get_search_backend

    terms = search_terms(words)
    if not terms:
        return queryset.none()
    candidates = queryset.model.objects.filter(pk__in=queryset.values("pk"))
    if select_related:
        candidates = candidates.select_related(*select_related)
    return get_search_backend().search(search_query(terms), candidates)


# Indexing -----------------------------------------------------------------------------------


def _texts(value):
    if value is None:
        return
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _texts(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _texts(item)
    else:
        yield str(value)


def indexed_texts(obj, fields):
    """The texts Wagtail indexes for `obj` from `fields` (its search fields), read the same way."""
    for field in fields:
        if isinstance(field, index.RelatedFields):
            related = field.get_value(obj)
            if related is None:
                continue
            if isinstance(related, Manager):
                related = related.all()
            else:
                related = [related() if callable(related) else related]
            for item in related:
                yield from indexed_texts(item, field.fields)
        elif isinstance(field, index.SearchField) and field.field_name != WORD_FORMS_FIELD:
            yield from _texts(field.get_value(obj))


def word_forms(texts):
    """The stems of the words of `texts` that differ from the words, once each, as one text."""
    forms = set()
    for text in texts:
        for word in words_of(text):
            word_stem = stem(word)
            if word_stem != word:
                forms.add(word_stem)
    return " ".join(sorted(forms))


class WordFormsMixin:
    """For an indexed model: add `index.SearchField("search_word_forms")` to its search fields,
    and the stems of its indexed words are indexed with them (see the module's docstring)."""

    def search_word_forms(self):
        return word_forms(indexed_texts(self, self.get_search_fields()))


# Showing results ----------------------------------------------------------------------------


def highlight(text, stems):
    """`text`, escaped, with each word that matches one of `stems` in <mark>."""
    text = str(text or "")
    if not stems:
        return conditional_escape(text)
    parts, last = [], 0
    for match in WORD.finditer(text):
        word = match.group()
        if not _matches(word, stems):
            continue
        parts.append(conditional_escape(text[last : match.start()]))
        parts.append(format_html("<mark>{}</mark>", word))
        last = match.end()
    parts.append(conditional_escape(text[last:]))
    return mark_safe("".join(parts))


def _matches(word, stems):
    word = unicodedata.normalize("NFKC", word).lower()
    return word not in STOP_WORDS and (word in stems or stem(word) in stems)


def plain_text(markup):
    """Rich text as the words a reader sees: no tags, no character references."""
    return html.unescape(strip_tags(markup or ""))


def stream_texts(stream):
    """The texts of a StreamField's value, rich text without its tags, read from its raw data:
    no query, where reading its blocks would load what they choose (pages, snippets)."""

    def walk(data):
        if isinstance(data, str):
            yield plain_text(data)
        elif isinstance(data, dict):
            for name, value in data.items():
                if name not in ("type", "id"):
                    yield from walk(value)
        elif isinstance(data, (list, tuple)):
            for item in data:
                yield from walk(item)

    yield from walk(list(stream.raw_data) if stream is not None else [])


def excerpt(texts, stems, length=220):
    """`texts` as one line, cut to about `length` characters from a little before the first
    matching word (from the start if none matches)."""
    text = " · ".join(" ".join(str(text).split()) for text in texts if text and str(text).strip())
    start = 0
    for match in WORD.finditer(text):
        if _matches(match.group(), stems):
            start = max(0, match.start() - length // 4)
            if start:
                # From the start of a word.
                space = text.find(" ", start)
                start = space + 1 if 0 <= space < match.start() else match.start()
            break
    return ("…" if start else "") + Truncator(text[start:]).chars(length)


# Did you mean -------------------------------------------------------------------------------

MAX_VOCABULARY = 5000


def vocabulary(texts, limit=MAX_VOCABULARY):
    """The `limit` most frequent words of `texts` worth suggesting, most frequent first."""
    counts = {}
    for text in texts:
        for word in words_of(text):
            if len(word) >= 3 and word.isalpha() and word not in STOP_WORDS:
                counts[word] = counts.get(word, 0) + 1
    ranked = sorted(counts, key=lambda word: (-counts[word], word))
    return ranked[:limit]


def corrections(words, known):
    """The words of the search with misspelt ones replaced by the closest known word, as
    [(word, corrected)], or None when no word could be corrected. `known`: a word list from
    `vocabulary`, most frequent first (the first of equally close words is chosen)."""
    known_set = set(known)
    result, changed = [], False
    for word in words_of(words):
        replacement = None
        if len(word) >= 3 and word.isalpha() and word not in STOP_WORDS and word not in known_set:
            near = [other for other in known if abs(len(other) - len(word)) <= 2]
            close = difflib.get_close_matches(word, near, n=1, cutoff=0.75)
            # Another form of the same word is not a misspelling of it.
            if close and stem(close[0]) != stem(word):
                replacement = close[0]
        result.append((replacement or word, replacement is not None))
        changed = changed or replacement is not None
    return result if changed else None
