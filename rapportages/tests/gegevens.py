"""Rows the report tests build, shared by their modules."""

from datetime import timedelta

from initiatieven.models import Bijeenkomst


def uur_bijeenkomst(activiteit, begin, status=Bijeenkomst.Status.GEPLAND) -> Bijeenkomst:
    """A meeting of ``activiteit`` from ``begin``, one hour long."""
    return Bijeenkomst.objects.create(
        activiteit=activiteit,
        begin=begin,
        einde=begin + timedelta(hours=1),
        volgens_regel=begin,
        status=status,
    )
