"""The Culture team's form for a pulse (the model's `base_form_class`)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm


class PulseAdminForm(WagtailAdminModelForm):
    """A new pulse offers the active statements; once someone answered, they are fixed (the
    counters are per statement)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("statements")
        if field is None:
            return
        from .models import PulseStatement

        if self.instance.pk is None and not self.is_bound:
            self.initial.setdefault("statements", list(PulseStatement.objects.filter(active=True)))
        elif self.instance.has_answers():
            field.disabled = True
            field.help_text = _("Fixed: people have answered this pulse.")
