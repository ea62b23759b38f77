"""Wagtail's API (v2) at /api/v2/: pages, quotes and tags, read only, for a signed-in session or a
personal API token, and only what that reader may see.

- Pages: the live ones the reader may open (`home.visibility.visible_to`, the same rule as every
  listing of the site: view restrictions asked of the database on every request), on the site
  asked for. Drafts never: a page's API fields are its live version. Dates, not times.
- Quotes: live ones only (their Monday 08:08 has passed).
- Tags: those on something the reader may see, so a tag used only by drafts stays unknown.

What each type shows is the allow-list in `culture/api/fields.py`.
"""

from django.contrib.auth.decorators import login_not_required
from django.db.models import Prefetch, Q
from django.utils.cache import add_never_cache_headers, patch_vary_headers
from rest_framework.permissions import IsAuthenticated
from rest_framework.renderers import JSONRenderer
from taggit.models import Tag
from wagtail.api import APIField
from wagtail.api.v2.filters import FieldsFilter, OrderingFilter, SearchFilter
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import BaseAPIViewSet, PagesAPIViewSet
from wagtail.api.validators import SiteFilterValidator
from wagtail.models import Page

from culture.campaigns.models import CampaignPage
from culture.meetings.models import MeetingPackPage, MeetingPackTag
from culture.quotes.models import Quote, QuoteTag
from home.visibility import visible_to
from stories import small_groups
from stories.models import CorrectiveAction, StoryPage, StoryTag

from . import fields
from .authentication import BearerTokenAuthentication, SessionAuthentication
from .serializers import AddressedPageSerializer
from .throttling import TokenRateThrottle


def as_api_fields(names_and_fields):
    return [item if isinstance(item, APIField) else APIField(item) for item in names_and_fields]


class PrivateEndpoint:
    """What every endpoint shares: who may ask, how often, and that answers are never cached."""

    authentication_classes = [BearerTokenAuthentication, SessionAuthentication]
    permission_classes = [IsAuthenticated]
    throttle_classes = [TokenRateThrottle]
    # JSON only: DRF's browsable HTML pages would need inline scripts the site's CSP refuses.
    renderer_classes = [JSONRenderer]

    @classmethod
    def as_view(cls, *args, **kwargs):
        # The site's login-required middleware would send a script to the sign-in page; the API
        # answers for itself (401 JSON for anyone who is neither signed in nor has a token).
        return login_not_required(super().as_view(*args, **kwargs))

    def handle_exception(self, exc):
        response = super().handle_exception(exc)
        # One shape for every error, as Wagtail's own 400 and 404: {"message": "…"}.
        if isinstance(response.data, dict) and set(response.data) == {"detail"}:
            response.data = {"message": str(response.data["detail"])}
        return response

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        # What a reader may see is decided on every request: no shared or browser cache keeps it.
        add_never_cache_headers(response)
        patch_vary_headers(response, ["Authorization", "Cookie"])
        return response


class PublishedOnOrdering(OrderingFilter):
    """`?order=published_on` / `-published_on`, besides Wagtail's orderings: newest first
    without exposing `first_published_at`, an exact time."""

    def filter_queryset(self, request, queryset, view):
        order = request.GET.get("order", "")
        if order.lstrip("-") == "published_on":
            sign = "-" if order.startswith("-") else ""
            return queryset.order_by(f"{sign}first_published_at", f"{sign}pk")
        return super().filter_queryset(request, queryset, view)


