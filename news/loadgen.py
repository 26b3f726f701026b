"""Believable Vietnamese articles at scale, for the benchmarks (manage.py generate_load_news).

Each article is made from its own number and the seed alone, so the same
options always give the same archive: titles and summaries from templates per
topic with places, numbers and periods filled in; bodies from sentences of the
demo articles mixed with sentence templates; covers and body pictures reuse
the demo's picture files (no new files).
"""

import html
import random
import re
from datetime import timedelta

from django.utils import timezone

from dolisa_site import text

from .sanitize import html_to_text

# One article every ~41 minutes: 100,000 articles reach back about eight years.
MINUTES_BETWEEN = 41
# A generated article's slug ends with this marker and its number: how the
# command finds its own rows again (idempotence) without touching anyone else's.
SLUG_MARKER = "-ld"
NUMBER_DIGITS = 6

PLACES = [
    "huyện Mường Khoa",
    "huyện Đông Hải",
    "huyện Nam Khoa",
    "thành phố Sơn Hà",
    "thị xã Phú Lâm",
    "huyện Tân Lập",
    "huyện Bắc Sơn",
    "huyện Yên Hòa",
    "huyện Thạch Bàn",
    "huyện Vĩnh Lộc",
    "xã Nam Khoa",
    "xã Hồng Phong",
    "xã Tà Xùa",
    "phường Quang Trung",
    "xã Bình Minh",
    "xã Phong Thịnh",
]
INDUSTRIAL_PARKS = ["Khu công nghiệp Tân Lập", "Khu công nghiệp Phú Lâm", "Cụm công nghiệp Đông Hải"]
INDUSTRIES = [
    "dệt may",
    "da giày",
    "điện tử",
    "chế biến nông sản",
    "xây dựng",
    "khai thác khoáng sản",
    "cơ khí",
    "dịch vụ du lịch",
    "chế biến gỗ",
]
TRADES = [
    "may công nghiệp",
    "sửa chữa điện thoại",
    "kỹ thuật chế biến món ăn",
    "hàn",
    "điện dân dụng",
    "chăn nuôi thú y",
    "trồng nấm",
    "sửa chữa máy nông nghiệp",
    "tin học văn phòng",
]
OCCASIONS = [
    "Ngày Thương binh - Liệt sĩ 27/7",
    "Tết Nguyên đán",
    "Quốc khánh 2/9",
    "Ngày Quốc tế Người cao tuổi",
    "Ngày Quốc tế Người khuyết tật",
]
DISASTERS = ["mưa lũ", "sạt lở đất", "rét đậm, rét hại", "lốc xoáy", "mưa đá"]
KID_TOPICS = ["an toàn trên môi trường mạng", "phòng chống đuối nước", "quyền được học tập", "bạo lực học đường"]
ORGS = [
    "Sở Lao động - Thương binh và Xã hội",
    "Trung tâm Dịch vụ việc làm tỉnh",
    "Phòng Lao động - Thương binh và Xã hội huyện",
    "Tỉnh đoàn",
    "Hội Liên hiệp Phụ nữ tỉnh",
    "Quỹ Bảo trợ trẻ em tỉnh",
    "Trung tâm Công tác xã hội tỉnh",
    "Trường Cao đẳng nghề Sơn Hà",
    "Thanh tra Sở",
]
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô", "Lò", "Hà"]
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Thanh", "Minh", "Ngọc", "Quốc", "Thu"]
GIVEN = ["An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Hải", "Hùng", "Lan", "Long", "Mai", "Nam", "Phúc", "Sơn"]
POSITIONS = [
    "Giám đốc Sở",
    "Phó Giám đốc Sở",
    "Chủ tịch UBND huyện",
    "Trưởng phòng Lao động - Việc làm",
    "Giám đốc Trung tâm Dịch vụ việc làm",
    "Trưởng phòng Bảo trợ xã hội",
]
AUTHORS = [
    "Nguyễn Hiền",
    "Minh Châu",
    "Thu Trang",
    "Hoàng Long",
    "Văn phòng Sở",
    "Phòng Lao động - Việc làm",
    "Trung tâm Dịch vụ việc làm tỉnh",
    "Phòng Người có công",
    "",
]
QUARTERS = ["quý I", "quý II", "quý III", "quý IV"]

