"""What keeps "Has this happened before?" up to date (stories/similar.py). Connected from
StoriesConfig.ready().

- A story published: its terms are stored from the published version; unpublished: removed
  (a deleted story's go with it).
- A mistake topic added, changed or deleted: every published story's terms are stored again,
  as a background task (it reads every story).
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished

from .models import MistakeTopic, StoryPage
from .similar import forget_story, index_story
from .tasks import index_similar_stories


def story_published(sender, instance, **kwargs):
    if instance.live:  # not when Wagtail only schedules it
        index_story(instance)


def story_unpublished(sender, instance, **kwargs):
    forget_story(instance.pk)


def topics_changed(sender, **kwargs):
    transaction.on_commit(index_similar_stories.enqueue)


def connect():
    page_published.connect(story_published, sender=StoryPage, dispatch_uid="stories.similar_pub")
    page_unpublished.connect(
        story_unpublished, sender=StoryPage, dispatch_uid="stories.similar_unpub"
    )
    post_save.connect(topics_changed, sender=MistakeTopic, dispatch_uid="stories.topic_saved")
    post_delete.connect(topics_changed, sender=MistakeTopic, dispatch_uid="stories.topic_gone")
