from django import template

from ..history import cached_times_discussed

register = template.Library()


@register.inclusion_tag("meetings/includes/discussed_in.html")
def discussed_in(story):
    """`{% discussed_in story %}`: "Discussed in N team meetings" (nothing before the first)."""
    return {"meetings": cached_times_discussed(story) if story and story.pk else 0}
