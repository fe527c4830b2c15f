"""Availability as a 21-bit mask: 7 weekdays × 3 parts of the day.

Bit ``dag * 3 + dagdeel`` is set when the resident is usually free then (dag 0 = maandag,
dagdeel 0 = ochtend, 1 = middag, 2 = avond). One integer column is cheap to store, to compare
(``mask_a & mask_b``) and to filter on in SQL, which the matching engine uses.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

DAGEN = [
    _("maandag"),
    _("dinsdag"),
    _("woensdag"),
    _("donderdag"),
    _("vrijdag"),
    _("zaterdag"),
    _("zondag"),
]
# Short names for narrow screens (the availability grid on a phone); the full name stays in the
# page for assistive technology.
DAGEN_KORT = [_("ma"), _("di"), _("wo"), _("do"), _("vr"), _("za"), _("zo")]
DAGDELEN = [_("ochtend"), _("middag"), _("avond")]
ALL = (1 << 21) - 1


def bit(dag: int, dagdeel: int) -> int:
    if not (0 <= dag < 7 and 0 <= dagdeel < 3):
        raise ValueError("dag 0-6 en dagdeel 0-2")
    return 1 << (dag * 3 + dagdeel)


@dataclass(frozen=True)
class Beschikbaarheid:
    mask: int = 0

    @classmethod
    def from_slots(cls, slots) -> Beschikbaarheid:
        """From an iterable of ``"dag-dagdeel"`` strings such as ``"0-1"`` (maandagmiddag)."""
        mask = 0
        for slot in slots:
            dag, dagdeel = (int(x) for x in str(slot).split("-"))
            mask |= bit(dag, dagdeel)
        return cls(mask)

    def slots(self) -> list[str]:
        return [f"{d}-{p}" for d in range(7) for p in range(3) if self.mask & bit(d, p)]

    def has(self, dag: int, dagdeel: int) -> bool:
        return bool(self.mask & bit(dag, dagdeel))

    def overlaps(self, other: Beschikbaarheid | int) -> bool:
        other_mask = other.mask if isinstance(other, Beschikbaarheid) else other
        return bool(self.mask & other_mask)

    def overlap_count(self, other: Beschikbaarheid | int) -> int:
        other_mask = other.mask if isinstance(other, Beschikbaarheid) else other
        return (self.mask & other_mask).bit_count()

    def __bool__(self) -> bool:
        return bool(self.mask)

    def describe(self) -> str:
        """Short Dutch text, e.g. 'maandag ochtend, middag; zaterdag ochtend'."""
        parts = []
        for d in range(7):
            delen = [str(DAGDELEN[p]) for p in range(3) if self.has(d, p)]
            if delen:
                parts.append(f"{DAGEN[d]} {', '.join(delen)}")
        return "; ".join(parts)

    def grid(self) -> list[tuple[str, list[tuple[str, str, bool]]]]:
        """Rows for a table: (dag, [(slot value, dagdeel label, checked), ...])."""
        return [
            (
                str(DAGEN[d]),
                [(f"{d}-{p}", str(DAGDELEN[p]), self.has(d, p)) for p in range(3)],
            )
            for d in range(7)
        ]