GENERIC_SENTENCES = [
    "Theo báo cáo của {org}, trong {period} toàn tỉnh đã thực hiện đạt {pct}% kế hoạch năm.",
    "Phát biểu tại buổi lễ, ông {person}, {position}, đề nghị các địa phương tiếp tục quan tâm, tạo điều kiện "
    "để người dân tiếp cận đầy đủ các chính sách.",
    "Bà {person}, {position}, cho biết thời gian tới đơn vị sẽ tăng cường phối hợp với UBND các xã, phường "
    "trong việc rà soát, lập danh sách đối tượng.",
    "Thời gian tới, Sở sẽ phối hợp với UBND {place} kiểm tra, đôn đốc việc triển khai, bảo đảm đúng đối tượng, "
    "đúng chế độ, công khai, minh bạch.",
    "Người dân cần thêm thông tin có thể liên hệ bộ phận một cửa của Sở qua số điện thoại (0212) 3{digits} "
    "trong giờ hành chính.",
    "Tổng kinh phí thực hiện hơn {money} triệu đồng, từ nguồn ngân sách tỉnh và nguồn xã hội hóa.",
    "Đến nay đã có {n} lượt người được hỗ trợ, tăng {pct}% so với cùng kỳ năm trước.",
    "Đoàn công tác đã kiểm tra thực tế tại {n} đơn vị và ghi nhận nhiều cách làm hay, hiệu quả.",
    "Hồ sơ được tiếp nhận trực tuyến trên Cổng dịch vụ công hoặc trực tiếp tại Trung tâm Phục vụ hành chính công tỉnh.",
    "Kết quả này góp phần quan trọng vào việc hoàn thành các chỉ tiêu kinh tế - xã hội của tỉnh trong năm {year}.",
    "Các đại biểu cũng đã thảo luận, chỉ ra những khó khăn, vướng mắc và đề xuất giải pháp tháo gỡ.",
    "Dịp này, {org} đã trao {n} suất quà, mỗi suất trị giá {gift} đồng.",
]

