"""Links to the section pages (meeting packs, campaigns) for the main menu.

Each is one small query, asked live: the header that shows them is a cached fragment
(templates/base.html, the "site" scope of `home.fragment_versions`), so a warm page asks none.
"""


def section_url(model, request=None):
    """The URL of the first live page of `model`, or "" when there is none."""
    page = model.objects.live().first()
    return (page.get_url(request) or "") if page else ""
