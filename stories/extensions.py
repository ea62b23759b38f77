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