TOPICS = {
    "lao-dong-viec-lam": {
        "titles": [
            "Hội chợ việc làm {place} năm {year} thu hút hơn {n} lượt người lao động",
            "Phiên giao dịch việc làm lưu động tại {place}: {n} người được hẹn phỏng vấn",
            "Doanh nghiệp {park} cần tuyển {n} lao động trong {period}",
            "Thị trường lao động {period}: nhu cầu tuyển dụng tăng ở nhóm ngành {industry}",
            "Tập huấn pháp luật lao động cho {n} cán bộ công đoàn cơ sở",
            "Đối thoại về tiền lương, thưởng Tết tại các doanh nghiệp {industry}",
        ],
        "summaries": [
            "Ngày {day}/{month}, tại {place}, {org} tổ chức {event} với sự tham gia của {n} doanh nghiệp.",
            "Trong {period}, các doanh nghiệp trên địa bàn {place} có nhu cầu tuyển dụng khoảng {n} lao động, "
            "tập trung ở nhóm ngành {industry}.",
        ],
        "events": ["hội chợ việc làm", "phiên giao dịch việc làm", "hội nghị đối thoại"],
        "tags": ["việc làm", "hội chợ việc làm", "doanh nghiệp", "quan hệ lao động", "tiền lương", "khu công nghiệp"],
    },
    "viec-lam": {
        "titles": [
            "{n} người lao động được hưởng trợ cấp thất nghiệp trong {period}",
            "Tư vấn đi làm việc ở nước ngoài theo hợp đồng cho thanh niên {place}",
            "Giải ngân {money} triệu đồng vốn vay giải quyết việc làm tại {place}",
            "Sàn giao dịch việc làm {place} kết nối {n} lao động với doanh nghiệp",
            "Cấp {n} giấy phép lao động cho người nước ngoài trong {period}",
        ],
        "summaries": [
            "Trung tâm Dịch vụ việc làm tỉnh đã tiếp nhận {n} hồ sơ đề nghị hưởng trợ cấp thất nghiệp trong {period}.",
            "Ngày {day}/{month}, {org} phối hợp với UBND {place} tổ chức {event} cho người lao động.",
        ],
        "events": ["phiên tư vấn việc làm", "buổi tư vấn xuất khẩu lao động", "sàn giao dịch việc làm lưu động"],
        "tags": ["việc làm", "bảo hiểm thất nghiệp", "lao động ngoài nước", "vay vốn", "sàn giao dịch việc làm"],
    },
    "an-toan-lao-dong": {
        "titles": [
            "Huấn luyện an toàn, vệ sinh lao động cho {n} người lao động tại {place}",
            "Kiểm tra công tác an toàn lao động tại {n} doanh nghiệp ngành {industry}",
            "Phát động Tháng hành động về an toàn, vệ sinh lao động năm {year}",
            "Cảnh báo nguy cơ tai nạn lao động trong ngành {industry}",
        ],
        "summaries": [
            "Ngày {day}/{month}, {org} tổ chức {event} cho người lao động làm việc trong ngành {industry}.",
            "Qua kiểm tra {n} doanh nghiệp, đoàn đã chỉ ra nhiều tồn tại trong công tác huấn luyện an toàn lao động.",
        ],
        "events": ["lớp huấn luyện an toàn lao động", "lễ phát động", "đợt kiểm tra"],
        "tags": ["an toàn lao động", "huấn luyện", "thanh tra", "doanh nghiệp"],
    },
    "giao-duc-nghe-nghiep": {
        "titles": [
            "Tuyển sinh giáo dục nghề nghiệp năm {year}: {n} chỉ tiêu trình độ trung cấp, cao đẳng",
            "Khai giảng lớp đào tạo nghề {trade} cho lao động nông thôn {place}",
            "Hội thi giáo viên giáo dục nghề nghiệp tỉnh Sơn Hà năm {year}",
            "{n} học viên {place} được cấp chứng chỉ nghề {trade}",
            "Tư vấn hướng nghiệp cho học sinh lớp 9 và lớp 12 tại {place}",
        ],
        "summaries": [
            "Năm {year}, các cơ sở giáo dục nghề nghiệp trên địa bàn tỉnh tuyển sinh {n} chỉ tiêu.",
            "Ngày {day}/{month}, {org} khai giảng {event} nghề {trade} cho {n} học viên.",
        ],
        "events": ["lớp đào tạo nghề", "lớp sơ cấp", "khóa bồi dưỡng"],
        "tags": ["giáo dục nghề nghiệp", "tuyển sinh", "đào tạo nghề", "kỹ năng nghề", "học bổng", "nhà giáo"],
    },
    "nguoi-co-cong": {
        "titles": [
            "Thăm, tặng quà gia đình chính sách nhân dịp {occasion} tại {place}",
            "Bàn giao {n} nhà tình nghĩa cho gia đình người có công {place}",
            "Điều dưỡng tập trung cho {n} người có công với cách mạng năm {year}",
            "Rà soát, giải quyết hồ sơ xác nhận người có công tồn đọng tại {place}",
            "Chi trả trợ cấp ưu đãi người có công {period} qua tài khoản ngân hàng",
        ],
        "summaries": [
            "Nhân dịp {occasion}, {org} đã đến thăm, tặng quà các gia đình chính sách tại {place}.",
            "Trong {period}, toàn tỉnh có {n} người có công được điều dưỡng, chăm sóc sức khỏe.",
        ],
        "events": ["lễ bàn giao", "chương trình tri ân", "đợt điều dưỡng"],
        "tags": ["người có công", "thương binh liệt sĩ", "tri ân", "nhà tình nghĩa", "đền ơn đáp nghĩa", "điều dưỡng"],
    },
    "bao-tro-xa-hoi": {
        "titles": [
            "{n} đối tượng bảo trợ xã hội {place} được hưởng trợ cấp hằng tháng",
            "Trao {n} suất quà Tết cho hộ nghèo và người có hoàn cảnh khó khăn {place}",
            "Mừng thọ {n} người cao tuổi {place} năm {year}",
            "Hỗ trợ khẩn cấp cho {n} hộ dân bị ảnh hưởng bởi {disaster} tại {place}",
            "Nâng cao chất lượng trợ giúp người khuyết tật tại cộng đồng {place}",
        ],
        "summaries": [
            "Đến hết {period}, toàn tỉnh có {n} đối tượng bảo trợ xã hội đang hưởng trợ cấp hằng tháng.",
            "Ngày {day}/{month}, {org} trao {n} suất quà cho người dân bị ảnh hưởng bởi {disaster}.",
        ],
        "events": ["chương trình trao quà", "lễ mừng thọ", "hội thảo"],
        "tags": ["bảo trợ xã hội", "người cao tuổi", "người khuyết tật", "trợ giúp đột xuất", "trợ cấp", "thiên tai"],
    },
    "giam-ngheo": {
        "titles": [
            "Mô hình sinh kế giúp {n} hộ nghèo {place} thoát nghèo",
            "Kết quả rà soát hộ nghèo, hộ cận nghèo năm {year} tại {place}",
            "Đưa thông tin chính sách giảm nghèo đến người dân {place}",
            "Giải ngân {money} triệu đồng hỗ trợ phát triển sản xuất cho hộ nghèo",
        ],
        "summaries": [
            "Kết quả rà soát năm {year}, tỷ lệ hộ nghèo của {place} giảm còn {pct}%.",
            "Dự án đã hỗ trợ {n} hộ nghèo, hộ cận nghèo tại {place} phát triển sinh kế.",
        ],
        "events": ["hội nghị tổng kết", "lớp tập huấn", "đợt rà soát"],
        "tags": ["giảm nghèo", "sinh kế", "vay vốn", "bảo trợ xã hội"],
    },
    "tre-em-binh-dang-gioi": {
        "titles": [
            "Dạy bơi an toàn cho {n} trẻ em {place} trong dịp hè",
            "Tết Trung thu cho trẻ em có hoàn cảnh đặc biệt tại {place}",
            "Hưởng ứng Tháng hành động vì bình đẳng giới năm {year} tại {place}",
            "Tập huấn kỹ năng phòng, chống xâm hại trẻ em cho {n} giáo viên",
            "Diễn đàn trẻ em {place} năm {year}: các em nói về {kid_topic}",
        ],
        "summaries": [
            "Ngày {day}/{month}, {org} tổ chức {event} cho {n} trẻ em tại {place}.",
            "Chương trình năm {year} tập trung vào {kid_topic}, với sự tham gia của {n} học sinh.",
        ],
        "events": ["lớp dạy bơi", "diễn đàn trẻ em", "chương trình vui Tết Trung thu"],
        "tags": ["trẻ em", "bảo vệ trẻ em", "phòng chống đuối nước", "bình đẳng giới", "quỹ bảo trợ trẻ em"],
    },
}
GENERIC_TOPIC = {
    "titles": ["Hội nghị triển khai nhiệm vụ {period} tại {place}", "Kết quả thực hiện nhiệm vụ {period} năm {year}"],
    "summaries": ["Ngày {day}/{month}, {org} tổ chức {event} tại {place}."],
    "events": ["hội nghị", "buổi làm việc"],
    "tags": ["thông tin", "cải cách hành chính", "chuyển đổi số"],
}


