"""Hostile or unusual content read right: JavaScript hidden in a compressed object stream is refused,
a 16-bit grayscale TIFF keeps its gray levels, every frame of a multi-frame photo is turned upright."""

from __future__ import annotations

import io

import numpy as np
import pikepdf
from PIL import Image

from extractors.raster import load_image_frame
from intake.files import inspect
from intake.limits import Limits


def _pdf_with(action: pikepdf.Dictionary, *, on_page: bool = False) -> bytes:
    pdf = pikepdf.new()
    pdf.add_blank_page()
    if on_page:
        pdf.pages[0].obj.AA = pikepdf.Dictionary(O=action)
    else:
        pdf.Root.OpenAction = action
    buf = io.BytesIO()
    pdf.save(buf, object_stream_mode=pikepdf.ObjectStreamMode.generate, compress_streams=True)
    return buf.getvalue()


def test_script_in_compressed_object_stream_is_refused() -> None:
    js = _pdf_with(pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert(1)")))
    launch = _pdf_with(pikepdf.Dictionary(S=pikepdf.Name.Launch, F=pikepdf.String("cmd.exe")), on_page=True)
    for data in (js, launch):
        assert b"JavaScript" not in data and b"Launch" not in data  # hidden from a byte scan
        (loaded,) = inspect("a.pdf", data, Limits(contained=False))
        assert loaded.meta.error is not None and loaded.meta.pages is None, loaded.meta
    plain = _pdf_with(pikepdf.Dictionary(S=pikepdf.Name.GoTo, D=pikepdf.Array([0, pikepdf.Name.Fit])))
    (ok,) = inspect("b.pdf", plain, Limits(contained=False))
    assert ok.meta.error is None and ok.meta.pages == 1


def test_16_bit_gray_tiff_keeps_its_levels() -> None:
    ramp = np.tile(np.linspace(0, 65535, 256).astype(np.uint16), (32, 1))
    buf = io.BytesIO()
    Image.fromarray(ramp).save(buf, format="TIFF")
    arr, _ = load_image_frame(buf.getvalue(), 0)
    assert arr.dtype == np.uint8 and arr.ndim == 2
    assert arr[0, 0] == 0 and arr[0, -1] == 255
    assert abs(int(arr[0, 128]) - 128) <= 2  # mid-gray stays mid-gray (was clipped to 255)
    assert (arr == 255).mean() < 0.01


def test_every_frame_is_turned_upright_by_its_exif() -> None:
    exif = Image.Exif()
    exif[274] = 6  # rotated 90°: stored landscape, shown portrait
    frames = [Image.new("RGB", (40, 20), (200, 10, 10)), Image.new("RGB", (40, 20), (10, 200, 10))]
    buf = io.BytesIO()
    frames[0].save(buf, format="MPO", save_all=True, append_images=frames[1:], exif=exif)
    shapes = [load_image_frame(buf.getvalue(), i)[0].shape[:2] for i in range(2)]
    assert shapes == [(40, 20), (40, 20)]
