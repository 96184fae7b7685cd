"""Vietnamese word pools for the generated petitions and sessions (with diacritics, as members write)."""

DISTRICTS = [
    ("dong-ha", "Hội LHPN thành phố Đông Hà"),
    ("quang-tri-tx", "Hội LHPN thị xã Quảng Trị"),
    ("vinh-linh", "Hội LHPN huyện Vĩnh Linh"),
    ("gio-linh", "Hội LHPN huyện Gio Linh"),
    ("cam-lo", "Hội LHPN huyện Cam Lộ"),
    ("trieu-phong", "Hội LHPN huyện Triệu Phong"),
    ("hai-lang", "Hội LHPN huyện Hải Lăng"),
    ("huong-hoa", "Hội LHPN huyện Hướng Hóa"),
    ("dakrong", "Hội LHPN huyện Đakrông"),
    ("con-co", "Hội LHPN huyện Cồn Cỏ"),
]

COMMUNE_NAMES = [
    "Linh Trường",
    "Gio Sơn",
    "Gio An",
    "Gio Hải",
    "Gio Mỹ",
    "Tà Rụt",
    "A Ngo",
    "Hướng Hiệp",
    "Ba Lòng",
    "Triệu Ái",
    "Triệu Thượng",
    "Hải Phú",
    "Hải Thượng",
    "Cam Thành",
    "Cam Hiếu",
    "Vĩnh Thủy",
    "Vĩnh Lâm",
    "Hướng Phùng",
    "Hướng Lập",
    "Tân Hợp",
    "Khe Sanh",
    "Lao Bảo",
    "Đông Lương",
    "Đông Thanh",
    "Hải Lệ",
    "Mò Ó",
    "Húc Nghì",
    "A Bung",
    "Pa Nang",
    "Krông Klang",
    "Triệu Độ",
    "Triệu Phước",
    "Hải Quy",
]

ETHNICITIES = ["Kinh", "Kinh", "Kinh", "Kinh", "Vân Kiều", "Pa Kô", "Tà Ôi", "Bru", "Chứt"]

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hồ", "Hoàng", "Võ", "Phan", "Đặng", "Bùi", "Đỗ", "Ngô", "Dương", "Lý"]
MIDDLE = ["Thị", "Thị", "Thị", "Thị Thu", "Thị Ngọc", "Thị Kim", "Thị Mỹ", "Thị Thanh"]
GIVEN = [
    "Hoa",
    "Lan",
    "Mai",
    "Hương",
    "Hằng",
    "Nga",
    "Thảo",
    "Yến",
    "Liên",
    "Nhung",
    "Phượng",
    "Trang",
    "Hạnh",
    "Loan",
    "Oanh",
    "Duyên",
    "Vân",
    "Tuyết",
    "Xuân",
    "Hiền",
    "Ánh",
    "Bích",
    "Diệu",
    "Khánh",
]

