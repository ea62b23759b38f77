"""Has this happened before? Published stories about the same kind of mistake as a draft.

Keyword overlap is not enough: "SSL renewal lapsed" and "Our TLS certificate expired" share no
word. So a text is described by weighted terms of two kinds, on SQLite as on PostgreSQL:

- its words' stems ("w:renew" for "renewal", "renewed"), common words left out (home/search.py);
- the mistake topics it mentions ("t:3" for "Certificates and HTTPS"): lists of words people use
  for the same kind of mistake, which the Culture team keeps (`MistakeTopic`, seeded from
  stories/mistake_topics.py).

Title words count twice. Each published story's terms are stored, normalised to length 1, in
`StoryTerm` when it is published (`index_story`); a draft's are worked out as it is typed. A
story's score is the sum over shared terms of draft weight × story weight × idf², where idf
(log(1 + stories / stories with the term)) makes rare terms count more: one query in the
database, whatever the number of stories. tests/stories/test_repeat_finder.py measures the hit
rate on a labelled set; bench/repeat_finder.py compares this with other approaches.
"""

import math
from collections import Counter

from django.db import transaction
from django.db.models import Case, Count, F, FloatField, Prefetch, Sum, Value, When

from home.search import STOP_WORDS, stem, words_of

from .blameless import plain_text

TITLE_WEIGHT = 2.0
TOPIC_WEIGHT = 1.5
# A draft's strongest terms that are looked up; more add little and cost a longer CASE.
MAX_QUERY_TERMS = 40
# Stories scored in the database, then narrowed to those the reader may open.
CANDIDATES = 30
SHOWN = 5
# Below this a story shares only a word or two in passing with the draft: not shown.
MIN_SCORE = 0.1
# Terms are stored in a CharField of this length.
MAX_TERM_LENGTH = 64


def _stems(text):
    """Every word of `text` as its stem, in order (common words too: phrases need them)."""
    return [stem(word) for word in words_of(text)]


def active_topics():
    """Each active topic's pk and its words as stem sequences (one query)."""
    from .models import MistakeTopic

    topics = []
    for topic in MistakeTopic.objects.filter(is_active=True).only("pk", "words"):
        phrases = {tuple(_stems(line)) for line in topic.word_list}
        phrases = {phrase for phrase in phrases if phrase and not set(phrase) <= STOP_WORDS}
        if phrases:
            topics.append((topic.pk, phrases))
    return topics


def _mentions(stems, phrase):
    if len(phrase) == 1:
        return phrase[0] in stems
    size = len(phrase)
    return any(tuple(stems[i : i + size]) == phrase for i in range(len(stems) - size + 1))


def terms_of(title, body, topics):
    """The weighted terms of a text with a title (`topics` from `active_topics()`), length 1."""
    title_stems, body_stems = _stems(title), _stems(body)
    counts = Counter()
    for stems, weight in ((title_stems, TITLE_WEIGHT), (body_stems, 1.0)):
        for word_stem in stems:
            if word_stem not in STOP_WORDS and len(word_stem) > 1:
                counts[f"w:{word_stem}"[:MAX_TERM_LENGTH]] += weight
    every_stem = title_stems + ["."] + body_stems
    present = set(every_stem)
    for pk, phrases in topics:
        if any(_mentions(every_stem if len(p) > 1 else present, p) for p in phrases):
            counts[f"t:{pk}"] += TOPIC_WEIGHT
    # Repeating a word adds less and less (1 + log), as in most ranking schemes.
    weights = {term: 1 + math.log(count) if count >= 1 else count for term, count in counts.items()}
    norm = math.sqrt(sum(weight * weight for weight in weights.values())) or 1.0
    return {term: weight / norm for term, weight in weights.items()}


def story_text(story):
    """The title and the text compared for a story (a page or a revision of one)."""
    tags = " ".join(tag.name for tag in story.tags.all()) if story.pk else ""
    body = "\n".join(
        [story.summary or "", plain_text(story.what_happened), tags],
    )
    return story.title or "", body


