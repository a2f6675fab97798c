"""Place names of the city (roads, estates, areas), each tied to the street or community whose
area it lies in: how intake finds a community from an address."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from models.org import Unit


class PlaceName(Model):
    id = fields.IntField(primary_key=True)
    # A community, or a street for names that span several of its communities.
    unit: fields.ForeignKeyRelation[Unit] = fields.ForeignKeyField(
        "models.Unit", related_name="place_names", on_delete=fields.RESTRICT
    )
    name = fields.CharField(max_length=64)

    unit_id: int

    class Meta:
        table = "place_name"
        unique_together = (("unit", "name"),)
