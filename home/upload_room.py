"""Room on the disk for uploads: a clear message, not an error page, when the disk is full.

Images and documents are uploaded in the admin. Their forms check, before anything is written,
that the file fits where uploads are kept (with some headroom for the smaller copies Wagtail
makes of an image); the form comes back with the message and everything else kept. Should the
disk fill between the check and the write (two uploads at once), `DiskFullMiddleware` answers
507 with a page that says so, instead of the generic error page. Only for a local disk: object
storage has no "full".
"""

import errno
import logging
import shutil

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage, default_storage
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm

logger = logging.getLogger(__name__)


def free_space():
    """Bytes free where uploads are written; None when uploads do not go to a local disk."""
    if not isinstance(default_storage, FileSystemStorage):
        return None
    try:
        return shutil.disk_usage(default_storage.location).free
    except OSError:  # the folder does not exist yet: the storage makes it on first save
        return None


def check_room(upload):
    free = free_space()
    if upload is None or free is None:
        return
    if upload.size + settings.UPLOAD_HEADROOM_BYTES > free:
        logger.error("Upload refused: %s bytes, %s bytes free for uploads", upload.size, free)
        raise ValidationError(
            _(
                "The server has no room left for this file (%(size)s; %(free)s free). Nothing "
                "was saved. Please tell the site's operators; what you typed here is kept."
            )
            % {"size": filesizeformat(upload.size), "free": filesizeformat(free)}
        )


class RoomCheckedImageForm(BaseImageForm):
    """Wagtail's image form (WAGTAILIMAGES_IMAGE_FORM_BASE), refusing a file the disk cannot hold."""

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if "file" in self.changed_data:
            check_room(upload)
        return upload


class RoomCheckedDocumentForm(BaseDocumentForm):
    """Wagtail's document form (WAGTAILDOCS_DOCUMENT_FORM_BASE), refusing a file the disk cannot
    hold."""

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if "file" in self.changed_data:
            check_room(upload)
        return upload


def is_disk_full(error):
    return isinstance(error, OSError) and error.errno in (errno.ENOSPC, errno.EDQUOT)


class DiskFullMiddleware:
    """A write that hit a full disk: 507 and a page that says what happened."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_disk_full(exception):
            return None
        logger.error("The disk is full: %s %s failed", request.method, request.path)
        response = TemplateResponse(request, "home/disk_full.html", status=507)
        return response.render()