def index_story(story, topics=None):
    """Store the terms of a published `story` (replacing what it had)."""
    from .models import StoryTerm

    terms = terms_of(*story_text(story), active_topics() if topics is None else topics)
    with transaction.atomic():
        StoryTerm.objects.filter(story_id=story.pk).delete()
        StoryTerm.objects.bulk_create(
            StoryTerm(story_id=story.pk, term=term, weight=weight) for term, weight in terms.items()
        )


def forget_story(story_id):
    from .models import StoryTerm

    StoryTerm.objects.filter(story_id=story_id).delete()


def index_all(batch_size=500):
    """Re-store the terms of every live story (after the topics change, or on an upgrade)."""
    from .models import StoryPage, StoryTerm

    topics = active_topics()
    StoryTerm.objects.exclude(story__live=True).delete()
    stories = StoryPage.objects.live().prefetch_related("tagged_items__tag").order_by("pk")
    count = 0
    for story in stories.iterator(chunk_size=batch_size):
        index_story(story, topics)
        count += 1
    return count


def _scores(draft_terms, exclude=None, limit=CANDIDATES):
    """(story id, score) of the stories sharing the most with `draft_terms`, best first."""
    from .models import StoryTerm

    if not draft_terms:
        return []
    frequency = dict(
        StoryTerm.objects.filter(term__in=list(draft_terms))
        .values_list("term")
        .annotate(stories=Count("story_id"))
        .values_list("term", "stories")
    )
    total = StoryTerm.objects.values("story_id").distinct().count() or 1
    # A word no published story has is the rarest of all: it weighs in the draft's total
    # (a draft about something new scores low everywhere), though no story can match it.
    weights = {
        term: weight * math.log(1 + total / frequency.get(term, 1)) ** 2
        for term, weight in draft_terms.items()
    }
    best = sum(draft_terms[term] * weights[term] for term in weights) or 1.0
    strongest = sorted(frequency, key=weights.get, reverse=True)[:MAX_QUERY_TERMS]
    if not strongest:
        return []
    weight_of_term = Case(
        *[When(term=term, then=Value(weights[term])) for term in strongest],
        default=Value(0.0),
        output_field=FloatField(),
    )
    rows = StoryTerm.objects.filter(term__in=strongest)
    if exclude is not None:
        rows = rows.exclude(story_id=exclude)
    rows = (
        rows.values("story_id")
        .annotate(score=Sum(weight_of_term * F("weight"), output_field=FloatField()))
        .order_by("-score", "-story_id")[:limit]
    )
    # Scores are relative to a perfect match with the draft's own weights (≈ 1 for a copy).
    return [(row["story_id"], row["score"] / best) for row in rows]


def similar_stories(request, title, body, exclude=None, limit=SHOWN, min_score=MIN_SCORE):
    """Up to `limit` published stories like the draft, that `request`'s reader may open, best
    first, each with its lessons and `similarity` (0–1). A fixed number of queries."""
    from .models import StoryLesson, StoryPage

    scored = [
        (pk, score)
        for pk, score in _scores(terms_of(title, body, active_topics()), exclude)
        if score >= min_score
    ]
    if not scored:
        return []
    stories = (
        StoryPage.objects.visible_to(request)
        .filter(pk__in=[pk for pk, _ in scored])
        .prefetch_related(
            Prefetch("lessons", queryset=StoryLesson.objects.order_by("sort_order", "pk"))
        )
        .only("pk", "title", "summary", "url_path", "first_published_at", "path", "depth")
    )
    by_pk = {story.pk: story for story in stories}
    found = []
    for pk, score in scored:
        story = by_pk.get(pk)
        if story is not None:
            story.similarity = score
            found.append(story)
    return found[:limit]


def draft_text(values):
    """The title and text compared for a draft, from the form's values as typed."""
    title = values.get("title", "")
    body = "\n".join([values.get("summary", ""), values.get("what_happened", "")])
    return title, body