# Per topic code: opening phrases of a title and sentences of content.
TOPIC_TEXT = {
    "dao-tao-nghe": (
        [
            "Đề nghị mở lớp đào tạo nghề may cho phụ nữ",
            "Kiến nghị hỗ trợ học nghề chế biến nông sản",
            "Đề xuất đào tạo nghề chăn nuôi cho hội viên",
        ],
        [
            "Nhiều chị em ở thôn chưa có nghề ổn định, mong được học nghề ngắn hạn gần nhà.",
            "Đề nghị hỗ trợ chi phí đi lại cho học viên tham gia lớp đào tạo nghề.",
            "Sau khi học xong, chị em cần được giới thiệu việc làm phù hợp.",
        ],
    ),
    "lao-dong-viec-lam": (
        [
            "Kiến nghị tạo việc làm cho lao động nữ nông thôn",
            "Đề nghị giới thiệu việc làm tại khu công nghiệp",
            "Phản ánh thiếu việc làm sau mùa vụ",
        ],
        [
            "Sau mùa thu hoạch, nhiều phụ nữ không có việc làm và thu nhập.",
            "Đề nghị các doanh nghiệp ưu tiên tuyển lao động nữ tại địa phương.",
            "Chị em mong có thông tin tuyển dụng kịp thời qua Hội.",
        ],
    ),
    "xuat-khau-lao-dong": (
        [
            "Hỏi về thủ tục đi xuất khẩu lao động",
            "Đề nghị cảnh báo lừa đảo xuất khẩu lao động",
            "Kiến nghị hỗ trợ vay vốn đi làm việc ở nước ngoài",
        ],
        [
            "Nhiều gia đình muốn con em đi làm việc ở Nhật Bản, Hàn Quốc nhưng chưa rõ thủ tục.",
            "Có trường hợp bị môi giới thu tiền nhưng không được xuất cảnh.",
            "Đề nghị hỗ trợ vay vốn ưu đãi để người lao động đi xuất khẩu lao động.",
        ],
    ),
    "vay-von-khoi-nghiep": (
        [
            "Đề nghị tăng hạn mức vay vốn khởi nghiệp cho phụ nữ",
            "Kiến nghị đơn giản thủ tục vay vốn",
            "Hỏi về điều kiện vay vốn Ngân hàng Chính sách xã hội",
        ],
        [
            "Hạn mức vay vốn hiện nay chưa đủ để chị em mở rộng sản xuất.",
            "Thủ tục vay vốn còn phức tạp, nhiều hồ sơ phải đi lại nhiều lần.",
            "Chị em mong được vay vốn khởi nghiệp với lãi suất ưu đãi và thời hạn dài hơn.",
        ],
    ),
    "tieu-thu-san-pham": (
        [
            "Đề nghị hỗ trợ tiêu thụ sản phẩm OCOP",
            "Kiến nghị kết nối tiêu thụ nông sản cho hợp tác xã phụ nữ",
            "Phản ánh giá nông sản thấp khi vào vụ",
        ],
        [
            "Sản phẩm rau sạch của tổ hợp tác phụ nữ chưa có đầu ra ổn định.",
            "Đề nghị hỗ trợ đưa sản phẩm OCOP lên sàn thương mại điện tử.",
            "Chị em cần được tập huấn về bao bì, nhãn mác và truy xuất nguồn gốc.",
        ],
    ),
    "bao-luc-gia-dinh": (
        [
            "Kiến nghị tăng cường phòng chống bạo lực gia đình",
            "Đề nghị thành lập địa chỉ tin cậy tại thôn",
            "Phản ánh tình trạng bạo lực gia đình chưa được xử lý",
        ],
        [
            "Một số vụ bạo lực gia đình chưa được chính quyền thôn xử lý kịp thời.",
            "Đề nghị có nhà tạm lánh cho phụ nữ bị bạo lực.",
            "Cần tuyên truyền pháp luật về phòng chống bạo lực gia đình bằng tiếng dân tộc.",
        ],
    ),
    "ve-sinh-moi-truong": (
        [
            "Đề nghị thu gom rác thải tại thôn",
            "Kiến nghị xử lý ô nhiễm nguồn nước sinh hoạt",
            "Phản ánh rác thải nhựa ven sông",
        ],
        [
            "Rác thải chưa được thu gom thường xuyên, gây ô nhiễm môi trường.",
            "Nguồn nước sinh hoạt ở một số thôn bị nhiễm phèn.",
            "Chị em mong được hỗ trợ thùng phân loại rác tại hộ gia đình.",
        ],
    ),
    "an-toan-thuc-pham": (
        [
            "Kiến nghị kiểm tra an toàn thực phẩm tại chợ",
            "Đề nghị tập huấn an toàn thực phẩm cho tiểu thương",
            "Phản ánh thực phẩm không rõ nguồn gốc",
        ],
        [
            "Nhiều loại thực phẩm bán ở chợ không rõ nguồn gốc xuất xứ.",
            "Đề nghị tăng cường kiểm tra bếp ăn tập thể ở trường học.",
            "Cần hướng dẫn chị em bảo quản thực phẩm đúng cách.",
        ],
    ),
    "te-nan-xa-hoi": (
        [
            "Đề nghị phòng chống ma túy trong thanh thiếu niên",
            "Kiến nghị xử lý tụ điểm cờ bạc",
            "Phản ánh tệ nạn xã hội tại khu dân cư",
        ],
        [
            "Một số thanh niên trong thôn có biểu hiện sử dụng chất kích thích.",
            "Đề nghị công an xã tăng cường tuần tra vào ban đêm.",
            "Gia đình cần được hướng dẫn cách phát hiện sớm con em nghiện ma túy.",
        ],
    ),
    "can-bo-nu": (
        [
            "Kiến nghị tăng tỷ lệ cán bộ nữ trong cấp ủy",
            "Đề nghị đào tạo, bồi dưỡng cán bộ nữ trẻ",
            "Hỏi về chế độ phụ cấp chi hội trưởng",
        ],
        [
            "Tỷ lệ cán bộ nữ tham gia cấp ủy ở xã còn thấp.",
            "Phụ cấp cho chi hội trưởng chưa tương xứng với công việc.",
            "Đề nghị có chính sách quy hoạch, đào tạo cán bộ nữ người dân tộc thiểu số.",
        ],
    ),
    "tin-dung-den": (
        [
            "Cảnh báo tín dụng đen cho vay nặng lãi",
            "Đề nghị xử lý đối tượng cho vay lãi suất cao",
            "Phản ánh vay qua ứng dụng trên điện thoại bị đòi nợ",
        ],
        [
            "Nhiều chị em vay tiền qua ứng dụng và bị đe dọa khi chậm trả.",
            "Đề nghị tăng cường tuyên truyền để phụ nữ không vay tín dụng đen.",
            "Cần mở rộng nguồn vay vốn chính thức để người dân không phải vay nặng lãi.",
        ],
    ),
    "bhxh-bhyt": (
        [
            "Hỏi về Luật Bảo hiểm xã hội sửa đổi",
            "Đề nghị hỗ trợ mua bảo hiểm y tế cho hộ cận nghèo",
            "Kiến nghị về bảo hiểm xã hội tự nguyện cho phụ nữ nông thôn",
        ],
        [
            "Chị em muốn biết quyền lợi khi tham gia bảo hiểm xã hội tự nguyện.",
            "Mức đóng bảo hiểm y tế hộ gia đình còn cao so với thu nhập.",
            "Đề nghị hướng dẫn thủ tục hưởng chế độ thai sản cho lao động tự do.",
        ],
    ),
}

