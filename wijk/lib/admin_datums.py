"""The admin's forms take dates only within the app's range too (``wijk.lib.forms``).

A date of the year 1 typed in the admin (a closure, a contact moment) would be stored and then
break the pages that read it, as it did through the app's own forms before they got the range.
``begrens_admin_datums(site)`` gives every registered ModelAdmin, and every inline of one, the
validator ``datum_in_bereik`` on its date and date-time fields; ``wijk.apps.WijkConfig.ready``
calls it once, after every app has registered its admin classes.
"""

from django.db import models

from .forms import datum_in_bereik

DATUMVELDEN = (models.DateField, models.DateTimeField)


def _met_bereik(overrides: dict) -> dict:
    overrides = {k: dict(v) for k, v in overrides.items()}
    for veld in DATUMVELDEN:
        validators = list(overrides.setdefault(veld, {}).get("validators", []))
        if datum_in_bereik not in validators:
            validators.append(datum_in_bereik)
        overrides[veld]["validators"] = validators
    return overrides


def begrens_admin_datums(site) -> int:
    """Returns how many admin classes were given the range."""
    aantal = 0
    for model_admin in site._registry.values():
        # The instance merged Django's defaults (widgets) into its own overrides already.
        model_admin.formfield_overrides = _met_bereik(model_admin.formfield_overrides)
        aantal += 1
        for inline in model_admin.inlines:
            # Inlines are made per request from their class: set it on the class.
            if not getattr(inline, "_wijk_datumbereik", False):
                inline.formfield_overrides = _met_bereik(inline.formfield_overrides)
                inline._wijk_datumbereik = True
                aantal += 1
    return aantal


__all__ = ["begrens_admin_datums"]
