"""Sharing a story on the front end: "Share a mistake", editing a draft, and "My stories".

Only the author reaches their own drafts here; anyone else gets a 404, so the URL does not even
confirm that a story exists. Reviewers work in the Wagtail admin instead.
"""

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Prefetch
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from home.site_address import absolute_url

from .. import autosave, blameless, small_groups, workflow
from ..forms import IDENTITY_CHOICES, IDENTITY_EXPLAINED, StoryForm, action_formset, error_summary
from ..models import (
    IdentityView,
    StoriesIndexPage,
    StoryAuthorship,
    StoryPage,
    anonymous_author,
)
from ..notifications import email_return_link
from ..sharing import (
    acting_user,
    missing_for_review,
    never_published,
    save_story,
    withdraw_story,
)
from .similar import panel_context

MY_STORIES_PER_PAGE = 20


def _stories_index():
    index = StoriesIndexPage.objects.first()
    if index is None:
        raise Http404(_("Stories are not set up yet."))
    return index


def own_story(request, pk):
    """The signed-in author's story, or 404 for everyone else (even the Culture team).

    Looked up by `id` (Page's own column), not `pk`: on SQLite a number too big for the pk of a
    page subclass raises OverflowError instead of matching nothing.
    """
    return get_object_or_404(
        StoryPage.objects.select_related("authorship"), id=pk, authorship__author=request.user
    )


def _typed_findings(request, form, formset):
    """The blameless check over what is typed in the form (saved or not)."""
    values = form.check_values()
    values["actions"] = formset.check_values()
    anonymous, team = form.typed_anonymity()
    return blameless.check_values(
        values,
        author=request.user,
        anonymous=anonymous,
        team=team,
        min_group=small_groups.minimum(request),
    )


def _render_form(request, form, formset, story=None, status=200):
    """The share form. Opened afresh (not re-shown after a failed save), it also offers what
    autosave kept since the last save, for static/js/autosave.js to put back."""
    findings = _typed_findings(request, form, formset)
    form.findings = findings
    standing = workflow.state_of(story) if story is not None else workflow.Standing(None)
    errors = error_summary(form, formset) if form.is_bound else []
    return render(
        request,
        "stories/share/form.html",
        {
            "form": form,
            "formset": formset,
            "story": story,
            "state": standing.state,
            "changes": standing.changes,
            "goes_live_on": standing.goes_live_on,
            "deletable": story is not None and never_published(story),
            "states": workflow.StoryState,
            "review_comment": standing.comment,
            "findings_count": blameless.count(findings),
            "action_findings": findings.get("actions", []),
            "error_summary": errors,
            # The draft-or-submit hint in the error summary: a draft needs only a title.
            "submit_refused": form.is_bound and form.submitting and bool(errors),
            # "Has this happened before?" for the form as typed (or as saved).
            **panel_context(request, form, story),
            "autosave_key": autosave.browser_key(story),
            "autosave_every_ms": settings.SHARE_AUTOSAVE_SECONDS * 1000,
            "autosave_waiting": None if form.is_bound else autosave.waiting(request.user, story),
            "autosave_cleared": autosave.cleared_keys(request),
        },
        status=status,
    )


def _hand_over_return_link(request, story):
    """Anonymous to everyone: the private return link, shown once here and emailed to the
    author alone. The site keeps only a hash of it, so it cannot show it again."""
    url = absolute_url(story.new_return_link)
    messages.info(
        request,
        format_html(
            _(
                'Your private return link: <a href="{url}">{url}</a>. Keep it: when the story '
                "is published, the link between you and it is erased, and this is the only way "
                "back to it. We have emailed it to you alone; it is not shown again."
            ),
            url=url,
        ),
    )
    email_return_link(request.user, story, url)


@require_POST
def new_return_link(request, pk):
    """Anonymous to everyone, not published yet: a new private return link (the old one stops
    working), shown once and emailed, for an author who lost theirs."""
    from ..identity import issue_return_link

    story = own_story(request, pk)
    authorship = story.authorship
    if authorship.erase_when_published and not authorship.is_erased:
        story.new_return_link = issue_return_link(authorship)
        _hand_over_return_link(request, story)
    return redirect("stories:my_stories")


