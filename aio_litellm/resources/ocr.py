"""``client.ocr``: text out of documents and images (``POST /ocr``)."""

from __future__ import annotations

from typing_extensions import Unpack

from .. import _jsonutil
from .._endpoint import Endpoint
from .._multipart import FileTypes
from .._resource import Resource, require
from ..types.ocr import OCRCreateParams, OCRResponse

__all__ = ["Ocr"]

# Reading a document changes nothing: a resend is harmless.
CREATE = Endpoint("POST", "/ocr", OCRResponse, "ocr.create")


class Ocr(Resource):
    __slots__ = ()

    async def create(
        self, *, file: FileTypes | None = None, **params: Unpack[OCRCreateParams]
    ) -> OCRResponse:
        """Extract the text of a document, page by page. ``POST /ocr``.

        Pass ``document={"type": "document_url", "document_url": ...}`` (JSON), or ``file=`` a
        local file (bytes, a path, ``(name, bytes, content_type)``) sent as multipart.
        """
        require("ocr.create", params, "model")
        if (file is None) == ("document" not in params):
            raise TypeError("ocr.create() needs exactly one of document= or file=")
        if file is None:
            return await self._client._call(CREATE, json=params)
        # The proxy reads each form field as JSON when it parses (pages=[0, 1]), as text if not.
        form = {
            k: v if isinstance(v, str) else _jsonutil.dumps(v).decode() for k, v in params.items()
        }
        return await self._client._call(CREATE, form=form, files={"file": file})
