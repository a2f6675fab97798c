"""Attachments on the staff screens: the files of a petition, its upload form, and the
download of a file or its thumbnail.

Downloads answer 404 to anyone who may not see the petition, and are never cached by shared
caches or sniffed into another type by the browser.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from starlette.datastructures import FormData, UploadFile
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from models import Petition
from resolvers.attachments import (
    Upload,
    add_attachments,
    attach_targets,
    petition_attachments,
    read_attachment,
)
from resolvers.reads import get_petition
from web.session import LoginRequired, authenticate, clock, render, staff
from workflow.actors import Actor
from workflow.attachments import AttachmentOwner
from workflow.errors import ErrorCode, WorkflowError


async def uploads_of(form: FormData, name: str) -> list[Upload]:
    """The files a form sent under `name` (an empty file input sends one nameless part)."""
    files = []
    for item in form.getlist(name):
        if isinstance(item, UploadFile) and (item.filename or item.size):
            files.append(Upload(item.filename or "", await item.read()))
    return files


async def attachments_context(actor: Actor, p: Petition) -> dict[str, Any]:
    """What the petition page's attachments section needs."""
    return {
        "attachments": await petition_attachments(actor, p.id),
        "attach_targets": await attach_targets(actor, p),
    }


def _headers(filename: str, content_type: str) -> dict[str, str]:
    inline = content_type.startswith("image/")
    ascii_name = filename.encode("ascii", "replace").decode().replace("?", "_").replace('"', "")
    disposition = "inline" if inline else "attachment"
    return {
        "Content-Disposition": (
            f"{disposition}; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"
        ),
        "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": "default-src 'none'; sandbox",
    }


async def _download(request: Request, thumbnail: bool) -> Response:
    actor, _ = await authenticate(request, clock(request))
    if actor is None:
        if request.headers.get("authorization"):
            return PlainTextResponse("未登录", status_code=401)
        raise LoginRequired()
    try:
        row, data, content_type = await read_attachment(
            actor, request.path_params["id"], thumbnail
        )
    except WorkflowError:
        return PlainTextResponse(
            "附件不存在或无权查看", status_code=404, headers={"Cache-Control": "no-store"}
        )
    name = row.filename if not thumbnail else row.filename.rsplit(".", 1)[0] + "-缩略图.jpg"
    return Response(data, media_type=content_type, headers=_headers(name, content_type))


async def download(request: Request) -> Response:
    return await _download(request, thumbnail=False)


async def download_thumbnail(request: Request) -> Response:
    return await _download(request, thumbnail=True)


def _target(raw: str) -> tuple[int | None, int | None]:
    """The form's target: "" (the petition), "REPLY:<id>" or "REVIEW:<id>"."""
    owner, _, ident = raw.partition(":")
    if not ident.isdigit():
        return None, None
    if owner == AttachmentOwner.REPLY:
        return int(ident), None
    if owner == AttachmentOwner.REVIEW:
        return None, int(ident)
    return None, None


async def upload(request: Request) -> Response:
    actor = await staff(request)
    pid: int = request.path_params["id"]
    async with request.form() as form:
        reply_id, review_id = _target(str(form.get("target", "")))
        files = await uploads_of(form, "files")
        site_location = bool(form.get("site_location"))
    try:
        await add_attachments(
            actor,
            pid,
            files,
            clock(request),
            field="files",
            reply_id=reply_id,
            review_id=review_id,
            site_location=site_location,
        )
    except WorkflowError as exc:
        if exc.code is ErrorCode.NOT_FOUND:
            return PlainTextResponse(exc.message, status_code=404)
        try:
            p = await get_petition(actor, pid)
        except WorkflowError:
            return PlainTextResponse(exc.message, status_code=404)
        ctx = await attachments_context(actor, p)
        status = 422 if exc.code is ErrorCode.INVALID_FIELD else 403
        htmx = bool(request.headers.get("hx-request"))
        page = "_attachments.html" if htmx else "attachments_refused.html"
        return render(request, page, {"p": p, "attach_error": exc.message, **ctx}, status)
    target = f"/petitions/{pid}#attachments"
    if request.headers.get("hx-request"):
        return Response(status_code=204, headers={"HX-Redirect": target})
    return RedirectResponse(target, status_code=303)


routes = [
    Route("/attachments/{id:int}", download, methods=["GET"]),
    Route("/attachments/{id:int}/thumbnail", download_thumbnail, methods=["GET"]),
    # Before the petition's "/petitions/{id}/{action}" routes.
    Route("/petitions/{id:int}/attachments", upload, methods=["POST"]),
]
