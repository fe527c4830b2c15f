"""Forms the browser tests fill the same way on more than one page."""

from datetime import timedelta

from django.utils import timezone


def hulpvraag_invullen(page, *, titel: str, wat: str, prive: str) -> None:
    """Fill the help-request form (the resident's own, or a buurtassistent's for them) for a
    ride on a fixed day, two days from now, 09:30-11:30, and post it."""
    page.get_by_label("Waarbij heb je hulp nodig?").select_option(label="Vervoer")
    page.get_by_label("Korte titel").fill(titel)
    page.get_by_label("Wat moet er gebeuren?").fill(wat)
    page.get_by_label("Privé-details").fill(prive)
    page.get_by_label("Op een vaste dag en tijd").check()
    dag = timezone.localdate() + timedelta(days=2)
    page.get_by_label("Op welke dag?").fill(dag.isoformat())
    page.get_by_label("Van (tijd)").fill("09:30")
    page.get_by_label("Tot (tijd)").fill("11:30")
    page.get_by_role("button", name="Hulpvraag plaatsen").click()
