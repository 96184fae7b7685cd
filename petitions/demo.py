# ruff: noqa: E501 -- demo data: long Vietnamese sentences read better unbroken
"""Demo petitions from the Quảng Trị dialogues, in every status, for `manage.py seed_demo`."""

from datetime import timedelta

from django.utils import timezone

from dialogue_portal.directory.models import Department, ParticipantGroup, TopicCategory
from dialogue_portal.directory.workdays import add_working_days

from . import pagecache, services
from .models import AnswerMethod, AnswerTemplate, Assignment, Petition, PetitionKind, PetitionStatus

K = PetitionKind
S = PetitionStatus

# unit, kind, topics, title, content, petitioner (name, phone, ethnicity, disability, group), anonymous,
# supporters, status to reach, departments, answer
PETITIONS = [
    (
        "ta-rut-ch1",
        K.RECOMMENDATION,
        ["vay-von-khoi-nghiep"],
        "Tăng mức vay vốn khởi nghiệp cho phụ nữ dân tộc thiểu số",
        "Nhiều chị em người Vân Kiều, Pa Kô ở thôn Vùng Kho muốn mở rộng mô hình nuôi bò sinh sản nhưng mức vay 50 triệu đồng chưa đủ. Đề nghị nâng mức vay và kéo dài thời hạn lên 60 tháng.",
        ("Hồ Thị Xuân", "0915 234 118", "Vân Kiều", False, "phu-nu-dan-toc-thieu-so"),
        False,
        12,
        S.ANSWERED,
        ["ldtbxh"],
        "Sở LĐ-TB&XH đã phối hợp Ngân hàng Chính sách xã hội tỉnh rà soát; từ quý I/2025 mức cho vay hỗ trợ tạo việc làm tối đa 100 triệu đồng/hộ, thời hạn đến 120 tháng. Đề nghị Hội LHPN xã lập danh sách gửi Phòng giao dịch NHCSXH huyện.",
    ),
    (
        "linh-truong-ch1",
        K.QUESTION,
        ["bhxh-bhyt"],
        "Điều kiện hưởng lương hưu theo Luật Bảo hiểm xã hội sửa đổi",
        "Chị em lao động tự do hỏi: theo Luật BHXH năm 2024, đóng bảo hiểm xã hội tự nguyện bao nhiêu năm thì được hưởng lương hưu? Có được Nhà nước hỗ trợ tiền đóng không?",
        ("Nguyễn Thị Hằng", "0983 556 201", "Kinh", False, "phu-nu-nong-thon"),
        False,
        25,
        S.RESOLVED,
        ["bhxh"],
        "Từ 01/7/2025, người tham gia BHXH tự nguyện đủ 15 năm đóng (thay vì 20 năm) và đủ tuổi nghỉ hưu thì được hưởng lương hưu. Ngân sách hỗ trợ 30% mức đóng cho hộ nghèo, 25% cho hộ cận nghèo, 10% cho đối tượng khác. BHXH huyện Gio Linh sẽ tổ chức tuyên truyền tại xã Linh Trường.",
    ),
    (
        "gio-son",
        K.RECOMMENDATION,
        ["tieu-thu-san-pham"],
        "Hỗ trợ tiêu thụ sản phẩm OCOP nước mắm Gio Sơn",
        "Tổ hợp tác nữ sản xuất nước mắm truyền thống đã đạt OCOP 3 sao nhưng đầu ra bấp bênh. Đề nghị Sở Công thương hỗ trợ đưa sản phẩm vào hệ thống siêu thị và sàn thương mại điện tử.",
        ("Lê Thị Thu", "0935 112 447", "Kinh", False, "nu-doanh-nhan"),
        False,
        8,
        S.ASSIGNED,
        ["cong-thuong"],
        "",
    ),
    (
        "ta-rut",
        K.COMPLAINT,
        ["tin-dung-den"],
        "Tín dụng đen cho vay qua ứng dụng điện thoại",
        "Một số chị em bị dụ vay tiền qua ứng dụng trên điện thoại với lãi suất rất cao, sau đó bị gọi điện đe dọa, bôi nhọ trên mạng xã hội. Đề nghị công an vào cuộc xử lý và tuyên truyền cho bà con.",
        ("Hồ Thị Lài", "0911 870 332", "Pa Kô", False, "phu-nu-dan-toc-thieu-so"),
        True,
        6,
        S.ASSIGNED,
        ["cong-an"],
        "",
    ),
    (
        "a-ngo",
        K.RECOMMENDATION,
        ["dao-tao-nghe"],
        "Mở lớp dạy nghề dệt thổ cẩm tại xã A Ngo",
        "Nghề dệt thổ cẩm của người Tà Ôi đang mai một, lớp trẻ ít người biết dệt. Đề nghị mở lớp đào tạo nghề ngắn hạn có hỗ trợ tiền ăn cho học viên và kết nối tiêu thụ sản phẩm.",
        ("Căn Thị Nhi", "0974 220 915", "Tà Ôi", False, "phu-nu-dan-toc-thieu-so"),
        False,
        15,
        S.FORWARDED,
        ["ldtbxh", "ban-dan-toc"],
        "Nội dung đã được tổng hợp, trình UBND tỉnh xem xét bố trí kinh phí từ Chương trình MTQG phát triển KT-XH vùng đồng bào DTTS năm 2025.",
    ),
    (
        "linh-truong",
        K.OPINION,
        ["bao-luc-gia-dinh"],
        "Thành lập địa chỉ tin cậy phòng chống bạo lực gia đình ở thôn",
        "Chị em đánh giá cao mô hình địa chỉ tin cậy nhưng hiện cả xã mới có một điểm, xa các thôn. Đề nghị mỗi thôn có một địa chỉ tin cậy và được hỗ trợ kinh phí hoạt động.",
        ("", "", "", False, "chi-hoi-truong"),
        False,
        30,
        S.CLOSED,
        ["ldtbxh"],
        "Sở LĐ-TB&XH (nay là Sở Nội vụ tiếp nhận chức năng) sẽ hướng dẫn UBND xã lồng ghép kinh phí từ Dự án 8 để nhân rộng địa chỉ tin cậy đến các thôn trong năm 2025.",
    ),
    (
        "gio-linh",
        K.RECOMMENDATION,
        ["xuat-khau-lao-dong"],
        "Thông tin minh bạch về xuất khẩu lao động sang Nhật Bản",
        "Nhiều gia đình có con em muốn đi làm việc tại Nhật Bản nhưng không phân biệt được doanh nghiệp được cấp phép với môi giới trái phép. Đề nghị công khai danh sách doanh nghiệp và chi phí hợp pháp.",
        ("Trần Thị Mỹ", "0905 661 078", "Kinh", False, "phu-nu-nong-thon"),
        False,
        18,
        S.ANSWERED,
        ["ldtbxh"],
        "Danh sách doanh nghiệp được cấp phép đưa người lao động đi làm việc ở nước ngoài được công bố trên Cổng thông tin của Cục Quản lý lao động ngoài nước; mức phí dịch vụ không quá một tháng lương theo hợp đồng. Sở sẽ gửi danh sách đến Hội LHPN huyện để thông tin cho hội viên.",
    ),
    (
        "ta-rut-ch1",
        K.RECOMMENDATION,
        ["ve-sinh-moi-truong"],
        "Xây nhà vệ sinh hợp vệ sinh cho hộ nghèo",
        "Thôn còn nhiều hộ nghèo chưa có nhà vệ sinh hợp vệ sinh, ảnh hưởng sức khỏe phụ nữ và trẻ em. Đề nghị hỗ trợ vật liệu xây dựng, hội viên góp ngày công.",
        ("Hồ Thị Pên", "", "Vân Kiều", False, "phu-nu-dan-toc-thieu-so"),
        False,
        20,
        S.RECEIVED,
        [],
        "",
    ),
    (
        "dakrong",
        K.QUESTION,
        ["bhxh-bhyt"],
        "Thẻ bảo hiểm y tế của người dân tộc thiểu số hết hạn",
        "Sau khi xã ra khỏi danh sách xã đặc biệt khó khăn, nhiều chị em không còn được cấp thẻ BHYT miễn phí. Chị em hỏi có chính sách hỗ trợ chuyển tiếp không?",
        ("", "", "Pa Kô", False, "phu-nu-dan-toc-thieu-so"),
        False,
        40,
        S.ASSIGNED,
        ["bhxh", "y-te"],
        "",
    ),
    (
        "gio-son",
        K.RECOMMENDATION,
        ["an-toan-thuc-pham"],
        "Tập huấn an toàn thực phẩm cho bếp ăn trường mầm non",
        "Các chị em nấu ăn tại bếp ăn tập thể của trường mầm non chưa được tập huấn, cấp giấy xác nhận kiến thức an toàn thực phẩm. Đề nghị ngành y tế tổ chức tập huấn tại xã.",
        ("Phan Thị Nga", "0944 103 558", "Kinh", False, "phu-nu-nong-thon"),
        False,
        5,
        S.SUBMITTED,
        [],
        "",
    ),
    (
        "linh-truong-ch1",
        K.OPINION,
        ["can-bo-nu"],
        "Tỷ lệ cán bộ nữ trong cấp ủy cơ sở",
        "Hội viên mong tỉnh có chỉ tiêu cụ thể về tỷ lệ nữ tham gia cấp ủy, HĐND cấp xã và có chính sách đào tạo nguồn cán bộ nữ trẻ.",
        ("", "", "", False, "chi-hoi-truong"),
        False,
        9,
        S.ASSIGNED,
        ["noi-vu"],
        "",
    ),
    (
        "a-ngo",
        K.COMPLAINT,
        ["te-nan-xa-hoi"],
        "Tụ tập uống rượu, cờ bạc gần khu dân cư",
        "Ở khu vực chợ xã thường xuyên có nhóm thanh niên tụ tập uống rượu, đánh bạc đến khuya, gây mất an ninh trật tự, chị em đi làm về tối rất lo lắng.",
        ("Kray Thị Liên", "0967 318 204", "Tà Ôi", False, "phu-nu-dan-toc-thieu-so"),
        True,
        11,
        S.RESOLVED,
        ["cong-an"],
        "Công an huyện Đakrông đã chỉ đạo Công an xã A Ngo tăng cường tuần tra, xử phạt hành chính 2 trường hợp, đồng thời phối hợp Hội Phụ nữ tuyên truyền tại các thôn.",
    ),
    (
        "gio-linh",
        K.RECOMMENDATION,
        ["dao-tao-nghe", "lao-dong-viec-lam"],
        "Đào tạo nghề may công nghiệp gắn với việc làm tại chỗ",
        "Đề nghị phối hợp với các doanh nghiệp may trong khu công nghiệp Quán Ngang mở lớp đào tạo nghề may cho lao động nữ nông thôn và cam kết tuyển dụng sau đào tạo.",
        ("Võ Thị Hạnh", "0898 412 660", "Kinh", False, "lanh-dao-huyen"),
        False,
        22,
        S.ANSWERED,
        ["ldtbxh", "cong-thuong"],
        "Sở đã làm việc với 2 doanh nghiệp may; dự kiến mở 2 lớp may công nghiệp (35 học viên/lớp) trong quý II, học viên được hỗ trợ học phí theo Quyết định 46/2015/QĐ-TTg.",
    ),
    (
        "ta-rut",
        K.RECOMMENDATION,
        ["vay-von-khoi-nghiep"],
        "Thủ tục vay vốn còn phức tạp",
        "Hồ sơ vay vốn còn nhiều giấy tờ, chị em ở vùng cao phải đi lại nhiều lần. Đề nghị ngân hàng tổ chức giao dịch lưu động tại xã.",
        ("Hồ Thị Bích", "0912 345 678", "Vân Kiều", False, "phu-nu-dan-toc-thieu-so"),
        False,
        3,
        S.RETURNED,
        [],
        "",
    ),
    (
        "gio-son",
        K.OPINION,
        ["ve-sinh-moi-truong"],
        "Ý kiến về thu gom rác thải ở bãi biển",
        "Nội dung chưa rõ địa điểm cụ thể.",
        ("", "", "", False, None),
        False,
        1,
        S.REJECTED,
        [],
        "",
    ),
    (
        "linh-truong",
        K.QUESTION,
        ["bhxh-bhyt"],
        "Hưởng bảo hiểm xã hội một lần",
        "Chị em công nhân nghỉ việc hỏi khi nào được nhận BHXH một lần theo luật mới và có bị ảnh hưởng đến lương hưu sau này không?",
        ("Đặng Thị Lụa", "0356 908 121", "Kinh", False, "phu-nu-nong-thon"),
        False,
        14,
        S.ASSIGNED,
        ["bhxh"],
        "",
    ),
    (
        "a-ngo",
        K.RECOMMENDATION,
        ["tieu-thu-san-pham"],
        "Kết nối tiêu thụ chuối, sắn cho hợp tác xã phụ nữ",
        "Giá chuối và sắn xuống thấp, thương lái ép giá. Đề nghị ngành nông nghiệp hỗ trợ liên kết với doanh nghiệp chế biến, bao tiêu sản phẩm.",
        ("Hồ Thị Vân", "0976 554 210", "Vân Kiều", False, "phu-nu-dan-toc-thieu-so"),
        False,
        16,
        S.ASSIGNED,
        ["nn-ptnt"],
        "",
    ),
    (
        "gio-linh",
        K.RECOMMENDATION,
        ["can-bo-nu"],
        "Chế độ phụ cấp cho chi hội trưởng phụ nữ",
        "Phụ cấp chi hội trưởng hiện rất thấp, không tương xứng với khối lượng công việc. Đề nghị tỉnh nâng mức phụ cấp.",
        ("", "", "", False, "chi-hoi-truong"),
        False,
        35,
        S.DRAFT,
        [],
        "",
    ),
    (
        "ta-rut-ch1",
        K.QUESTION,
        ["dao-tao-nghe"],
        "Hỗ trợ học phí cho con em học nghề",
        "Gia đình có con học trung cấp nghề ở thành phố hỏi có được miễn giảm học phí và hỗ trợ chi phí sinh hoạt không?",
        ("Hồ Văn Thắm", "0917 662 013", "Vân Kiều", False, "phu-nu-dan-toc-thieu-so"),
        False,
        4,
        S.ASSIGNED,
        ["gd-dt", "ldtbxh"],
        "",
    ),
    (
        "gio-son",
        K.COMPLAINT,
        ["an-toan-thuc-pham"],
        "Thực phẩm không rõ nguồn gốc bán trước cổng trường",
        "Trước cổng trường tiểu học có nhiều hàng quà bánh không nhãn mác, trẻ em ăn bị đau bụng. Đề nghị kiểm tra, xử lý.",
        ("Nguyễn Thị Mai", "0983 441 902", "Kinh", False, "phu-nu-nong-thon"),
        True,
        7,
        S.ANSWERED,
        ["y-te"],
        "Đoàn kiểm tra liên ngành về an toàn thực phẩm huyện Gio Linh đã kiểm tra, tiêu hủy hàng hóa không rõ nguồn gốc và nhắc nhở các hộ kinh doanh; sẽ kiểm tra định kỳ hằng tháng.",
    ),
    (
        "linh-truong-ch1",
        K.RECOMMENDATION,
        ["vay-von-khoi-nghiep"],
        "Vay vốn khởi nghiệp cho phụ nữ khuyết tật",
        "Chị em khuyết tật muốn mở cửa hàng tạp hóa, may vá tại nhà nhưng khó tiếp cận vốn vay. Đề nghị có gói vay riêng, thủ tục đơn giản.",
        ("Trương Thị Yến", "0369 120 775", "Kinh", True, "phu-nu-khuyet-tat"),
        False,
        2,
        S.RECEIVED,
        [],
        "",
    ),
    (
        "dakrong",
        K.RECOMMENDATION,
        ["lao-dong-viec-lam"],
        "Việc làm cho lao động nữ trở về từ nước ngoài",
        "Nhiều chị em đi xuất khẩu lao động về nước chưa tìm được việc làm phù hợp với kinh nghiệm. Đề nghị tổ chức phiên giao dịch việc làm tại huyện.",
        ("", "", "", False, "lanh-dao-huyen"),
        False,
        10,
        S.SUBMITTED,
        [],
        "",
    ),
    (
        "a-ngo",
        K.RECOMMENDATION,
        ["vay-von-khoi-nghiep"],
        "Nâng mức vay vốn cho hội viên dân tộc thiểu số",
        "Đề nghị tăng mức vay vốn ưu đãi cho chị em dân tộc thiểu số phát triển chăn nuôi (trùng nội dung đã gửi từ xã Tà Rụt).",
        ("", "", "Pa Kô", False, "phu-nu-dan-toc-thieu-so"),
        False,
        9,
        S.MERGED,
        [],
        "",
    ),
    (
        "ta-rut",
        K.QUESTION,
        ["bao-luc-gia-dinh"],
        "Quy trình hỗ trợ nạn nhân bạo lực gia đình",
        "Khi phát hiện có chị em bị chồng đánh, chi hội cần báo cho ai và nạn nhân được hỗ trợ chỗ ở tạm thời ở đâu?",
        ("", "", "", False, "chi-hoi-truong"),
        True,
        1,
        S.ANSWERED,
        ["cong-an", "ldtbxh"],
        "Người phát hiện báo ngay cho Công an xã, Trưởng thôn hoặc gọi 111 (tổng đài bảo vệ trẻ em) / 113. Nạn nhân được bố trí nơi tạm lánh tại địa chỉ tin cậy hoặc UBND xã, được hỗ trợ tư vấn, chăm sóc y tế miễn phí.",
    ),
    (
        "gio-linh",
        K.RECOMMENDATION,
        ["lao-dong-viec-lam"],
        "Hỗ trợ phụ nữ sau sinh quay lại thị trường lao động",
        "Nhiều chị em sau sinh con thứ hai nghỉ việc ở doanh nghiệp, khó xin việc trở lại. Đề nghị có chương trình tư vấn, giới thiệu việc làm bán thời gian.",
        ("Lê Thị Hoài", "0934 200 819", "Kinh", False, "phu-nu-nong-thon"),
        False,
        6,
        S.SUBMITTED,
        [],
        "",
    ),
    (
        "ta-rut-ch1",
        K.QUESTION,
        ["xuat-khau-lao-dong"],
        "Vay vốn đi làm việc ở nước ngoài theo hợp đồng",
        "Con em hộ nghèo người dân tộc thiểu số muốn đi làm việc tại Hàn Quốc hỏi có được vay vốn ưu đãi để đóng chi phí không, mức vay bao nhiêu?",
        ("Hồ Thị Sen", "0917 330 552", "Vân Kiều", False, "phu-nu-dan-toc-thieu-so"),
        False,
        5,
        S.ANSWERED,
        ["ldtbxh"],
        "Người lao động thuộc hộ nghèo, cận nghèo, người dân tộc thiểu số được vay tối đa 100% chi phí theo hợp đồng tại Ngân hàng Chính sách xã hội, không cần tài sản bảo đảm với khoản vay đến 100 triệu đồng.",
    ),
    (
        "linh-truong",
        K.RECOMMENDATION,
        ["an-toan-thuc-pham"],
        "Cấp giấy chứng nhận cho cơ sở làm bánh truyền thống",
        "Các hộ làm bánh ướt, bánh ít lá gai muốn được hướng dẫn thủ tục cấp giấy chứng nhận đủ điều kiện an toàn thực phẩm để đưa sản phẩm vào cửa hàng.",
        ("Phạm Thị Hương", "0905 774 311", "Kinh", False, "nu-doanh-nhan"),
        False,
        4,
        S.ASSIGNED,
        ["y-te", "cong-thuong"],
        "",
    ),
    (
        "dakrong",
        K.COMPLAINT,
        ["bhxh-bhyt"],
        "Chậm cấp lại thẻ bảo hiểm y tế bị mất",
        "Một số chị em làm thủ tục cấp lại thẻ BHYT đã hơn một tháng vẫn chưa nhận được, khi đi khám bệnh phải tự trả tiền.",
        ("", "", "Pa Kô", False, "phu-nu-dan-toc-thieu-so"),
        True,
        8,
        S.RESOLVED,
        ["bhxh"],
        "BHXH huyện Đakrông đã rà soát, cấp lại 27 thẻ và hướng dẫn người dân dùng ứng dụng VssID thay thẻ giấy khi đi khám chữa bệnh; chi phí đã tự trả được thanh toán lại theo quy định.",
    ),
    (
        "gio-son",
        K.RECOMMENDATION,
        ["can-bo-nu"],
        "Bồi dưỡng kỹ năng cho nữ đại biểu HĐND xã",
        "Đề nghị tổ chức lớp bồi dưỡng kỹ năng chất vấn, tiếp xúc cử tri cho nữ đại biểu HĐND cấp xã nhiệm kỳ mới.",
        ("", "", "", False, "chu-tich-hoi-xa"),
        False,
        12,
        S.RECEIVED,
        [],
        "",
    ),
    (
        "a-ngo",
        K.OPINION,
        ["ve-sinh-moi-truong"],
        "Mô hình thu gom rác thải nhựa đổi quà",
        "Chi hội đề xuất nhân rộng mô hình “Đổi rác thải nhựa lấy quà” và được hỗ trợ thùng phân loại rác tại các điểm trường.",
        ("", "", "", False, "chi-hoi-truong"),
        False,
        21,
        S.CLOSED,
        ["nn-ptnt"],
        "Sở NN&PTNT ghi nhận, sẽ hỗ trợ 20 bộ thùng phân loại rác từ nguồn kinh phí nông thôn mới năm 2025 cho các xã vùng cao huyện Đakrông.",
    ),
    (
        "linh-truong-ch1",
        K.QUESTION,
        ["tin-dung-den"],
        "Nhận biết cho vay nặng lãi qua mạng",
        "Hội viên hỏi làm sao phân biệt ứng dụng cho vay hợp pháp với tín dụng đen, và khi bị đòi nợ đe dọa thì báo cho ai?",
        ("Ngô Thị Thắm", "0386 552 940", "Kinh", False, "phu-nu-nong-thon"),
        False,
        13,
        S.ASSIGNED,
        ["cong-an"],
        "",
    ),
    (
        "ta-rut",
        K.RECOMMENDATION,
        ["dao-tao-nghe"],
        "Lớp trồng và chế biến dược liệu dưới tán rừng",
        "Đề nghị mở lớp đào tạo trồng sâm, cà gai leo dưới tán rừng và hỗ trợ giống ban đầu cho các tổ hợp tác phụ nữ.",
        ("Hồ Thị Tâm", "0911 405 667", "Vân Kiều", False, "phu-nu-dan-toc-thieu-so"),
        False,
        17,
        S.FORWARDED,
        ["nn-ptnt"],
        "Nội dung vượt thẩm quyền của Sở, đã chuyển UBND tỉnh đề nghị đưa vào kế hoạch phát triển dược liệu giai đoạn 2025–2030.",
    ),
]

