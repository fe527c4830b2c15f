"""The printed tables of ``bench_cooperaties``: the rows per coöperatie, the slowest queries,
the figures side by side, the cost of row-level security, and the targets of issue 14. Each
prints through ``schrijf`` (the command's own output)."""

from __future__ import annotations

import statistics

from bewoners.models import User
from cooperaties.models import Cooperatie

from .meten import FIGUREN, MIGRATES, plan
from .muur import MODI, meerkosten

DOEL_VERHOUDING = 1.5
DOEL_MUUR = 0.10  # the second wall may cost at most 10%


def print_per_cooperatie(schrijf, aantallen, eerste, klein_aantallen) -> None:
    schrijf("  Rijen per coöperatie (over alle coöperaties geteld):")
    schrijf(
        f"    {'tabel':<14} {'coöperaties':>11} {'min':>7} {'max':>7} {'fase 1':>7} {'samen':>9}"
    )
    for wat, per in aantallen.items():
        waarden = list(per.values()) or [0]
        schrijf(
            f"    {wat:<14} {len(per):>11} {min(waarden):>7} {max(waarden):>7} "
            f"{klein_aantallen[wat].get(eerste.pk, 0):>7} {sum(waarden):>9}"
        )
    schrijf(f"    mensen (User, over alle coöperaties): {User.objects.count()}")


def print_trage(schrijf, opties: dict, klein, groot, cooperatie) -> None:
    """Per page the slowest queries of one request at the large size, beside the same
    query (the same place in the request) at the small size; with ``--explain`` their
    plan as the app runs them (its role, its coöperatie)."""
    if opties["trage"] <= 0:
        return
    schrijf(
        f"  Traagste queries per pagina (één verzoek; ms bij 1 coöperatie → bij "
        f"{Cooperatie.objects.count()}):"
    )
    for sleutel, label in FIGUREN[1:]:
        paren = list(zip(klein[sleutel]["sql"], groot[sleutel]["sql"], strict=False))
        paren.sort(key=lambda p: p[1][0], reverse=True)
        for (ms_klein, _), (ms_groot, sql) in paren[: opties["trage"]]:
            kort = " ".join(sql.split())
            kort = kort if len(kort) <= 300 else kort[:297] + "..."
            schrijf(f"    {label}: {ms_klein:.0f} → {ms_groot:.0f} ms: {kort}")
            if opties["explain"]:
                schrijf("      " + plan(sql, cooperatie).replace("\n", "\n      "))


def print_tabel(
    schrijf, opties: dict, klein, groot, laatst, verhouding, laatste, naast_elkaar
) -> None:
    o = opties
    k1, kn = f"1 × {o['bewoners']}", f"{o['cooperaties']} × {o['bewoners']}"
    nr = f"nr. {o['cooperaties']}"
    schrijf("")
    schrijf(
        f"Mediaan in ms ({o['runs']} verzoeken per pagina en {o['matches']} keer matching "
        "per maat), de eerste coöperatie; "
        + (
            f"om de beurt in {o['rondes']} rondes, de verhouding is de mediaan van die "
            "van de rondes"
            if naast_elkaar
            else "na elkaar"
        )
        + f"; '{nr}': de laatste ({laatste.slug}, de helft van de metingen); queries: de "
        "SQL van één verzoek, bij 1 en bij meer:"
    )
    schrijf(f"  {'cijfer':<34} {k1:>12} {kn:>12} {'verhouding':>10} {'queries':>13} {nr:>10}")
    for sleutel, label in FIGUREN:
        a, b, c = klein[sleutel], groot[sleutel], laatst[sleutel]
        queries = f"{a['queries']} / {b['queries']}"
        schrijf(
            f"  {label:<34} {a['ms']:>12.1f} {b['ms']:>12.1f} {verhouding[sleutel]:>10.2f} "
            f"{queries:>13} {c['ms']:>10.1f}"
        )
    for sleutel, label in MIGRATES:
        if sleutel in klein and sleutel in groot:
            schrijf(
                f"  {label:<34} {klein[sleutel] * 1000:>12.0f} {groot[sleutel] * 1000:>12.0f} "
                f"{verhouding[sleutel]:>10.2f} {'—':>13} {'—':>10}"
            )
    if o["migrates"]:
        schrijf(
            f"  (migrate: {min(o['migrates'], o['rondes'])} keer per maat; 'proces' = "
            "manage.py migrate in een eigen proces, opstarten inbegrepen; 'hier' = "
            "call_command in dit proces)"
        )


