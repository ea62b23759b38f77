"""Wagtail's page serializer with every page address built from BASE_URL
(home/site_address.py), as every other absolute link of the site: the page's own `html_url`, and
those of its parent and of the page it is an alias of."""

from rest_framework.fields import Field
from wagtail.api.v2.serializers import (
    PageAliasOfField,
    PageParentField,
    PageSerializer,
    get_serializer_class,
)

from home.site_address import page_url

NESTED_PAGE_FIELDS = ["id", "type", "detail_url", "html_url", "title"]


class PageAddressField(Field):
    def get_attribute(self, instance):
        return instance

    def to_representation(self, page):
        return page_url(page, self.context.get("request"))


class NestedPageMixin:
    """The parent or alias as Wagtail shows it (id, type, detail_url, html_url, title), through
    this module's serializer. Wagtail's parent field shows a parent only if the reader may see
    it (it asks the endpoint's base queryset)."""

    def to_representation(self, value):
        serializer_class = get_serializer_class(
            value.__class__,
            NESTED_PAGE_FIELDS,
            meta_fields=["type", "detail_url", "html_url"],
            base=AddressedPageSerializer,
        )
        return serializer_class(context=self.context).to_representation(value)


class ParentField(NestedPageMixin, PageParentField):
    pass


class AliasOfField(NestedPageMixin, PageAliasOfField):
    pass


class AddressedPageSerializer(PageSerializer):
    html_url = PageAddressField(read_only=True)
    parent = ParentField(read_only=True)
    alias_of = AliasOfField(read_only=True)
