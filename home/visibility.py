"""Which pages a reader may see: live ones, minus those behind a view restriction they don't pass.

The restrictions are read from the database once per request, at its first question, and
decided for that request's user and session: an access decision never comes from a cache, and
is never carried from one request to another.
"""

from wagtail.models import PageViewRestriction

REQUEST_ATTRIBUTE = "own_it_failed_restrictions"


def restrictions_failed_by(request):
    """The view restrictions this request does not pass (usually none), with their pages."""
    failed = getattr(request, REQUEST_ATTRIBUTE, None)
    if failed is None:
        failed = []
        group_ids = None
        restrictions = PageViewRestriction.objects.select_related("page").prefetch_related("groups")
        for restriction in restrictions:
            if restriction.restriction_type == restriction.GROUPS:
                # accept_request() would query the restriction's groups and the user's each time.
                user = request.user
                if user.is_superuser:
                    continue
                if group_ids is None:
                    group_ids = set(user.groups.values_list("pk", flat=True)) if user.pk else set()
                if not group_ids & {group.pk for group in restriction.groups.all()}:
                    failed.append(restriction)
            elif not restriction.accept_request(request):
                failed.append(restriction)
        setattr(request, REQUEST_ATTRIBUTE, failed)
    return failed


def visible_to(queryset, request):
    """Filter a page queryset down to the live pages this request may open.

    Wagtail's search does not apply page privacy by itself, so every listing goes through here.
    """
    queryset = queryset.live()
    for restriction in restrictions_failed_by(request):
        queryset = queryset.not_descendant_of(restriction.page, inclusive=True)
    return queryset


def visible_to_everyone(queryset):
    """The live pages of `queryset` that no view restriction hides: what every reader sees.

    For decisions about what *all* readers see (whether a change can alter anyone's listing),
    never for what to show one reader: that is `visible_to`.
    """
    queryset = queryset.live()
    for restriction in PageViewRestriction.objects.select_related("page"):
        queryset = queryset.not_descendant_of(restriction.page, inclusive=True)
    return queryset


def failed_restrictions(request):
    """Ids of the view restrictions this request does not pass, as a sorted tuple.

    A cached fragment that lists pages passes this as a key argument: readers who may see
    different pages then never share a fragment.
    """
    return tuple(sorted(restriction.pk for restriction in restrictions_failed_by(request)))
