"""{% may_publish request.user as can_publish %}: the publish panel shows only to those the policy lets publish."""

from django import template

from dialogue_portal import policy

register = template.Library()


@register.simple_tag
def may_publish(user) -> bool:
    return policy.may_publish(user)
