from dialogue_portal import policy


def roles(request):
    """What the current user may do, for templates: ``{% if can.triage %}`` (the rules of ``policy``)."""
    return {"can": policy.capabilities(getattr(request, "user", None))}
