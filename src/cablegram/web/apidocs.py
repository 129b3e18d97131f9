"""The API documentation page, rendered on the server from the OpenAPI document.

FastAPI's Swagger UI and ReDoc pages load their scripts from a CDN and start them
with an inline script; this server allows neither (no network, a
Content-Security-Policy of ``'self'``). So ``/api`` is an ordinary page written from
``app.openapi()``: every operation by group, with its description, parameters
(type, default, limits), responses and an example URL to try. The machine-readable
document stays at ``/openapi.json``.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote, urlencode

_METHODS = ("get", "post", "put", "patch", "delete")
_LIMITS = (
    ("minimum", ">= {}"),
    ("maximum", "<= {}"),
    ("minLength", "at least {} characters"),
    ("maxLength", "at most {} characters"),
    ("pattern", "matches {}"),
)


def _type(schema: dict[str, Any]) -> str:
    """A parameter's type in words: ``integer``, ``string``, ``array of string``."""
    if "anyOf" in schema:
        names = [_type(option) for option in schema["anyOf"] if option.get("type") != "null"]
        return " or ".join(names) or "null"
    if schema.get("type") == "array":
        return "array of " + _type(schema.get("items", {}))
    if "$ref" in schema:
        return str(schema["$ref"]).rsplit("/", 1)[-1]
    return str(schema.get("type", "any"))


def _limits(schema: dict[str, Any]) -> list[str]:
    found = []
    for option in [schema, *schema.get("anyOf", [])]:
        for key, words in _LIMITS:
            if key in option:
                found.append(words.format(option[key]))
    return found


def _parameter(parameter: dict[str, Any]) -> dict[str, Any]:
    schema = parameter.get("schema", {})
    return {
        "name": parameter["name"],
        "in": parameter.get("in", "query"),
        "required": bool(parameter.get("required")),
        "type": _type(schema),
        "default": schema.get("default"),
        "limits": _limits(schema),
        "description": parameter.get("description") or schema.get("description") or "",
        "example": (parameter.get("examples") or schema.get("examples") or [None])[0],
    }


def _example(path: str, parameters: list[dict[str, Any]]) -> str | None:
    """A URL to try: path parameters filled with their examples (None if one lacks one)."""
    url = path
    for parameter in parameters:
        if parameter["in"] == "path":
            if parameter["example"] is None:
                return None
            url = url.replace("{" + parameter["name"] + "}", quote(str(parameter["example"])))
    queries = {p["name"]: p["example"] for p in parameters if p["in"] == "query" and p["example"]}
    return url + ("?" + urlencode(queries) if queries else "")


def _paragraphs(text: str) -> list[str]:
    """A docstring as paragraphs, reST double backquotes reduced to plain text."""
    text = re.sub(r"``([^`]+)``", r"\1", text)
    return [" ".join(block.split()) for block in re.split(r"\n\s*\n", text) if block.strip()]


def describe(schema: dict[str, Any]) -> dict[str, Any]:
    """The page data: the API's title and version and its operations by group."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for path, item in schema.get("paths", {}).items():
        for method in _METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            parameters = [_parameter(p) for p in operation.get("parameters", [])]
            responses = [
                {"status": status, "description": response.get("description", "")}
                for status, response in sorted(operation.get("responses", {}).items())
            ]
            entry = {
                "method": method.upper(),
                "path": path,
                "anchor": re.sub(r"[^a-z0-9]+", "-", f"{method} {path}".lower()).strip("-"),
                "summary": operation.get("summary", ""),
                "description": _paragraphs(operation.get("description", "")),
                "parameters": parameters,
                "responses": responses,
                "example": _example(path, parameters) if method == "get" else None,
            }
            for tag in operation.get("tags") or ["other"]:
                groups.setdefault(tag, []).append(entry)
    info = schema.get("info", {})
    return {
        "title": info.get("title", "API"),
        "version": info.get("version", ""),
        "summary": info.get("summary") or info.get("description") or "",
        "groups": [{"name": name, "operations": ops} for name, ops in groups.items()],
        "links": {"json": "/openapi.json"},
    }
