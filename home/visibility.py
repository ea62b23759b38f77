"""Which pages a reader may see: live ones, minus those behind a view restriction they don't pass.

Both functions read the view restrictions from the database on every call: they are an access
decision, and an access decision never comes from a cache.
"""

from wagtail.models import PageViewRestriction


def visible_to(queryset, request):
    """Filter a page queryset down to the live pages this request may open.

    Wagtail's search does not apply page privacy by itself, so every listing goes through here.
    Costs one query for the restrictions (there are few), whatever the number of pages.
    """
    queryset = queryset.live()
    for restriction in PageViewRestriction.objects.select_related("page"):
        if not restriction.accept_request(request):
            queryset = queryset.not_descendant_of(restriction.page, inclusive=True)
    return queryset


def failed_restrictions(request):
    """Ids of the view restrictions this request does not pass, as a sorted tuple.

    A cached fragment that lists pages passes this as a key argument: readers who may see
    different pages then never share a fragment. One query (plus one for the reader's groups
    when a restriction is by group), usually returning nothing.
    """
    failed = []
    group_ids = None
    for restriction in PageViewRestriction.objects.prefetch_related("groups"):
        if restriction.restriction_type == restriction.GROUPS:
            # accept_request() would query the restriction's groups and the user's each time.
            user = request.user
            if user.is_superuser:
                continue
            if group_ids is None:
                group_ids = set(user.groups.values_list("pk", flat=True)) if user.pk else set()
            if not group_ids & {group.pk for group in restriction.groups.all()}:
                failed.append(restriction.pk)
        elif not restriction.accept_request(request):
            failed.append(restriction.pk)
    return tuple(sorted(failed))
