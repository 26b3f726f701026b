"""Small builders for the site-wide rows tests need."""

from dolisa_site.models import MenuItem, SiteProfile

PROFILE = {
    "name": "Sở Lao động - Thương binh và Xã hội tỉnh Thử Nghiệm",
    "short_name": "Sở LĐTBXH Thử Nghiệm",
    "parent_body": "Ủy ban nhân dân tỉnh Thử Nghiệm",
    "description": "Trang thông tin của Sở dành cho kiểm thử.",
    "address": "Số 1 đường Kiểm Thử, phường Một, tỉnh Thử Nghiệm",
    "phone": "0200 3000 001",
    "fax": "0200 3000 002",
    "email": "so@thunghiem.gov.vn",
    "hotline": "0200 3000 003",
    "responsible_person": "Bà Lê Thị Kiểm - Giám đốc Sở",
    "licence": "Giấy phép số 01/GP-TTĐT ngày 02/01/2024",
    "working_hours": "Sáng: 7 giờ 30 - 11 giờ 30",
    "map_url": "https://www.openstreetmap.org/#map=17/21.0/105.8",
}


def make_profile(**fields):
    profile = SiteProfile(**{**PROFILE, **fields})
    profile.save()
    return profile


def make_menu():
    """Trang chủ, Tin tức › (Lao động, Người có công), Liên hệ; plus a hidden entry."""
    home = MenuItem.objects.create(title="Trang chủ", link="/", order=0)
    news = MenuItem.objects.create(title="Tin tức", link="/tin-tuc/", order=10)
    MenuItem.objects.create(title="Lao động", link="/chuyen-muc/lao-dong/", parent=news, order=0)
    MenuItem.objects.create(title="Người có công", link="/chuyen-muc/nguoi-co-cong/", parent=news, order=1)
    MenuItem.objects.create(title="Liên hệ", link="/lien-he/", order=20)
    MenuItem.objects.create(title="Mục ẩn", link="/an/", order=30, is_visible=False)
    return home, news
