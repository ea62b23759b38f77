"""Which pages a reader may see: live ones, minus those behind a view restriction they don't pass."""

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