def _after_save(request, story, submitted, marked_repeat=None):
    findings = blameless.count(blameless.check_story(story.get_latest_revision_as_object()))
    if submitted:
        _submitted_message(request, story)
    elif marked_repeat is not None:
        messages.success(request, _repeat_message(story))
    else:
        messages.success(
            request, _("Draft saved. Only you can see it until you submit it for review.")
        )
    if findings:
        messages.warning(
            request,
            format_html(
                ngettext(
                    'The blameless check has {count} note on the wording. <a href="{url}">See '
                    "it next to the field</a>; notes never stop you saving.",
                    'The blameless check has {count} notes on the wording. <a href="{url}">See '
                    "them next to the fields</a>; they never stop you saving.",
                    findings,
                ),
                count=findings,
                url=reverse("stories:edit", args=[story.pk]),
            ),
        )
    if submitted:
        return redirect("stories:my_stories")
    return redirect("stories:edit", pk=story.pk)


def _repeat_message(story):
    """What "This is a repeat of it" (or "Not a repeat after all") did, without JavaScript."""
    latest = story.get_latest_revision_as_object()
    if latest.suggested_repeat_of_id is None:
        return _("Draft saved. Your story is no longer marked as a repeat.")
    return _("Draft saved and marked as a repeat of “%(title)s”. The reviewers confirm it.") % {
        "title": latest.suggested_repeat_of.title
    }


def _submitted_message(request, story):
    messages.success(
        request,
        _(
            "“%(title)s” is with the Culture review team. We will email you when it is "
            "published, or if the reviewers suggest changes."
        )
        % {"title": story.draft_title},
    )


def _save_posted_story(request, *, story=None, index=None):
    """Validate the posted form; on success save (and maybe submit) and return the redirect.

    Returns (response, form, formset): response is None when the form has errors to show.
    """
    # "Save draft" asks only for a title; "Submit for review" for everything a review needs.
    submitted = "submit" in request.POST
    # "Preview" saves a draft (as "Save draft" does), then shows it as readers will see it.
    previewing = "preview" in request.POST and not submitted
    form = StoryForm(request.POST, submitting=submitted)
    formset = action_formset(request.POST, submitting=submitted)
    if not (form.is_valid() and formset.is_valid()):
        return None, form, formset
    was_new = story is None
    story = save_story(
        author=request.user,
        data=form.story_data(formset.actions()),
        story=story,
        index=index,
        submit=submitted,
    )
    autosave.forget(request, story, was_new=was_new)
    if story.new_return_link:
        _hand_over_return_link(request, story)
    if previewing:
        return redirect("stories:preview", pk=story.pk), form, formset
    marked = request.POST.get("mark_repeat")
    return _after_save(request, story, submitted, marked), form, formset


@require_http_methods(["GET", "POST"])
def share(request):
    """ "Share a mistake": a new story, saved as a draft or sent for review."""
    index = _stories_index()
    if request.method == "POST":
        response, form, formset = _save_posted_story(request, index=index)
        if response:
            return response
    else:
        form = StoryForm()
        formset = action_formset()
    return _render_form(request, form, formset)


@require_http_methods(["GET", "POST"])
def edit(request, pk):
    """Edit one of your stories; each save is a new revision. For a published story these are
    proposed changes: they go through review while readers keep seeing the published version."""
    story = own_story(request, pk)
    if request.method == "POST":
        response, form, formset = _save_posted_story(request, story=story)
        if response:
            return response
    else:
        latest = story.get_latest_revision_as_object()
        form = StoryForm(initial=StoryForm.initial_for(latest, story.authorship))
        formset = action_formset(story=latest)
    return _render_form(request, form, formset, story=story)


@never_cache
@require_POST
def live_notes(request, pk=None):
    """The blameless notes for the form as typed so far, as JSON (static/js/share-form.js).

    The same check as on save; nothing is saved. For a story being edited, only its author
    gets an answer (404 for everyone else), as for the form itself.
    """
    if pk is not None:
        own_story(request, pk)
    form = StoryForm(request.POST, submitting=False)
    formset = action_formset(request.POST, submitting=False)
    findings = _typed_findings(request, form, formset)
    return JsonResponse(
        {
            "count": blameless.count(findings),
            "notes": {
                name: [finding.message for finding in items]
                for name, items in findings.items()
                if items
            },
        }
    )


