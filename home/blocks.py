"""Chooser blocks that take only what their chooser offers.

A chooser block's value arrives as an id in the posted form, so hiding an object from the chooser
does not stop anyone from posting its id. The blocks here check the posted object against the
same rule the chooser uses, refuse it with a message next to the item, and never echo it back:
the re-rendered editor shows an empty chooser, and the message names neither the object nor
whether it exists (a draft's id is answered exactly like an id that was never used).
"""

from django.core.exceptions import ValidationError
from django.core.validators import EMPTY_VALUES
from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class Withheld:
    """Stands in for a chosen object that the editor may not see: it keeps only the id.

    It is falsy and prints as nothing, so templates, the editor and the revision comparison show
    an empty choice; it is stored back as the same id, so an old revision keeps its choice.
    """

    def __init__(self, pk):
        self.pk = pk

    def __bool__(self):
        return False

    def __str__(self):
        return ""

    def __eq__(self, other):
        return isinstance(other, Withheld) and other.pk == self.pk

    def __hash__(self):
        return hash((Withheld, self.pk))


class ChoosableOnlyMixin:
    """For a ChooserBlock: only objects `is_choosable` accepts go in; others are `Withheld`.

    Subclasses set `refused_message` and define `is_choosable(obj)` with the chooser's own rule.
    """

    refused_message = _("This choice is not available. Choose another.")

    def is_choosable(self, obj):
        raise NotImplementedError

    def value_from_datadict(self, data, files, prefix):
        raw = self.field.widget.value_from_datadict(data, files, prefix)
        if raw in EMPTY_VALUES:
            return None
        try:
            # The form field's own lookup: an unknown or malformed id is a ValidationError.
            obj = self.field.to_python(raw)
        except ValidationError:
            return Withheld(None)
        return obj if obj is not None and self.is_choosable(obj) else Withheld(None)

    def clean(self, value):
        if isinstance(value, Withheld) or (value is not None and not self.is_choosable(value)):
            raise ValidationError(self.refused_message, code="not_choosable")
        return super().clean(value)

    def get_form_state(self, value):
        return super().get_form_state(None if isinstance(value, Withheld) else value)

    def get_prep_value(self, value):
        if isinstance(value, Withheld):
            return value.pk
        return super().get_prep_value(value)


class PublishedPageChooserBlock(ChoosableOnlyMixin, blocks.PageChooserBlock):
    """A page chooser that takes only live pages of its page types, as its chooser offers.

    A draft's id is refused like an unknown one. Pages that were live when chosen and unpublished
    later still load (so the editor can say which); the block's templates decide whether readers
    see them.
    """

    refused_message = _("This page is not published. Choose a published page.")

    def is_choosable(self, page):
        # With several page types the form field looks up any Page; the chooser offers only these.
        types = tuple(self.target_models)
        if not page.live:
            return False
        return not types or issubclass(page.specific_class or type(None), types)
