import dataclasses
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from dolisa_site.images import generated_name
from news import images

from .factories import image_bytes, uploaded_image


@pytest.mark.parametrize("image_format", ["JPEG", "PNG", "WEBP", "GIF"])
def test_accepted_formats(image_format):
    assert images.validate_image_file(uploaded_image(f"a.{image_format.lower()}", image_format)) == image_format


def test_a_text_file_renamed_jpg_is_refused():
    fake = SimpleUploadedFile("anh.jpg", b"Day khong phai la anh, chi la van ban.", content_type="image/jpeg")
    with pytest.raises(ValidationError) as error:
        images.validate_image_file(fake)
    assert error.value.code == "invalid_image"


def test_a_truncated_image_is_refused():
    data = image_bytes("PNG", (600, 400))
    truncated = SimpleUploadedFile("cat.png", data[: len(data) // 2], content_type="image/png")
    with pytest.raises(ValidationError) as error:
        images.validate_image_file(truncated)
    assert error.value.code == "invalid_image"


def test_an_oversized_file_is_refused(monkeypatch):
    monkeypatch.setattr(images, "RULES", dataclasses.replace(images.RULES, max_bytes=1000))
    with pytest.raises(ValidationError) as error:
        images.validate_image_file(uploaded_image(size=(400, 300)))
    assert error.value.code == "too_large"


def test_too_many_pixels_is_refused(monkeypatch):
    monkeypatch.setattr(images, "RULES", dataclasses.replace(images.RULES, max_pixels=100 * 100))
    with pytest.raises(ValidationError) as error:
        images.validate_image_file(uploaded_image(size=(200, 200)))
    assert error.value.code == "too_many_pixels"


def test_other_image_formats_are_refused():
    buffer = io.BytesIO()
    Image.new("RGB", (50, 50)).save(buffer, format="BMP")
    with pytest.raises(ValidationError) as error:
        images.validate_image_file(SimpleUploadedFile("a.bmp", buffer.getvalue()))
    assert error.value.code == "format"


def test_generated_names_hide_the_original_and_carry_the_real_format():
    name = generated_name("news/body", "PNG")
    assert name.startswith("news/body/") and name.endswith(".png") and len(name.rsplit("/", 1)[1]) == 36
