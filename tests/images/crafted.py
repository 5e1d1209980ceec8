"""Photos made for the tests, in memory: some carry secrets in their metadata, some are hostile.

Each secret is a string planted in one metadata block; a stored or served file
must contain none of them (``SECRETS``).
"""

from __future__ import annotations

import functools
import io
import struct

from PIL import Image, ImageCms, ImageDraw

GPS_LATITUDE = (54.0, 41.0, 12.34)
SECRETS = {
    "camera serial": b"SERIAL-98765",
    "lens serial": b"LENS-24680",
    "owner": b"Jane Secret Owner",
    "artist": b"Jane Secret Artist",
    "maker note": b"SECRET-MAKERNOTE",
    "XMP location": b"XMP-Secret-City",
    "IPTC location": b"IPTC-Secret-Sublocation",
    "comment": b"COMMENT-SECRET",
}
XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
    b'<rdf:Description xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" '
    b'xmlns:exif="http://ns.adobe.com/exif/1.0/">'
    b"<photoshop:City>XMP-Secret-City</photoshop:City><exif:GPSLatitude>54,41.2N</exif:GPSLatitude>"
    b"</rdf:Description></rdf:RDF></x:xmpmeta>"
)


@functools.cache
def srgb_profile() -> bytes:
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def scene(size=(1200, 800), mode="RGB") -> Image.Image:
    """A picture with a red left third and a blue mark near the top right, so orientation and crops show."""
    width, height = size
    image = Image.new(mode, size, (200, 200, 200, 255) if mode == "RGBA" else (200, 200, 200))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, width // 3, height), fill=(220, 30, 30))
    draw.rectangle((width * 3 // 4, 0, width - 1, height // 4), fill=(20, 40, 220))
    return image


def secret_exif(orientation: int = 1) -> Image.Exif:
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = "SecretCam"  # Make
    exif[0x013B] = SECRETS["artist"].decode()
    gps = exif.get_ifd(0x8825)
    gps.update({1: "N", 2: GPS_LATITUDE, 3: "E", 4: (25.0, 17.0, 3.0)})
    private = exif.get_ifd(0x8769)
    private.update(
        {
            0xA431: SECRETS["camera serial"].decode(),  # BodySerialNumber
            0xA435: SECRETS["lens serial"].decode(),  # LensSerialNumber
            0xA430: SECRETS["owner"].decode(),  # CameraOwnerName
            0x927C: SECRETS["maker note"],  # MakerNote
        }
    )
    return exif


def iptc_segment() -> bytes:
    """A Photoshop APP13 segment holding an IPTC record with a city and sub-location."""

    def dataset(number: int, value: bytes) -> bytes:
        return b"\x1c\x02" + bytes([number]) + struct.pack(">H", len(value)) + value

    iptc = dataset(90, b"Vilnius") + dataset(92, SECRETS["IPTC location"])
    if len(iptc) % 2:
        iptc += b"\x00"
    resource = b"8BIM\x04\x04\x00\x00" + struct.pack(">I", len(iptc)) + iptc
    payload = b"Photoshop 3.0\x00" + resource
    return b"\xff\xed" + struct.pack(">H", len(payload) + 2) + payload


def secret_jpeg(size=(1200, 800), orientation: int = 1) -> bytes:
    """A JPEG with GPS, serials, owner, artist, maker note, XMP, IPTC, a comment and an sRGB profile."""
    out = io.BytesIO()
    scene(size).save(
        out, "JPEG", quality=90, exif=secret_exif(orientation), xmp=XMP, comment=SECRETS["comment"],
        icc_profile=srgb_profile(),
    )
    data = out.getvalue()
    return data[:2] + iptc_segment() + data[2:]


def secret_png(size=(600, 400)) -> bytes:
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_itxt("XML:com.adobe.xmp", XMP.decode())
    info.add_text("Author", SECRETS["owner"].decode())
    info.add_text("Comment", SECRETS["comment"].decode())
    out = io.BytesIO()
    scene(size, "RGBA").save(out, "PNG", pnginfo=info, exif=secret_exif(), icc_profile=srgb_profile())
    return out.getvalue()


def secret_webp(size=(600, 400)) -> bytes:
    out = io.BytesIO()
    scene(size).save(out, "WEBP", exif=secret_exif(), xmp=XMP, icc_profile=srgb_profile())
    return out.getvalue()


def plain(format: str = "JPEG", size=(800, 600), mode="RGB") -> bytes:
    out = io.BytesIO()
    scene(size, mode).save(out, format)
    return out.getvalue()


def gif(frames: int, size=(40, 30)) -> bytes:
    stills = [Image.new("RGB", size, (i % 256, (i * 7) % 256, 90)) for i in range(frames)]
    out = io.BytesIO()
    stills[0].save(out, "GIF", save_all=True, append_images=stills[1:], duration=50, loop=0,
                   comment=SECRETS["comment"])
    return out.getvalue()


def pixel_bomb(side: int = 10_000) -> bytes:
    """A small PNG that decodes to side² pixels (100 megapixels at the default)."""
    out = io.BytesIO()
    Image.new("1", (side, side)).save(out, "PNG", optimize=True)
    return out.getvalue()


def psd() -> bytes:
    """A minimal valid Photoshop file (1×1 RGB) that Pillow would open if it were allowed to."""
    header = b"8BPS" + struct.pack(">H6xHIIHH", 1, 3, 1, 1, 8, 3)
    sections = struct.pack(">I", 0) * 3  # colour mode data, image resources, layer info: empty
    return header + sections + struct.pack(">H", 0) + b"\x80\x40\x20"


def eps() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(out, "EPS")
    return out.getvalue()


SVG = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">' \
      b'<script>alert(1)</script></svg>'
# An ISO-BMFF header as an iPhone writes it: Pillow has no HEIC reader, and would not be allowed one.
HEIC = struct.pack(">I", 24) + b"ftypheic" + b"\x00\x00\x00\x00" + b"mif1heic" + b"\x00" * 64
HTML = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"


def zip_archive() -> bytes:
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("payload.php", "<?php system($_GET['c']); ?>")
    return out.getvalue()


def hostile_files() -> dict[str, tuple[str, bytes]]:
    """Name -> (the file name it is uploaded as, its bytes): each must be refused."""
    jpeg = plain("JPEG")
    return {
        "zero bytes": ("photo.jpg", b""),
        "truncated JPEG": ("photo.jpg", jpeg[: len(jpeg) // 2]),
        "truncated PNG": ("photo.png", plain("PNG")[:-40]),
        "JPEG with a ZIP appended": ("photo.jpg", jpeg + zip_archive()),
        "JPEG with a script in a comment": ("photo.jpg", _with_comment(jpeg, b"<script>alert(1)</script>")),
        "GIF with HTML appended": ("photo.gif", gif(1) + HTML),
        "SVG": ("photo.svg", SVG),
        "SVG renamed": ("photo.jpg", SVG),
        "HEIC": ("photo.heic", HEIC),
        "EPS": ("photo.eps", eps()),
        "PSD": ("photo.psd", psd()),
        "PSD renamed": ("photo.jpg", psd()),
        "HTML renamed": ("photo.png", HTML),
        "text": ("notes.jpg", b"just some words, not a picture"),
    }


def _with_comment(jpeg: bytes, comment: bytes) -> bytes:
    return jpeg[:2] + b"\xff\xfe" + struct.pack(">H", len(comment) + 2) + comment + jpeg[2:]