# Rare words, each put in one petition in two thousand: the benchmark's rare-word searches. Search
# matches each folded word as a substring through a trigram index, so what makes a search cheap is
# rare *trigrams*: "gấc" → "gac" is one rare trigram; "rươi" → "ruoi" is a rare word made of common
# trigrams ("ruo" as in "trường", "uoi" as in "người"), which the index cannot narrow down.
RARE_SENTENCE = "Tổ hợp tác trồng gấc của chị em cần được hỗ trợ tiêu thụ sản phẩm."
RARE_QUERY = "gac"
RARE_COMMON_TRIGRAMS_SENTENCE = "Tổ hợp tác khai thác rươi ở vùng đầm phá cần được hỗ trợ con giống."
RARE_COMMON_TRIGRAMS_QUERY = "ruoi"
COMMON_QUERY = "vay von"

CLOSING = [
    "Kính đề nghị các cơ quan chức năng xem xét, giải quyết.",
    "Mong được trả lời tại hội nghị đối thoại.",
    "Đề nghị trả lời bằng văn bản để Hội thông tin đến hội viên.",
    "",
]

SESSION_THEMES = [
    "Chính sách hỗ trợ phụ nữ khởi nghiệp",
    "Đào tạo nghề và giải quyết việc làm cho lao động nữ",
    "Bình đẳng giới và phòng chống bạo lực gia đình",
    "Luật Bảo hiểm xã hội sửa đổi",
    "Tiêu thụ sản phẩm nông nghiệp, sản phẩm OCOP do phụ nữ sản xuất",
    "Phòng ngừa tín dụng đen ở vùng đồng bào dân tộc thiểu số",
]

AGENDA = [
    "Vai trò của Hội trong thực hiện bình đẳng giới",
    "Chính sách đào tạo nghề, giải quyết việc làm",
    "Chính sách vay vốn khởi nghiệp",
    "Những điểm mới của Luật Bảo hiểm xã hội sửa đổi",
    "Trao đổi, đối thoại trực tiếp",
]

ANSWERS = [
    "Sở đã tiếp thu và sẽ phối hợp với UBND huyện tổ chức lớp đào tạo trong quý tới.",
    "Nội dung kiến nghị đã được trả lời trực tiếp tại hội nghị đối thoại.",
    "Đơn vị ghi nhận và đề xuất cơ quan có thẩm quyền xem xét, giải quyết theo quy định.",
    "Thủ tục vay vốn đã được rút gọn; hội viên liên hệ Ngân hàng Chính sách xã hội huyện để được hướng dẫn.",
    "Cơ quan đã chỉ đạo kiểm tra và sẽ thông báo kết quả bằng văn bản.",
]
