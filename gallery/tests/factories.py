import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from gallery.models import Album, Photo


def image_bytes(size=(800, 600), colour="#3366aa", image_format="JPEG", mode="RGB"):
    buffer = io.BytesIO()
    Image.new(mode, size, colour).save(buffer, image_format)
    return buffer.getvalue()


def image_upload(name="anh.jpg", **options):
    return SimpleUploadedFile(name, image_bytes(**options), content_type="image/jpeg")


def make_album(title="Hội nghị tổng kết công tác năm 2025", photos=3, **fields):
    album = Album.objects.create(title=title, **fields)
    for number in range(photos):
        Photo.objects.create(
            album=album,
            image=image_upload(f"anh-{number}.jpg", colour=("#aa3333", "#33aa33", "#3333aa")[number % 3]),
            alt_text=f"Đại biểu phát biểu tại hội nghị, ảnh {number + 1}",
            caption=f"Chú thích ảnh {number + 1}",
            order=number,
        )
    return album
