"""Routing a section index to its children in one query."""


class ChildInOneQueryMixin:
    """For an index page whose `subpage_types` is one page type: Wagtail's default route asks
    for the child page, then again for its own fields; this asks once. Anything else goes
    Wagtail's way (and 404s)."""

    def route(self, request, path_components):
        if path_components:
            (child_model,) = self.allowed_subpage_models()
            children = child_model.objects.child_of(self).filter(slug=path_components[0])
            child = children.order_by().first()
            if child is not None:
                return child.route(request, path_components[1:])
        return super().route(request, path_components)