def print_muur(schrijf, opties: dict, muur) -> None:
    if muur is None:
        return
    tijden, verkeer = muur["tijden"], muur["verkeer"]
    schrijf("")
    schrijf(
        "Kosten van de rijbeveiliging (RLS), de gegroeide database, de eerste coöperatie: de "
        f"mediaan in ms van de mediaan per ronde ({opties['rondes']} rondes):"
    )
    schrijf(f"  {'cijfer':<34} " + " ".join(f"{m:>22}" for m in MODI))
    for sleutel, label in FIGUREN:
        cellen = []
        for m in MODI:
            t = tijden[m][sleutel]
            cellen.append(f"{statistics.median(t):>22.1f}" if t else f"{'—':>22}")
        schrijf(f"  {label:<34} " + " ".join(cellen))
    schrijf("  Meerkosten t.o.v. zonder muur (de mediaan van de verhouding per ronde):")
    for sleutel, label in FIGUREN:
        delen = [
            f"{m} {meerkosten(tijden, m, sleutel):+.1%}"
            for m in MODI[:1] + MODI[2:]
            if tijden[m][sleutel]
        ]
        schrijf(f"    {label:<32} " + ", ".join(delen))
    schrijf(
        "  Verkeer van één verzoek: SQL-queries / statements naar de server (set_config "
        "meegeteld) / waarvan set_config / transacties (elk ook een BEGIN en een COMMIT):"
    )
    for sleutel, label in FIGUREN[1:]:
        cellen = []
        for m in MODI:
            v = verkeer[m].get(sleutel)
            cellen.append(
                f"{v['queries']}/{v['statements']}/{v['set_config']}/{v['transacties']}"
                if v
                else "—"
            )
        schrijf(f"    {label:<32} " + " ".join(f"{c:>22}" for c in cellen))


def print_doel(schrijf, klein, groot, verhouding, muur) -> None:
    schrijf("")
    traag = {k: v for k, v in verhouding.items() if v >= DOEL_VERHOUDING}
    gelijk = all(str(klein[k]["queries"]) == str(groot[k]["queries"]) for k, _ in FIGUREN)
    schrijf(
        f"Doel: elke verhouding onder {DOEL_VERHOUDING}: "
        + (
            "gehaald"
            if not traag
            else f"NIET gehaald ({', '.join(f'{k} {v:.2f}' for k, v in traag.items())})"
        )
        + f" (hoogste {max(verhouding.values()):.2f})"
    )
    schrijf(f"Doel: dezelfde queries: {'ja' if gelijk else 'NEE'}")
    if muur is None:
        schrijf(f"Doel: de muur kost minder dan {DOEL_MUUR:.0%}: niet gemeten")
        return
    overhead = {k: meerkosten(muur["tijden"], "muur", k) for k, _ in FIGUREN}
    boven = {k: v for k, v in overhead.items() if v >= DOEL_MUUR}
    schrijf(
        f"Doel: de muur kost minder dan {DOEL_MUUR:.0%}: "
        + (
            "gehaald"
            if not boven
            else "NIET gehaald (" + ", ".join(f"{k} {v:+.1%}" for k, v in boven.items()) + ")"
        )
        + f" (hoogste {max(overhead.values()):+.1%})"
    )
