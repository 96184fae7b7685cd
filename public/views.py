from django.core.paginator import Paginator
from django.shortcuts import render

from .selectors import published_petitions, published_recommendations, published_sessions

PETITIONS_PER_PAGE = 20
RECOMMENDATIONS_SHOWN = 200


def outcomes(request):
    """The public outcomes page: no login, nothing personal (dân chủ, công khai, minh bạch)."""
    page = Paginator(published_petitions(), PETITIONS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "public/outcomes.html",
        {
            "sessions": published_sessions(),
            "page": page,
            "petitions": page.object_list,
            "recommendations": published_recommendations()[:RECOMMENDATIONS_SHOWN],
        },
    )
