"""The title field of every Own It page, explained in Own It's words.

Wagtail's own help text ("The page title as you'd like it to be seen by the public") is wrong on
a private intranet; each page model says what its title is for instead.
"""

from wagtail.admin.panels import TitleFieldPanel


def title_panel(help_text):
    return TitleFieldPanel("title", help_text=help_text)