def vietnamese_number(value):
    """3500 → "3.500", as Vietnamese writes thousands."""
    return f"{value:,}".replace(",", ".")


class Fragments:
    """What generated bodies are made of: the demo's sentences per category, and its pictures."""

    def __init__(self, sentences_by_category, covers, body_figures, tables):
        self.sentences_by_category = sentences_by_category  # category id -> [sentence]
        self.covers = covers  # [(name, width, height, alt, caption, renditions)]
        self.body_figures = body_figures  # cleaned <figure class="image"> snippets
        self.tables = tables  # <figure class="table"> snippets from the demo


def split_sentences(body):
    """The sentences of a body's paragraphs (each paragraph on its own: html_to_text joins them without a space)."""
    parts = []
    for paragraph in re.findall(r"<p>(.*?)</p>", body, flags=re.S):
        current = []
        for word in html_to_text(paragraph).split():
            current.append(word)
            if word.endswith((".", "!", "?")) and len(current) > 5:
                parts.append(" ".join(current))
                current = []
    return parts


_NOT_WORD = re.compile(r"[^0-9a-z]+")
_FOLDED_CHARACTERS = {}


def search_form(value):
    """text.search_form(), computed per distinct character: the same result, many times faster.

    Stripping diacritics decomposes each character on its own and drops the
    combining marks, so mapping every character through its own stripped form
    gives the same text; the test of the command compares the two.
    """
    for character in set(value).difference(map(chr, _FOLDED_CHARACTERS)):
        _FOLDED_CHARACTERS[ord(character)] = text.strip_diacritics(character)
    folded = " ".join(_NOT_WORD.sub(" ", value.translate(_FOLDED_CHARACTERS).lower()).split())
    return f" {folded} " if folded else ""


