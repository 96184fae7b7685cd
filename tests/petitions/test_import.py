"""Import from .xlsx/.csv: checked row by row, all or nothing, huge and broken files refused at once."""

import csv
import io
import resource
import threading
import zipfile
from contextlib import contextmanager

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from petitions.models import Petition

HEADER = [
    "Loại (ý kiến, kiến nghị, thắc mắc, phản ánh)",
    "Tiêu đề",
    "Nội dung",
    "Lĩnh vực (cách nhau bởi dấu ;)",
    "Mã đơn vị",
    "Họ tên người nêu",
    "Điện thoại",
    "Dân tộc",
    "Khuyết tật (có/không)",
    "Nhóm đối tượng",
    "Số hội viên cùng nêu",
    "Ẩn danh (có/không)",
]


def _row(title, unit="a1", topics="Vay vốn khởi nghiệp", supporters=2):
    return [
        "kiến nghị",
        title,
        "Chị em cần hỗ trợ.",
        topics,
        unit,
        "Hồ Thị Lan",
        "0912",
        "Vân Kiều",
        "không",
        "",
        supporters,
        "không",
    ]


def _xlsx(rows, name="kien-nghi.xlsx"):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def _csv(rows, name="kien-nghi.csv", delimiter=","):
    text = io.StringIO()
    csv.writer(text, delimiter=delimiter).writerows([HEADER, *rows])
    return SimpleUploadedFile(name, text.getvalue().encode("utf-8-sig"))


def _check(client, upload):
    return client.post(reverse("petitions:import"), {"file": upload})


def test_one_bad_row_refuses_the_file_then_the_corrected_file_imports_whole(client_for):
    client = client_for("leader_a")
    rows = [_row("Vay vốn chăn nuôi"), _row("Nước sạch", topics="Thủy lợi"), _row("Học nghề may", unit="b1")]
    response = _check(client, _xlsx(rows))
    errors = {r.number: r.errors for r in response.context["bad"]}
    assert errors == {
        3: ["Lĩnh vực “Thủy lợi” không có trong danh mục."],
        4: ["Đơn vị “b1” không tồn tại hoặc không thuộc đơn vị của bạn."],
    }
    assert "Chưa nhập kiến nghị nào" in response.content.decode()
    assert client.post(reverse("petitions:import_confirm")).status_code == 302
    assert Petition.objects.count() == 0

    rows[1][3], rows[2][4] = "Vệ sinh môi trường", "a1x"
    response = _check(client, _xlsx(rows))
    assert response.context["ready"] is True
    assert Petition.objects.count() == 0  # the preview saves nothing
    client.post(reverse("petitions:import_confirm"))
    imported = list(
        Petition.objects.order_by("number").values_list("title", "unit__code", "status", "supporters_count")
    )
    assert imported == [
        ("Vay vốn chăn nuôi", "a1", "submitted", 2),
        ("Nước sạch", "a1", "submitted", 2),
        ("Học nghề may", "a1x", "submitted", 2),
    ]


@pytest.mark.parametrize("delimiter", [",", ";"])
def test_csv_imports_like_xlsx(client_for, delimiter):
    client = client_for("leader_a")
    rows = [_row("Vay vốn"), _row("Tín dụng đen", topics="Phòng ngừa tín dụng đen")]
    _check(client, _csv(rows, delimiter=delimiter))
    response = client.post(reverse("petitions:import_confirm"), follow=True)
    assert Petition.objects.count() == 2
    assert "Đã nhập 2 kiến nghị." in response.content.decode()


def test_downloaded_template_imports_its_example_row(client_for):
    client = client_for("leader_a")
    template = client.get(reverse("petitions:import_template"))
    assert load_workbook(io.BytesIO(template.content)).active["B1"].value == "Tiêu đề"
    response = _check(client, SimpleUploadedFile("mau.xlsx", template.content))
    assert (response.context["bad"], len(response.context["results"])) == ([], 1)


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            SimpleUploadedFile("hong.xlsx", b"PK\x03\x04 this is not a workbook"),
            "không phải bảng tính Excel (.xlsx) hợp lệ",
        ),
        (SimpleUploadedFile("hong.xlsx", b"\x00\x01garbage"), "không phải bảng tính Excel (.xlsx) hợp lệ"),
        (SimpleUploadedFile("rong.csv", b""), "Tập tin được gửi là rỗng."),
        (SimpleUploadedFile("latin.csv", "Tiêu đề".encode("utf-16")), "Tệp CSV phải được lưu dạng văn bản UTF-8."),
        (SimpleUploadedFile("sai.csv", b"a,b\n1,2\n"), "Dòng đầu tiên phải là tên các cột theo tệp mẫu"),
        (SimpleUploadedFile("to.csv", b"x" * (6 * 1024 * 1024)), "chỉ nhận tối đa 5,0\xa0MB"),
    ],
)
def test_broken_or_wrong_files_get_a_clear_message(client_for, upload, message):
    response = _check(client_for("leader_a"), upload)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Petition.objects.count() == 0


