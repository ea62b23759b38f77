from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class QuotesConfig(AppConfig):
    name = "culture.quotes"
    label = "quotes"
    verbose_name = _("Quote of the Week")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from taggit.models import Tag

        from culture.fragments import retiring

        from .models import Quote, QuoteTag

        # What a quote shows changes only when it (or its tags) is written: when it goes live
        # is its week, which the fragments are keyed by. Tags are shared with stories, so a
        # renamed tag retires the quotes too.
        retire_quotes = retiring("quotes")
        for model in (Quote, QuoteTag, Tag):
            for signal in (post_save, post_delete):
                signal.connect(
                    retire_quotes, sender=model, weak=False, dispatch_uid="quotes.retire"
                )
