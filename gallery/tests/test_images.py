import dataclasses

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from gallery import images

from .factories import image_bytes, image_upload


@pytest.mark.parametrize("image_format", ["JPEG", "PNG", "WEBP"])
def test_real_photos_pass(image_format):
    images.validate_photo(SimpleUploadedFile("anh", image_bytes(image_format=image_format)))


@pytest.mark.parametrize(
    "content", [b"<svg onload='alert(1)'></svg>", b"GIF89a not really", b"", b"\xff\xd8\xff\xe0 truncated jpeg"]
)
def test_files_that_do_not_decode_are_refused(content):
    with pytest.raises(ValidationError) as error:
        images.validate_photo(SimpleUploadedFile("anh.jpg", content))
    assert error.value.code == "invalid_image"


def test_a_truncated_photo_is_refused():
    data = image_bytes(size=(1200, 900))
    with pytest.raises(ValidationError) as error:
        images.validate_photo(SimpleUploadedFile("anh.jpg", data[: len(data) // 2]))
    assert error.value.code == "invalid_image"


def test_other_image_formats_are_refused():
    with pytest.raises(ValidationError) as error:
        images.validate_photo(SimpleUploadedFile("anh.jpg", image_bytes(image_format="BMP")))
    assert error.value.code == "format"


def test_too_many_pixels_are_refused_before_decoding(caplog):
    huge = image_upload(size=(8000, 5100), mode="1", colour=1, image_format="PNG")
    assert huge.size < 1_000_000  # small file, 40.8 million pixels
    with pytest.raises(ValidationError) as error:
        images.validate_photo(huge)
    assert error.value.code == "too_many_pixels"
    assert "exceeds the limit" in caplog.text


def test_tiny_pictures_are_refused():
    with pytest.raises(ValidationError) as error:
        images.validate_photo(image_upload(size=(120, 80)))
    assert error.value.code == "too_small"


def test_files_over_the_size_limit_are_refused(monkeypatch):
    monkeypatch.setattr(images, "RULES", dataclasses.replace(images.RULES, max_bytes=100))
    with pytest.raises(ValidationError) as error:
        images.validate_photo(image_upload())
    assert error.value.code == "too_large"


def test_generated_names_hide_the_uploaded_name():
    path = images.photo_path(None, "Nguyen Van A - CCCD.JPG")
    assert path.startswith("gallery/") and "Nguyen" not in path and path.endswith(".jpg")
