from django import template
from django.contrib.admin.templatetags.admin_list import admin_list_filter, result_headers, result_list

from dialogue_portal import admin_rows

register = template.Library()


@register.inclusion_tag("admin/change_list_results_written.html")
def written_result_list(cl):
    """``{% written_result_list cl %}``: Django's ``{% result_list cl %}``, its rows written in Python
    (see dialogue_portal/admin_rows.py)."""
    written = admin_rows.rows(cl)
    if written is None:
        return {**result_list(cl), "written_rows": None}
    headers = list(result_headers(cl))
    return {
        "cl": cl,
        "result_hidden_fields": [],  # only editable lists have them, and those keep Django's rows
        "result_headers": headers,
        "num_sorted_fields": sum(1 for header in headers if header["sortable"] and header["sorted"]),
        "results": cl.result_list,
        "written_rows": written,
    }


@register.simple_tag
def written_list_filter(cl, spec):
    """``{% written_list_filter cl spec %}``: Django's ``{% admin_list_filter cl spec %}``, written in Python."""
    written = admin_rows.list_filter(cl, spec)
    return admin_list_filter(cl, spec) if written is None else written