def test_a_csv_of_100000_rows_is_refused_at_once(client_for):
    rows = ["x,y,z"] * 100_000
    upload = SimpleUploadedFile("lon.csv", ("\n".join([",".join(HEADER), *rows])).encode())
    response = _check(client_for("leader_a"), upload)
    assert "Tệp có hơn 5000 dòng" in response.content.decode()


def test_an_xlsx_of_100000_rows_is_refused_at_once(client_for):
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(HEADER)
    for n in range(100_000):
        sheet.append([n])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = _check(client_for("leader_a"), SimpleUploadedFile("lon.xlsx", buffer.getvalue()))
    assert response.status_code == 200
    assert "Tệp có hơn 5000 dòng. Hãy chia thành nhiều tệp nhỏ hơn." in response.content.decode()
    assert Petition.objects.count() == 0


def test_department_cannot_import(client_for):
    assert client_for("rep_x").get(reverse("petitions:import")).status_code == 403


SHARED_STRINGS_TYPE = (
    b'<Override PartName="/xl/sharedStrings.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
)


def _shared_strings_bomb() -> bytes:
    """A real workbook whose shared strings unpack to 100 MB: a million strings of 80 letters."""
    buffer = io.BytesIO()
    workbook = Workbook()
    workbook.active.append(HEADER)
    workbook.active.append(["kiến nghị", "Tiêu đề", "Nội dung"])
    workbook.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "[Content_Types].xml":  # openpyxl finds the shared strings by their type
                data = data.replace(b"</Types>", SHARED_STRINGS_TYPE + b"</Types>")
            archive.writestr(info, data)
        with archive.open("xl/sharedStrings.xml", "w", force_zip64=True) as member:
            member.write(b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')
            strings = b"".join(b"<si><t>%s</t></si>" % (b"%08d" % n * 10) for n in range(10_000))
            for _ in range(100):
                member.write(strings)
            member.write(b"</sst>")
    return out.getvalue()


def _rss_bytes() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize()


@contextmanager
def _peak_rss_growth():
    """Yield a dict whose "bytes" is, afterwards, the most the process's RSS grew meanwhile (sampled every 5 ms)."""
    before, result, done = _rss_bytes(), {"bytes": 0}, threading.Event()

    def sample():
        while not done.is_set():
            result["bytes"] = max(result["bytes"], _rss_bytes() - before)
            done.wait(0.005)

    sampler = threading.Thread(target=sample)
    sampler.start()
    try:
        yield result
    finally:
        done.set()
        sampler.join()
        result["bytes"] = max(result["bytes"], _rss_bytes() - before)


def test_a_shared_strings_bomb_is_refused_before_it_is_read(client_for):
    client = client_for("leader_a")
    upload = SimpleUploadedFile("bom.xlsx", _shared_strings_bomb())
    assert upload.size < 5 * 1024 * 1024  # under the upload limit, 96 MB unpacked

    with _peak_rss_growth() as growth:
        response = _check(client, upload)

    assert response.status_code == 200
    assert "Bảng tính khi giải nén nặng 91,6\xa0MB; chỉ nhận tối đa 30,0\xa0MB." in response.content.decode()
    assert growth["bytes"] < 50 * 1024 * 1024
    assert Petition.objects.count() == 0


def test_a_workbook_of_many_parts_is_refused(client_for):
    buffer = io.BytesIO(_xlsx([_row("Vay vốn")]).read())
    with zipfile.ZipFile(buffer, "a") as archive:
        for n in range(300):
            archive.writestr(f"xl/media/image{n}.png", b"x")
    response = _check(client_for("leader_a"), SimpleUploadedFile("nhieu.xlsx", buffer.getvalue()))
    assert "Bảng tính có 309 phần; chỉ nhận tối đa 200 phần." in response.content.decode()


def test_a_small_part_packed_like_a_bomb_is_refused(client_for):
    buffer = io.BytesIO(_xlsx([_row("Vay vốn")]).read())
    with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/anh.bin", b"\x00" * (5 * 1024 * 1024))
    response = _check(client_for("leader_a"), SimpleUploadedFile("nen.xlsx", buffer.getvalue()))
    assert "Một phần của bảng tính khi giải nén lớn gấp" in response.content.decode()
    assert "(tối đa 200 lần)" in response.content.decode()