TEMPLATES = [
    (
        "Đã tiếp nhận, đang nghiên cứu",
        None,
        "Sở đã tiếp nhận kiến nghị và đang phối hợp các đơn vị liên quan nghiên cứu, sẽ trả lời bằng văn bản trước ngày {ngày}.",
    ),
    (
        "Chuyển cơ quan có thẩm quyền",
        None,
        "Nội dung kiến nghị thuộc thẩm quyền của {cơ quan}. Sở đã chuyển văn bản đề nghị xem xét, giải quyết và sẽ thông báo kết quả đến Hội LHPN tỉnh.",
    ),
    (
        "Chính sách BHXH tự nguyện",
        "bhxh-bhyt",
        "Theo Luật Bảo hiểm xã hội năm 2024, người tham gia BHXH tự nguyện được Nhà nước hỗ trợ một phần tiền đóng; chi tiết xin liên hệ BHXH huyện nơi cư trú.",
    ),
]


def seed(context: dict) -> list[str]:
    """Create the demo petitions once (matched by title), mailing nobody; return nothing to print."""
    with services.notifications_muted():
        return _seed(context)


def _seed(context: dict) -> list[str]:
    users, units = context["users"], context["units"]
    staff = users["canbo"]
    for title, topic, text in TEMPLATES:
        AnswerTemplate.objects.get_or_create(
            title=title, defaults={"text": text, "topic": TopicCategory.objects.filter(code=topic).first()}
        )
    if Petition.objects.filter(title=PETITIONS[0][3]).exists():
        return []
    leader_for = {"gio-linh": users["gio_linh"], "dakrong": users["dakrong"]}
    reps = {"ldtbxh": users["so_ldtbxh"], "bhxh": users["bhxh"]}
    now = timezone.now()
    kept = None
    for index, row in enumerate(PETITIONS):
        unit_code, kind, topics, title, content, who, anonymous, supporters, target, depts, answer = row
        unit = units[unit_code]
        leader = leader_for["gio-linh"] if unit.is_within(units["gio-linh"]) else leader_for["dakrong"]
        name, phone, ethnicity, disability, group = who
        petition = services.submit_petition(
            actor=leader,
            unit=unit,
            kind=kind,
            title=title,
            content=content,
            topics=TopicCategory.objects.filter(code__in=topics),
            petitioner_name=name,
            petitioner_phone=phone,
            petitioner_ethnicity=ethnicity,
            petitioner_has_disability=disability,
            participant_group=ParticipantGroup.objects.filter(code=group).first() if group else None,
            supporters_count=supporters,
            is_anonymous=anonymous,
            as_draft=target == S.DRAFT,
        )
        if index == 0:
            kept = petition
        _advance(petition, target, depts, answer, staff, reps, kept)
        # Spread submissions over the past weeks so "days waiting" and overdue read true.
        submitted = now - timedelta(days=3 + index * 2)
        Petition.objects.filter(pk=petition.pk).update(submitted_at=submitted, created_at=submitted)
    # Two assignments past their due date, so the overdue list and reminder have something to show.
    late = list(Assignment.objects.filter(status="pending").order_by("pk")[:2])
    for assignment in late:
        Assignment.objects.filter(pk=assignment.pk).update(due_date=timezone.localdate() - timedelta(days=3))
    services.refresh_next_due([a.petition_id for a in late])
    pagecache.petitions_changed(*(a.petition_id for a in late))  # a queryset update sends no signal
    _link_to_held_sessions()
    return []


