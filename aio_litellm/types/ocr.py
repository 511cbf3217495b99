"""Parameters and results of ``client.ocr`` (Mistral's OCR shape, LiteLLM's normal form)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal

from typing_extensions import Required, TypedDict

from .._models import BaseModel, Response

__all__ = [
    "OCRCreateParams",
    "OCRDocument",
    "OCRPage",
    "OCRPageDimensions",
    "OCRPageImage",
    "OCRResponse",
    "OCRUsageInfo",
]


class OCRDocument(TypedDict, total=False):
    """A document given by address: ``{"type": "document_url", "document_url": "https://..."}``
    or ``{"type": "image_url", "image_url": "data:image/png;base64,..."}``. To send a local
    file, pass ``file=`` to ``ocr.create`` instead (the proxy refuses ``type: file`` in JSON)."""

    type: Required[Literal["document_url", "image_url"] | str]
    document_url: str
    image_url: str
    document_name: str


class OCRCreateParams(TypedDict, total=False):
    """Body of ``POST /ocr`` (``document``, or ``file`` as a separate argument)."""

    model: Required[str]
    document: OCRDocument
    pages: Sequence[int]
    include_image_base64: bool
    image_limit: int
    image_min_size: int
    bbox_annotation_format: Mapping[str, Any]
    document_annotation_format: Mapping[str, Any]
    req_format: Literal["litellm", "native"]
    """``native``: the provider's own payload (Azure Document Intelligence), not LiteLLM's."""


class OCRPageDimensions(BaseModel):
    dpi: int | None = None
    height: int | None = None
    width: int | None = None


class OCRPageImage(BaseModel):
    id: str | None = None
    image_base64: str | None = None
    bbox: dict[str, Any] | None = None


class OCRPage(BaseModel):
    index: int
    markdown: str = ""
    images: list[OCRPageImage] | None = None
    dimensions: OCRPageDimensions | None = None


class OCRUsageInfo(BaseModel):
    pages_processed: int | None = None
    pages_processed_annotation: int | None = None
    credits: float | None = None
    doc_size_bytes: int | None = None


class OCRResponse(Response):
    """``POST /ocr``: the text of each page as markdown (``req_format="native"`` answers the
    provider's own shape instead; its fields are then extras)."""

    object: str = "ocr"
    model: str | None = None
    pages: list[OCRPage] = []
    usage_info: OCRUsageInfo | None = None
    document_annotation: Any = None
    content: str | None = None
    tables: list[dict[str, Any]] | None = None

    @property
    def text(self) -> str:
        """Every page's markdown, in order, separated by blank lines."""
        return "\n\n".join(page.markdown for page in self.pages)
