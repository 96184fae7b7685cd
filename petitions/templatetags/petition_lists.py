from django import template

from petitions.filter_form import form_html
from petitions.rows import rows_html

register = template.Library()


@register.filter
def bootstrap_fields(form, wrapper_class):
    """``{{ form|bootstrap_fields:"col-12 col-sm-6" }}``: each field laid out as crispy-forms would, quickly."""
    return form_html(form, wrapper_class)


@register.simple_tag
def petition_rows(rows, today, bulk_form):
    """``{% petition_rows rows today bulk_form %}``: the list's rows (see petitions/rows.py)."""
    return rows_html(rows, today=today, selectable=bool(bulk_form))
