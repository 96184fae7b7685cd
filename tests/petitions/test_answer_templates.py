"""Answer templates: blanks filled when a template is chosen; an answer still holding a blank is never saved."""

import html
import json
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from petitions import services
from petitions.demo import TEMPLATES
from petitions.models import Answer, AnswerTemplate


@pytest.fixture
def templates(reference):
    return [AnswerTemplate.objects.create(title=title, text=text) for title, _topic, text in TEMPLATES]


def _picker_texts(page: str, name: str) -> dict[str, str]:
    """The template texts the page's picker (select ``name``) copies into the answer."""
    select = re.search(rf'<select name="{name}"[^>]*>', page).group(0)
    return json.loads(html.unescape(re.search(r'data-answer-templates="([^"]*)"', select).group(1)))


def test_demo_templates_blanks_are_filled_for_the_assignment(assigned, templates, departments, units):
    assignment = assigned.assignments.get()
    today = timezone.localdate().strftime("%d/%m/%Y")

    filled = services.answer_templates_for(assignment, templates)

    assert filled[str(templates[0].pk)].endswith(f"trước ngày {today}.")
    # The competent authority is not known yet: that blank stays for the writer.
    assert "thuộc thẩm quyền của {cơ quan}." in filled[str(templates[1].pk)]
    text = "{Đơn vị} kiến nghị; {sở} trả lời ngày {ngay} về {mã}, gửi {cơ quan}."
    assert services.fill_answer_template(text, assignment=assignment, forwarded_authority="UBND tỉnh") == (
        f"{units['a1'].name} kiến nghị; {departments['x'].name} trả lời ngày {today} về {assigned.code}, gửi UBND tỉnh."
    )


def test_portal_answer_page_offers_filled_templates(assigned, templates, client_for):
    assignment = assigned.assignments.get()
    page = client_for("rep_x").get(reverse("petitions:answer", args=[assigned.pk, assignment.pk])).content.decode()

    texts = _picker_texts(page, "template")
    assert texts[str(templates[0].pk)].endswith(f"trước ngày {timezone.localdate():%d/%m/%Y}.")
    assert 'data-answer-target="id_text"' in page


def test_portal_answer_with_a_blank_is_refused_naming_it(assigned, templates, client_for):
    assignment = assigned.assignments.get()
    url = reverse("petitions:answer", args=[assigned.pk, assignment.pk])
    text = services.answer_templates_for(assignment, templates)[str(templates[1].pk)]

    response = client_for("rep_x").post(url, {"text": text, "method": "forwarded", "forwarded_authority": "UBND"})

    assert response.status_code == 200
    assert "Chưa điền chỗ trống {cơ quan}." in response.content.decode()
    assert not Answer.objects.exists()
    response = client_for("rep_x").post(
        url, {"text": text.replace("{cơ quan}", "UBND tỉnh"), "method": "forwarded", "forwarded_authority": "UBND"}
    )
    assert response.status_code == 302
    assert Answer.objects.get().text.startswith("Nội dung kiến nghị thuộc thẩm quyền của UBND tỉnh.")


def _inline(petition, assignment, **answer):
    return {
        "assignments-TOTAL_FORMS": "1",
        "assignments-INITIAL_FORMS": "1",
        "assignments-MIN_NUM_FORMS": "0",
        "assignments-MAX_NUM_FORMS": "1000",
        "assignments-0-id": str(assignment.pk),
        "assignments-0-petition": str(petition.pk),
        **{f"assignments-0-{key}": value for key, value in answer.items()},
    }


def test_admin_answer_form_has_the_same_picker_and_refuses_a_blank(assigned, templates, client_for):
    assignment = assigned.assignments.get()
    client = client_for("rep_x")
    url = reverse("admin:petitions_petition_change", args=[assigned.pk])

    page = client.get(url).content.decode()
    assert _picker_texts(page, "assignments-0-answer_template") == services.answer_templates_for(assignment, templates)
    assert 'data-answer-target="id_assignments-0-answer_text"' in page
    assert "js/petitions.js" in page

    response = client.post(
        url, _inline(assigned, assignment, answer_text="Trả lời trước {ngày}.", answer_method="in_writing")
    )
    assert response.status_code == 200
    assert "Chưa điền chỗ trống {ngày}." in response.content.decode()
    assert not Answer.objects.exists()


def test_admin_picking_a_template_alone_saves_nothing_and_no_error(assigned, templates, client_for):
    assignment = assigned.assignments.get()
    url = reverse("admin:petitions_petition_change", args=[assigned.pk])
    response = client_for("rep_x").post(url, _inline(assigned, assignment, answer_template=str(templates[2].pk)))
    assert response.status_code == 302
    assert not Answer.objects.exists()


def test_the_service_refuses_a_blank_whoever_calls_it(assigned, users):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        services.answer_assignment(
            assignment=assigned.assignments.get(), actor=users["staff"], text="Gửi {đơn vị}", method="in_writing"
        )
    assert error.value.message_dict == {"text": ["Chưa điền chỗ trống {đơn vị}."]}