class ArticleMaker:
    def __init__(self, categories, fragments, tag_ids, anchor, seed):
        self.categories = categories  # [(id, slug, top slug)]
        self.weights = [3 if slug == top else 2 for _id, slug, top in categories]
        self.fragments = fragments
        self.tag_ids = tag_ids  # tag name -> id
        self.anchor = anchor
        self.seed = seed

    def slots(self, rng, publish_at):
        local_year = publish_at.year
        quarter = (publish_at.month - 1) // 3
        return {
            "place": rng.choice(PLACES),
            "park": rng.choice(INDUSTRIAL_PARKS),
            "industry": rng.choice(INDUSTRIES),
            "trade": rng.choice(TRADES),
            "occasion": rng.choice(OCCASIONS),
            "disaster": rng.choice(DISASTERS),
            "kid_topic": rng.choice(KID_TOPICS),
            "org": rng.choice(ORGS),
            "person": f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}",
            "position": rng.choice(POSITIONS),
            "n": vietnamese_number(rng.choice([rng.randint(12, 99), rng.randint(100, 999), rng.randint(1000, 9000)])),
            "money": vietnamese_number(rng.randint(150, 48000)),
            "gift": vietnamese_number(rng.choice([300, 500, 1000, 2000]) * 1000),
            "pct": f"{rng.randint(3, 98)}",
            "digits": f"{rng.randint(0, 999999):06d}",
            "year": local_year,
            "day": publish_at.day,
            "month": publish_at.month,
            "period": rng.choice(
                [f"{QUARTERS[quarter]} năm {local_year}", f"6 tháng đầu năm {local_year}", f"năm {local_year}"]
            ),
        }

    def make(self, number):
        """The field values of generated article `number` (0 is the newest), and its tag ids."""
        rng = random.Random(f"news:{self.seed}:{number}")
        category_id, category_slug, top_slug = rng.choices(self.categories, weights=self.weights)[0]
        topic = TOPICS.get(category_slug) or TOPICS.get(top_slug) or GENERIC_TOPIC
        publish_at = self.anchor - timedelta(minutes=number * MINUTES_BETWEEN + rng.randint(0, MINUTES_BETWEEN - 1))
        publish_at = publish_at.replace(second=0, microsecond=0)
        values = self.slots(rng, timezone.localtime(publish_at))
        values["event"] = rng.choice(topic["events"])
        title = rng.choice(topic["titles"]).format(**values)
        title = title[0].upper() + title[1:]
        summary = rng.choice(topic["summaries"]).format(**values)
        body = self.body(rng, category_id, values)
        status, first_published = self.status(rng, publish_at)
        cover = rng.choice(self.fragments.covers) if self.fragments.covers and rng.random() < 0.8 else None
        tags = rng.sample(topic["tags"], k=min(len(topic["tags"]), rng.randint(1, 3)))
        if rng.random() < 0.3:
            tags.append(f"năm {timezone.localtime(publish_at).year}")
        slug = f"{text.vietnamese_slugify(title, max_length=150)}{SLUG_MARKER}{number:0{NUMBER_DIGITS}d}"
        age_days = max(0, (self.anchor - publish_at).days)
        fields = {
            "title": title,
            "slug": slug,
            "category_id": category_id,
            "summary": summary,
            "body": body,
            "cover_image": cover[0] if cover else "",
            "cover_width": cover[1] if cover else None,
            "cover_height": cover[2] if cover else None,
            "cover_alt": cover[3] if cover else "",
            "cover_caption": cover[4] if cover else "",
            "cover_renditions": cover[5] if cover else [],
            "author": rng.choice(AUTHORS),
            "source_note": "",
            "is_featured": status == "published" and rng.random() < 0.01,
            "is_pinned": False,
            "comments_open": rng.random() < 0.1,
            "status": status,
            "publish_at": publish_at if status in ("published", "withdrawn") else None,
            "first_published_at": first_published,
            # Older articles have been read more; a few are read far more.
            "view_count": int(rng.paretovariate(1.6) * 40 * (1 + min(age_days, 720) / 30)) if first_published else 0,
            "created_at": publish_at - timedelta(hours=rng.randint(1, 30)),
        }
        # What Article.fill_search_fields() stores; bulk loading skips save().
        fields["search_title"] = search_form(title)
        fields["search_text"] = search_form(" ".join([title, summary, html_to_text(body)]))
        return fields, [self.tag_ids[name] for name in dict.fromkeys(tags) if name in self.tag_ids]

    def status(self, rng, publish_at):
        roll = rng.random()
        if roll < 0.96:
            return "published", publish_at
        if roll < 0.97:
            return "withdrawn", publish_at
        return rng.choice(["draft", "submitted", "sent_back"]), None

    def sentence(self, rng, category_id, values):
        pool = self.fragments.sentences_by_category.get(category_id)
        if pool and rng.random() < 0.6:
            return rng.choice(pool)
        # Another official, other figures in every sentence.
        fresh = {
            "person": f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}",
            "position": rng.choice(POSITIONS),
            "n": vietnamese_number(rng.randint(12, 2500)),
            "pct": f"{rng.randint(3, 98)}",
        }
        return rng.choice(GENERIC_SENTENCES).format(**{**values, **fresh})

    def body(self, rng, category_id, values):
        paragraphs, used = [], set()
        for _ in range(rng.randint(4, 7)):
            sentences = []
            for _ in range(rng.randint(2, 4)):
                for _attempt in range(3):  # a sentence at most once per article, as far as the pool allows
                    sentence = self.sentence(rng, category_id, values)
                    if sentence not in used:
                        break
                used.add(sentence)
                sentences.append(sentence)
            paragraphs.append("<p>" + html.escape(" ".join(dict.fromkeys(sentences)), quote=False) + "</p>")
        if self.fragments.body_figures and rng.random() < 0.25:
            paragraphs.insert(rng.randint(1, len(paragraphs) - 1), rng.choice(self.fragments.body_figures))
        if self.fragments.tables and rng.random() < 0.05:
            paragraphs.insert(len(paragraphs) - 1, rng.choice(self.fragments.tables))
        return "".join(paragraphs)


def all_tag_names(years):
    names = {name for topic in [*TOPICS.values(), GENERIC_TOPIC] for name in topic["tags"]}
    return sorted(names | {f"năm {year}" for year in years})
