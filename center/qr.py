"""QR codes printed on paper and shown on screens (certificates, account slips, public timetables)."""

from functools import lru_cache

import segno


@lru_cache(maxsize=1024)
def qr_data_uri(url: str, *, scale: int = 4, border: int = 2, svg: bool = False) -> str:
    """A ``data:`` URI of the QR code of ``url`` (PNG for print, SVG for screens). Error correction M; a
    fixed mask skips segno's search over the eight masks (about 10× faster; every reader decodes any
    mask). Pure and deterministic, so the per-process cache is the same on every server."""
    code = segno.make_qr(url, error="m", mask=3, boost_error=False)
    if svg:
        return code.svg_data_uri(scale=scale, border=border)
    return code.png_data_uri(scale=scale, border=border)
