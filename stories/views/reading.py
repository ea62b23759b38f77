"""Reading stories: the index (filters, search, tag pages), the story page and "I learned from this".

The page around a listing is rendered for each reader (header, CSRF token, their own reaction);
the expensive, shared parts (the cards, the filter choices, a story's body, its related stories)
come from `stories.cache`, keyed by everything that changes them and by the view restrictions the
reader fails, so two readers only ever share a fragment they would both see identically.
"""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST
from wagtail.models import Site

from home.visibility import visible_to

from .. import cache
from ..extensions import story_page_panels
from ..filters import FILTER_FIELDS, StoryFilterForm
from ..models import CorrectiveAction, LearnedFromThis, StoryPage
from ..queries import (
    CARD_RELATED,
    PER_PAGE,
    apply_filters,
    cards_in_order,
    filter_choices,
    happened_again,
    related_stories,
    search_or_list,
    story_details,
    visible_stories,
    with_card_data,
)


def _site_id(request):
    site = Site.find_for_request(request)
    return site.pk if site else None


def _page_number(value):
    try:
        number = int(value)
    except (TypeError, ValueError):
        return 1
    return min(max(number, 1), 10_000)


def prepare_cards(stories, index, request):
    """Give each story the links its card shows, so the card template stays plain markup."""
    tag_base = index.get_url(request) + "tag/" if index else None
    for story in stories:
        story.card_url = story.get_url(request)
        story.tag_links = [
            (tag.name, f"{tag_base}{tag.slug}/" if tag_base else None) for tag in story.tag_list
        ]
    return stories


def render_cards(stories, index, request, heading_level=2):
    """The cards as HTML, or "" when there are none."""
    html = render_to_string(
        "stories/reading/story_cards.html",
        {"stories": prepare_cards(stories, index, request), "heading_level": heading_level},
    )
    return mark_safe(html.strip())


# The index and tag pages -------------------------------------------------------------------


LISTING_PARAMS = ("q", *FILTER_FIELDS, "page")


def index_context(index, request, tag=None):
    """Context for the stories index (or one tag's page).

    The whole listing (filter form with its errors, result count, cards, pages) is one cached
    fragment: it depends only on the query string, the tag, the site and the view restrictions
    the reader fails, never on who the reader is. A warm listing costs no query at all.
    """
    raw = tuple((name, request.GET.get(name, "")[:1000]) for name in LISTING_PARAMS)
    failed = cache.failed_restrictions(request)
    listing = cache.fragment(
        ("listing", _site_id(request), failed, tag, raw),
        lambda: build_listing(index, request, tag, failed),
    )
    if listing.get("missing"):
        raise Http404("No stories with this tag")
    return {
        "query": listing["query"],
        "tag": tag,
        "tag_name": listing["tag_name"],
        "listing_html": listing["html"],
        "clear_url": index.get_url(request),
    }


def build_listing(index, request, tag, failed):
    choices = cache.fragment(("choices", failed), lambda: filter_choices(visible_stories(request)))
    tag_name = None
    if tag is not None:
        tag_name = dict(choices["tag"]).get(tag)
        if tag_name is None:
            return {"missing": True}

    form = StoryFilterForm(request.GET or None, choices, fixed_tag=tag)
    filters = form.filters()
    query = filters.pop("q", "")
    if tag:
        filters["tag"] = tag
    stories = apply_filters(visible_stories(request), filters)
    results = search_or_list(stories, query) if query else with_card_data(stories)
    page = Paginator(results, PER_PAGE).get_page(_page_number(request.GET.get("page")))
    if query:
        cards = cards_in_order([story.pk for story in page.object_list])
    else:
        cards = list(page.object_list)
    kept = {name: value for name, value in filters.items() if name != "tag" or not tag}
    if query:
        kept = {"q": query, **kept}
    html = render_to_string(
        "stories/reading/listing.html",
        {
            "filter_form": form,
            "query": query,
            "tag": tag,
            "cards_html": render_cards(cards, index, request),
            "result_count": page.paginator.count,
            "page_obj": page,
            "query_string": urlencode(kept),
            "is_filtered": bool(kept),
            "clear_url": index.get_url(request),
        },
    )
    return {"html": mark_safe(html), "query": query, "tag_name": tag_name}


# The story page ----------------------------------------------------------------------------


def overdue(action, today):
    return (
        action.status == CorrectiveAction.Status.OPEN
        and action.due_date is not None
        and action.due_date < today
    )


