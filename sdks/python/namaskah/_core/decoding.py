"""Response bodies into typed values: validated when they match the contract, constructed leniently when
they do not (a newer server's enum value, a field it stopped sending), so a response is never lost."""

from __future__ import annotations

import types
from typing import Annotated, Any, Literal, Union, get_args, get_origin

import pydantic
from pydantic.fields import FieldInfo

_adapters: dict[Any, pydantic.TypeAdapter[Any]] = {}


def decode(cast_to: Any, data: object) -> Any:
    """``data`` (parsed JSON) as ``cast_to`` (a model class, a union alias, a list...)."""
    if cast_to is object:
        return data
    try:
        if isinstance(cast_to, type) and issubclass(cast_to, pydantic.BaseModel):
            return cast_to.model_validate(data)
        adapter = _adapters.get(cast_to)
        if adapter is None:
            adapter = _adapters[cast_to] = pydantic.TypeAdapter(cast_to)
        return adapter.validate_python(data)
    except pydantic.ValidationError:
        return construct(cast_to, data)


def construct(annotation: Any, data: object) -> Any:
    """Builds ``annotation`` from ``data`` without validation, keeping which keys were present."""
    if data is None:
        return None
    origin = get_origin(annotation)
    if origin is Annotated:
        inner, *metadata = get_args(annotation)
        discriminator = next(
            (m.discriminator for m in metadata if isinstance(m, FieldInfo) and m.discriminator), None
        )
        if isinstance(discriminator, str) and isinstance(data, dict):
            for variant in get_args(inner):
                if _literal_of(variant, discriminator) == data.get(discriminator):
                    return construct(variant, data)
        return construct(inner, data)
    if origin in (Union, types.UnionType):
        variants = [v for v in get_args(annotation) if v is not type(None)]
        for variant in variants:
            try:
                return pydantic.TypeAdapter(variant).validate_python(data)
            except pydantic.ValidationError:
                continue
        models = [v for v in variants if isinstance(v, type) and issubclass(v, pydantic.BaseModel)]
        return construct(models[0], data) if models and isinstance(data, dict) else data
    if origin is list and isinstance(data, list):
        (item,) = get_args(annotation) or (Any,)
        return [construct(item, v) for v in data]
    if origin is dict and isinstance(data, dict):
        _, value = get_args(annotation) or (str, Any)
        return {k: construct(value, v) for k, v in data.items()}
    if isinstance(annotation, type) and issubclass(annotation, pydantic.BaseModel) and isinstance(data, dict):
        values: dict[str, Any] = {}
        present: set[str] = set()
        known: set[str] = set()
        for name, field in annotation.model_fields.items():
            key = field.alias or name
            known.add(key)
            if key in data:
                values[name] = construct(field.annotation, data[key])
                present.add(name)
        extra = {k: v for k, v in data.items() if k not in known}
        return annotation.model_construct(_fields_set=present, **values, **extra)
    return data


def _literal_of(model: Any, field: str) -> object:
    if not (isinstance(model, type) and issubclass(model, pydantic.BaseModel)):
        return None
    info = model.model_fields.get(field)
    if info is None or get_origin(info.annotation) is not Literal:
        return None
    values = get_args(info.annotation)
    return values[0] if len(values) == 1 else None


__all__ = ["construct", "decode"]