def _link_to_held_sessions():
    """Answered petitions belong to the held session of the nearest unit above them, so its summary has content."""
    from dialogues.models import DialogueSession, SessionStatus

    held = list(DialogueSession.objects.filter(status=SessionStatus.HELD).select_related("host_unit"))
    answered = Petition.objects.filter(
        session__isnull=True, status__in=[S.ANSWERED, S.RESOLVED, S.FORWARDED]
    ).select_related("unit")
    for petition in answered:
        hosts = [s for s in held if petition.unit.is_within(s.host_unit)]
        if hosts:
            nearest = max(hosts, key=lambda s: len(s.host_unit.path))
            Petition.objects.filter(pk=petition.pk).update(session=nearest)


def _advance(petition, target, depts, answer, staff, reps, kept):
    if target in (S.DRAFT, S.SUBMITTED):
        return
    if target == S.RETURNED:
        services.transition(
            petition=petition,
            to_status=S.RETURNED,
            actor=staff,
            note="Đề nghị bổ sung tên ngân hàng, phòng giao dịch và số hộ có nhu cầu vay cụ thể.",
        )
        return
    if target == S.REJECTED:
        services.transition(
            petition=petition,
            to_status=S.REJECTED,
            actor=staff,
            note="Nội dung chưa rõ địa điểm, thời gian; đề nghị chi hội gửi lại kiến nghị cụ thể hơn.",
        )
        return
    if target == S.MERGED:
        services.merge_petitions(duplicate=petition, keep=kept, actor=staff)
        return
    services.transition(petition=petition, to_status=S.RECEIVED, actor=staff)
    if target == S.RECEIVED:
        return
    due = add_working_days(timezone.localdate(), 15)
    departments = [Department.objects.get(code=code) for code in depts]
    assignments = services.assign_petition(petition=petition, actor=staff, routes=[(d, due) for d in departments])
    if target == S.ASSIGNED:
        return
    for assignment in assignments:
        author = reps.get(assignment.department.code, staff)
        method = AnswerMethod.FORWARDED if target == S.FORWARDED else AnswerMethod.IN_WRITING
        services.answer_assignment(
            assignment=assignment,
            actor=author,
            text=answer,
            method=method,
            forwarded_authority="UBND tỉnh Quảng Trị" if target == S.FORWARDED else "",
        )
    if target in (S.RESOLVED, S.CLOSED):
        for assignment in assignments:
            services.mark_assignment(assignment=assignment, actor=staff, status="resolved")
    if target == S.CLOSED:
        services.transition(petition=petition, to_status=S.CLOSED, actor=staff, note="Đã trả lời đầy đủ tại hội nghị.")
