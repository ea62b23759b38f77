"""Extension point for the programs built on stories.

The meeting packs and campaigns apps sit above `stories`, so the story page does not name them.
Functions registered for `own_it_story_page_panels` take the request and the story and return a
laces Component (with an `order`) or None; the story page renders them under the story.
"""

from wagtail import hooks

STORY_PAGE_PANELS_HOOK = "own_it_story_page_panels"


def story_page_panels(request, story):
    panels = [p for fn in hooks.get_hooks(STORY_PAGE_PANELS_HOOK) if (p := fn(request, story))]
    return sorted(panels, key=lambda panel: getattr(panel, "order", 100))


# Functions registered for `own_it_story_listing_panels` take the request and the listing
# (stories.listings.StoryListing: its `followable` says which tag or team it is about) and return
# a laces Component or None; tag pages, team pages and the index render them under the heading.
STORY_LISTING_PANELS_HOOK = "own_it_story_listing_panels"


def story_listing_panels(request, listing):
    hooked = hooks.get_hooks(STORY_LISTING_PANELS_HOOK)
    panels = [p for fn in hooked if (p := fn(request, listing))]
    return sorted(panels, key=lambda panel: getattr(panel, "order", 100))
