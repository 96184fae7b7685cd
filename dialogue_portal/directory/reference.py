"""Reference data named in the source article (see shared DOMAIN.md)."""

DEPARTMENTS = [
    ("ldtbxh", "Sở Lao động – Thương binh và Xã hội", "Sở LĐ-TB&XH"),
    ("noi-vu", "Sở Nội vụ", "Sở Nội vụ"),
    ("nn-ptnt", "Sở Nông nghiệp và Phát triển nông thôn", "Sở NN&PTNT"),
    ("cong-thuong", "Sở Công thương", "Sở Công thương"),
    ("gd-dt", "Sở Giáo dục và Đào tạo", "Sở GD&ĐT"),
    ("y-te", "Sở Y tế", "Sở Y tế"),
    ("bhxh", "Bảo hiểm xã hội tỉnh", "BHXH tỉnh"),
    ("ban-dan-toc", "Ban Dân tộc", "Ban Dân tộc"),
    ("cong-an", "Công an tỉnh", "Công an tỉnh"),
]

TOPICS = [
    ("dao-tao-nghe", "Đào tạo nghề"),
    ("lao-dong-viec-lam", "Lao động việc làm"),
    ("xuat-khau-lao-dong", "Xuất khẩu lao động"),
    ("vay-von-khoi-nghiep", "Vay vốn khởi nghiệp"),
    ("tieu-thu-san-pham", "Tiêu thụ sản phẩm nông nghiệp, sản phẩm OCOP do phụ nữ sản xuất"),
    ("bao-luc-gia-dinh", "Phòng chống bạo lực gia đình"),
    ("ve-sinh-moi-truong", "Vệ sinh môi trường"),
    ("an-toan-thuc-pham", "An toàn thực phẩm"),
    ("te-nan-xa-hoi", "Phòng chống tệ nạn xã hội"),
    ("can-bo-nu", "Công tác cán bộ nữ"),
    ("tin-dung-den", "Phòng ngừa tín dụng đen"),
    ("bhxh-bhyt", "Bảo hiểm xã hội, bảo hiểm y tế"),
]

PARTICIPANT_GROUPS = [
    ("lanh-dao-huyen", "Lãnh đạo Hội LHPN huyện"),
    ("phu-nu-luc-luong-vu-trang", "Hội Phụ nữ lực lượng vũ trang"),
    ("chu-tich-hoi-xa", "Chủ tịch Hội LHPN xã"),
    ("chi-hoi-truong", "Chi hội trưởng"),
    ("phu-nu-nong-thon", "Phụ nữ nông thôn"),
    ("phu-nu-dan-toc-thieu-so", "Phụ nữ dân tộc thiểu số"),
    ("phu-nu-khuyet-tat", "Phụ nữ khuyết tật"),
    ("nu-doanh-nhan", "Nữ doanh nhân"),
]