class PagesEndpoint(PrivateEndpoint, PagesAPIViewSet):
    filter_backends = [
        PublishedOnOrdering if backend is OrderingFilter else backend
        for backend in PagesAPIViewSet.filter_backends
    ]
    # Page addresses from BASE_URL (culture/api/serializers.py).
    base_serializer_class = AddressedPageSerializer
    meta_fields = [name for name in PagesAPIViewSet.meta_fields if name != "first_published_at"]
    listing_default_fields = [
        "published_on" if name == "first_published_at" else name
        for name in PagesAPIViewSet.listing_default_fields
    ]
    detail_only_fields = ["parent", "agenda"]

    FIELDS_BY_MODEL = {
        StoryPage: fields.STORY_FIELDS,
        MeetingPackPage: fields.PACK_FIELDS,
        CampaignPage: fields.CAMPAIGN_FIELDS,
    }

    @classmethod
    def get_body_fields(cls, model):
        own = cls.FIELDS_BY_MODEL.get(model)
        if own is None:
            # Section pages and the home page: their one-line introduction.
            own = fields.INDEX_FIELDS if model is not Page and hasattr(model, "intro") else []
        return as_api_fields(cls.body_fields + own)

    @classmethod
    def get_meta_fields(cls, model):
        return as_api_fields(cls.meta_fields + fields.PAGE_META_FIELDS)

    def get_base_queryset(self):
        request = self.request
        try:
            site = SiteFilterValidator(site=request.GET.get("site"), request=request).site_obj
        except ValueError as error:
            raise BadRequestError(str(error)) from error
        if site is None:
            return Page.objects.none()
        pages = visible_to(Page.objects.all(), request)
        return pages.descendant_of(site.root_page, inclusive=True)

    def get_queryset(self):
        # A listing reads what its fields show in a fixed number of queries ("locale" is in
        # `fields=*`).
        queryset = super().get_queryset().select_related("locale")
        if queryset.model is StoryPage:
            return queryset.with_card_data(small_groups.minimum(self.request)).prefetch_related(
                "lessons",
                Prefetch("actions", CorrectiveAction.objects.select_related("owner_team")),
                "questions",
            )
        if queryset.model is MeetingPackPage:
            return queryset.select_related("team").prefetch_related("tagged_items__tag")
        if queryset.model is CampaignPage:
            return queryset.prefetch_related("events")
        return queryset

    def get_object(self):
        page = super().get_object()
        if isinstance(page, StoryPage):
            page = page.with_all_parts(small_groups.minimum(self.request))
        elif isinstance(page, MeetingPackPage):
            # Stories this reader may not open leave the agenda, as on the page.
            page.restrict_to(self.request)
        return page


class QuotesEndpoint(PrivateEndpoint, BaseAPIViewSet):
    model = Quote
    name = "quotes"
    filter_backends = [FieldsFilter, OrderingFilter, SearchFilter]
    body_fields = ["id"]
    listing_default_fields = ["id", "type", "detail_url", "text", "author", "week"]

    @classmethod
    def get_body_fields(cls, model):
        return as_api_fields(cls.body_fields + fields.QUOTE_FIELDS)

    def get_queryset(self):
        return Quote.objects.live().prefetch_related("tagged_items__tag").order_by("-week")


class TagsEndpoint(PrivateEndpoint, BaseAPIViewSet):
    model = Tag
    name = "tags"
    filter_backends = [FieldsFilter, OrderingFilter]
    listing_default_fields = ["id", "type", "detail_url", "name", "slug"]

    @classmethod
    def get_body_fields(cls, model):
        return as_api_fields(cls.body_fields + fields.TAG_FIELDS)

    def get_queryset(self):
        request = self.request
        stories = StoryPage.objects.visible_to(request).values("pk")
        packs = visible_to(MeetingPackPage.objects.all(), request).values("pk")
        used = (
            Q(pk__in=StoryTag.objects.filter(content_object__in=stories).values("tag_id"))
            | Q(
                pk__in=QuoteTag.objects.filter(content_object__in=Quote.objects.live()).values(
                    "tag_id"
                )
            )
            | Q(pk__in=MeetingPackTag.objects.filter(content_object__in=packs).values("tag_id"))
        )
        return Tag.objects.filter(used).order_by("name", "pk")


api_router = WagtailAPIRouter("api_v2")
api_router.register_endpoint("pages", PagesEndpoint)
api_router.register_endpoint("quotes", QuotesEndpoint)
api_router.register_endpoint("tags", TagsEndpoint)
