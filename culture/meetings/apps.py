from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "culture.meetings"
    label = "meetings"
    verbose_name = _("Meeting packs")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from culture.fragments import retiring

        from .models import MeetingPackPage, MeetingPacksIndexPage, PackStory

        # "packs": what other pages show of the packs (campaigns, "discussed in N meetings",
        # links to the packs index). A pack's own save rewrites its story links and retires the
        # scope itself (models.py); these cover the other ways what readers see changes. Any
        # move retires it, since moving a section above the packs changes their addresses.
        retire_packs = retiring("packs")
        uid = "meetings.retire_packs"
        for model in (MeetingPackPage, MeetingPacksIndexPage):
            for signal in (page_published, page_unpublished, post_delete):
                signal.connect(retire_packs, sender=model, weak=False, dispatch_uid=uid)
        for signal in (post_save, post_delete):
            signal.connect(retire_packs, sender=PackStory, weak=False, dispatch_uid=uid)
        post_page_move.connect(retire_packs, weak=False, dispatch_uid=uid)
