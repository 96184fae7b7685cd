from django import template

from petitions.filter_form import form_html

register = template.Library()


@register.filter
def bootstrap_fields(form, wrapper_class):
    """``{{ form|bootstrap_fields:"col-12 col-sm-6" }}``: each field laid out as crispy-forms would, quickly."""
    return form_html(form, wrapper_class)