def render_story_body(story, request, today, preview=False):
    if not preview:
        # A preview's tags, lessons, actions and questions are the draft's, held in memory by
        # modelcluster; a live story's come from the database, four queries for all of them.
        story_details(story)
    index = story.get_parent().specific if story.pk else None
    index_url = index.get_url(request) if index else None
    actions = [(action, overdue(action, today)) for action in story.actions.all()]
    tag_base = index_url + "tag/" if index_url else None
    return render_to_string(
        "stories/reading/story_body.html",
        {
            "story": story,
            "index_url": index_url,
            "index_title": index.title if index else "",
            "tag_links": [
                (tag.name, f"{tag_base}{tag.slug}/" if tag_base else None) for tag in story.tag_list
            ],
            "lessons": list(story.lessons.all()),
            "actions": actions,
            "questions": list(story.questions.all()),
        },
    )


def render_related(story, request):
    earlier, later = happened_again(story, request)
    for other in [earlier, *later]:
        if other is not None:
            other.card_url = other.get_url(request)
    related = related_stories(story, request) if story.pk else []
    index = story.get_parent().specific if story.pk else None
    return render_to_string(
        "stories/reading/story_related.html",
        {
            "earlier": earlier,
            "later": later,
            "related_html": render_cards(related, index, request, heading_level=3)
            if related
            else "",
        },
    )


def _with_card_relations(story):
    """The live story again with authorship, author, team and series joined: one query, on a
    cache miss only, instead of one for each."""
    full = StoryPage.objects.select_related(*CARD_RELATED).get(pk=story.pk)
    if hasattr(story, "_cached_parent_obj"):
        full._cached_parent_obj = story._cached_parent_obj
    return full


def story_context(story, request):
    today = timezone.localdate()
    if getattr(request, "is_preview", False) or not story.live or story.pk is None:
        # A draft (or a preview) is never cached: it must not reach anyone else, nor outlive the
        # preview. Its links to other stories follow the draft, too.
        return {
            "story_body_html": render_story_body(story, request, today, preview=True),
            "related_html": render_related(story, request) if story.pk else "",
            "story_panels": story_page_panels(request, story),
            "can_react": False,
            **learned_state(story, request.user),
        }
    # Exact without relying on invalidation: a new revision or a change of anonymity makes a new
    # key, even when another worker's cache missed the signal.
    anonymous = getattr(story, "author_is_anonymous", None)
    if anonymous is None:
        anonymous = story.byline == "Anonymous"
    body = cache.fragment(
        ("body", _site_id(request), story.pk, story.live_revision_id, anonymous, today),
        lambda: render_story_body(_with_card_relations(story), request, today),
    )
    related = cache.fragment(
        ("related", _site_id(request), story.pk, cache.failed_restrictions(request)),
        lambda: render_related(story, request),
    )
    return {
        "story_body_html": body,
        "related_html": related,
        "story_panels": story_page_panels(request, story),
        "can_react": True,
        **learned_state(story, request.user),
    }


def learned_state(story, user):
    """The count and this reader's own mark. Read with the page when it was routed (no query)."""
    total = getattr(story, "learned_total", None)
    mine = getattr(story, "learned_by_me", None)
    if story.pk is None:
        return {"learned_total": 0, "learned_by_me": False}
    if total is None or mine is None:
        marks = LearnedFromThis.objects.filter(story_id=story.pk)
        total = marks.count()
        mine = marks.filter(user_id=user.pk).exists()
    return {"learned_total": total, "learned_by_me": mine}


@require_POST
def learned_from_this(request, pk):
    """Mark or take back "I learned from this". The form says which, so a double submit is harmless.

    Works without JavaScript (redirects back to the story); static/js/learned.js sends the same
    form with `Accept: application/json` and updates the button in place.
    """
    story = visible_to(StoryPage.objects.filter(id=pk), request).first()
    if story is None:
        raise Http404("No such story")
    wanted = request.POST.get("learned", "1") != "0"
    marks = LearnedFromThis.objects.filter(story=story, user=request.user)
    if wanted:
        LearnedFromThis.objects.get_or_create(story=story, user=request.user)
    else:
        for mark in marks:
            mark.delete()  # one by one, so the post_delete signal retires cached counts
    state = learned_state(story, request.user)
    if "application/json" in request.headers.get("Accept", ""):
        return JsonResponse({"learned": state["learned_by_me"], "count": state["learned_total"]})
    return redirect(story.get_url(request) + "#learned")
