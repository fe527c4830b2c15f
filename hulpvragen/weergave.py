"""The browse lists, fast: HTML that is the same for every reader is rendered once per process.

A row of the request list or the offer list, and the lists' filter form, are a pure function of
a few values: the row's own fields, the language, today's date (a date shows its year only when
it is not this year), whether the row is in the reader's own buurt; the form's choices, labels
and the values filled in. ``Onthouden`` keeps the rendered HTML of the most recent keys in this
process, with *all* those values in the key: a change in any of them is simply another key, so
nothing is ever invalidated and nothing stale can be shown. What depends on the reader (their
buurt) is in the key as a yes/no; what is personal is not in these rows at all.

Why not Django's ``{% cache %}``: one cache round trip per row (twenty per page) costs about
what rendering the row does, and its keys name the row, not its contents, so they must be
invalidated on every change (a renamed category, a helper's new first name, a new year).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable

from django.template.loader import get_template
from django.urls import get_script_prefix
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from .models import Aanbod, Hulpvraag


class Onthouden:
    """The rendered HTML of the ``maximum`` most recently used keys (least recently used out)."""

    def __init__(self, maximum: int):
        self.maximum = maximum
        self._html: OrderedDict[Hashable, SafeString] = OrderedDict()
        self._slot = threading.Lock()

    def __call__(self, sleutel: Hashable, maak: Callable[[], str]) -> SafeString:
        with self._slot:
            html = self._html.get(sleutel)
            if html is not None:
                self._html.move_to_end(sleutel)
                return html
        html = mark_safe(maak())  # noqa: S308 - the output of our own templates
        with self._slot:
            self._html[sleutel] = html
            if len(self._html) > self.maximum:
                self._html.popitem(last=False)
        return html

    def vergeet(self) -> None:
        with self._slot:
            self._html.clear()


rijen = Onthouden(4096)
filterformulieren = Onthouden(512)


def _omgeving() -> tuple:
    """What every piece depends on besides its own values: language, today, the URL prefix."""
    return (get_language(), timezone.localdate(), get_script_prefix())


def _naam(obj) -> str | None:
    return obj.naam if obj is not None else None


def hulpvraag_rij(hulpvraag: Hulpvraag, eigen_buurt_id) -> SafeString:
    """One request of ``hulpvragen/_hulpvraag_rij.html``."""
    h = hulpvraag
    eigen = h.buurt_id is not None and h.buurt_id == eigen_buurt_id
    sleutel = (
        "hulpvraag",
        *_omgeving(),
        h.pk,
        h.titel,
        h.beschrijving,
        _naam(h.categorie),
        h.urgentie,
        h.wanneer,
        h.datum,
        h.tijd_van,
        h.tijd_tot,
        h.uiterlijk,
        h.weekdag,
        h.herhalen_tot,
        h.buurt_id,
        _naam(h.buurt),
        eigen,
    )
    return rijen(
        sleutel,
        lambda: get_template("hulpvragen/_hulpvraag_rij.html").render(
            {"hulpvraag": h, "eigen_buurt_id": eigen_buurt_id}
        ),
    )


def aanbod_rij(aanbod: Aanbod, eigen_buurt_id) -> SafeString:
    """One offer of ``hulpvragen/_aanbod_rij.html`` (``Aanbod.objects.voor_lijst()``)."""
    a = aanbod
    eigen = a.buurt_id is not None and a.buurt_id == eigen_buurt_id
    sleutel = (
        "aanbod",
        *_omgeving(),
        a.pk,
        a.titel,
        a.beschrijving,
        tuple(c.naam for c in a.lijst_categorieen),
        str(a.helper.display_name),
        a.bereik,
        a.buurt_id,
        _naam(a.buurt),
        eigen,
        tuple(b.naam for b in a.lijst_buurten) if a.bereik == "buurten" else (),
    )
    return rijen(
        sleutel,
        lambda: get_template("hulpvragen/_aanbod_rij.html").render(
            {"aanbod": a, "eigen_buurt_id": eigen_buurt_id}
        ),
    )


def filter_velden(form) -> SafeString:
    """The fields of a list's filter form (``hulpvragen/_filter_velden.html``). A choice field
    whose choices come from the database reads them once, for the key and the HTML both."""
    velden = []
    for naam, veld in form.fields.items():
        keuzes = getattr(veld.widget, "choices", None)
        if keuzes is not None:
            keuzes = list(iter(keuzes))  # not list(keuzes): that counts the rows first
            veld.widget.choices = keuzes  # the widget of a model choice field would query again
            keuzes = tuple((str(waarde), str(label)) for waarde, label in keuzes)
        velden.append(
            (naam, str(veld.label), str(veld.help_text), veld.required, type(veld.widget), keuzes)
        )
    gegevens = ()
    if form.is_bound:
        data = form.data
        gegevens = tuple(
            sorted(
                (k, tuple(data.getlist(k)) if hasattr(data, "getlist") else (str(data[k]),))
                for k in data
            )
        )
    sleutel = (type(form).__qualname__, *_omgeving(), form.is_bound, gegevens, tuple(velden))
    return filterformulieren(
        sleutel,
        lambda: get_template("hulpvragen/_filter_velden.html").render({"form": form}),
    )