@never_cache
@require_http_methods(["GET", "POST"])
def preview(request, pk):
    """The author's latest draft as readers will see it, with the blameless notes beside it.

    Rendered with the story page's own template and context, as Wagtail's preview does
    (`request.is_preview`, so no fragment is read from or written to the cache). Nothing is
    published. From here the author goes back to editing or submits the draft for review.
    """
    story = own_story(request, pk)
    latest = story.get_latest_revision_as_object()
    if request.method == "POST":
        missing = missing_for_review(latest)
        if missing:
            messages.error(
                request,
                _(
                    "Your story needs a little more before it can be reviewed: a summary, what "
                    "happened, and for each corrective action what will change and who owns it. "
                    "Press “Submit for review” on the form to see what is missing."
                ),
            )
            return redirect("stories:edit", pk=story.pk)
        workflow.submit_for_review(story, acting_user(request.user, story.authorship.is_anonymous))
        _submitted_message(request, story)
        return redirect("stories:my_stories")
    request.is_preview = True
    request.preview_mode = ""
    context = latest.get_context(request)
    findings = blameless.check_story(latest)
    context.update(
        preview_of=story,
        blameless_notes=[
            (label, findings[name])
            for name, label in blameless.CHECKED_FIELDS.items()
            if findings.get(name)
        ],
        findings_count=blameless.count(findings),
    )
    context["autosave_cleared"] = autosave.cleared_keys(request)
    return render(request, "stories/share/preview.html", context)


@require_http_methods(["GET", "POST"])
def delete(request, pk):
    """Delete a draft that was never published (asks first)."""
    story = own_story(request, pk)
    if not never_published(story):
        raise Http404(_("Published stories are withdrawn, not deleted."))
    if request.method == "POST":
        title = story.draft_title
        actor = anonymous_author() if story.authorship.is_anonymous else request.user
        autosave.forget(request, story)
        with transaction.atomic():
            state = workflow.current_state(story)
            if state is not None:
                state.cancel(user=actor)
            story.delete(user=actor, skip_permission_checks=True)
        messages.success(request, _("“%(title)s” was deleted.") % {"title": title})
        return redirect("stories:my_stories")
    return render(request, "stories/share/delete.html", {"story": story})


@require_http_methods(["GET", "POST"])
def withdraw(request, pk):
    """Take your published story down (asks first). It becomes a draft that only you see."""
    story = own_story(request, pk)
    if not story.live:
        raise Http404(_("Only a published story is withdrawn."))
    if request.method == "POST":
        withdraw_story(story, request.user)
        messages.success(
            request,
            _(
                "“%(title)s” is withdrawn: readers no longer see it. It is a draft again that "
                "only you can see; edit it and submit it for review to publish it again."
            )
            % {"title": story.title},
        )
        return redirect("stories:my_stories")
    return render(request, "stories/share/withdraw.html", {"story": story})


IDENTITY_CHOICES_BY_VALUE = dict(IDENTITY_CHOICES)


def my_stories(request):
    """The signed-in author's stories and where each one stands. A fixed number of queries."""
    authorships = (
        StoryAuthorship.objects.filter(author=request.user)
        .select_related("story")
        .prefetch_related(
            Prefetch(
                "identity_views",
                queryset=IdentityView.objects.select_related("viewed_by").order_by("-viewed_at"),
            )
        )
        .annotate(message_count=Count("story__messages"))
        .order_by("-story__latest_revision_created_at", "-story_id")
    )
    page = Paginator(authorships, MY_STORIES_PER_PAGE).get_page(request.GET.get("page"))
    stories = [authorship.story for authorship in page.object_list]
    states = workflow.states_for(stories)
    rows = [
        {
            "story": authorship.story,
            "anonymous": authorship.is_anonymous,
            "identity": IDENTITY_CHOICES_BY_VALUE[authorship.identity],
            "identity_explained": IDENTITY_EXPLAINED[authorship.identity],
            "may_renew_link": authorship.erase_when_published and not authorship.is_erased,
            "identity_views": list(authorship.identity_views.all()),
            "message_count": authorship.message_count,
            "standing": states[authorship.story.pk],
            "deletable": never_published(authorship.story),
        }
        for authorship in page.object_list
    ]
    return render(
        request,
        "stories/my_stories.html",
        {
            "rows": rows,
            "page_obj": page,
            "states": workflow.StoryState,
            "autosave_cleared": autosave.cleared_keys(request),
        },
    )
