"""Panels for the story editor in the Wagtail admin: the blameless check, and who wrote it.

Kept free of model imports at module level, because `StoryPage.content_panels` uses them while
the models are still being defined.
"""

from wagtail.admin.panels import Panel


class BlamelessCheckPanel(Panel):
    """The blameless check's notes on the story as it stands in the editor (the latest revision).

    The same check the author saw on the front-end form; it informs, it never blocks.
    """

    class BoundPanel(Panel.BoundPanel):
        template_name = "stories/admin/blameless_panel.html"

        def get_context_data(self, parent_context=None):
            from .blameless import CHECKED_FIELDS, check_story, count

            context = super().get_context_data(parent_context)
            findings = check_story(self.instance) if self.instance is not None else {}
            context["groups"] = [(CHECKED_FIELDS[name], items) for name, items in findings.items()]
            context["count"] = count(findings)
            return context


class AuthorPanel(Panel):
    """Who really wrote the story. Rendered for the Culture team only (and superusers).

    Moderators and everyone else get nothing at all in the HTML: for an anonymous story the page's
    owner, revisions and history show the placeholder "Anonymous", so this is the only place in
    the admin where the author appears.
    """

    class BoundPanel(Panel.BoundPanel):
        template_name = "stories/admin/author_panel.html"

        def is_shown(self):
            from home.roles import CULTURE_TEAM, user_has_role

            return (
                self.instance is not None
                and self.instance.pk is not None
                and self.request is not None
                and user_has_role(self.request.user, CULTURE_TEAM)
            )

        def get_context_data(self, parent_context=None):
            from .models import StoryAuthorship

            context = super().get_context_data(parent_context)
            context["authorship"] = (
                StoryAuthorship.objects.select_related("author")
                .filter(story_id=self.instance.pk)
                .first()
            )
            return context


class SimilarStoriesPanel(Panel):
    """ "Has this happened before?" for moderators: the story the author says this repeats, and
    up to five published stories about the same kind of mistake (stories/similar.py).

    It informs the "Repeat of" choice beside it; only that choice is counted and shown to readers.
    """

    class BoundPanel(Panel.BoundPanel):
        template_name = "stories/admin/similar_panel.html"

        def is_shown(self):
            return self.instance is not None and self.request is not None

        def get_context_data(self, parent_context=None):
            from .similar import similar_stories, story_text

            context = super().get_context_data(parent_context)
            story = self.instance
            context["suggested"] = (
                story.suggested_repeat_of if story.suggested_repeat_of_id else None
            )
            context["similar"] = similar_stories(self.request, *story_text(story), exclude=story.pk)
            return context
