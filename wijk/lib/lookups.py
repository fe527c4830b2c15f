"""``__in`` on an integer column with a number the column cannot hold matches nothing.

Django's own ``exact``, ``gt``, ``gte``, ``lt`` and ``lte`` on integer columns already do this
(``IntegerFieldOverflow``); ``in`` does not, and SQLite's driver then raises ``OverflowError``.
A form's ``ModelMultipleChoiceField`` asks ``pk__in=[...]`` with whatever ids were posted, so a
posted 9223372036854775808 answered 500 on SQLite instead of "Selecteer een geldige keuze".
Registered for every IntegerField (and so every AutoField and BigAutoField primary key) in
``wijk.apps.WijkConfig.ready``.
"""

from django.db.models import IntegerField
from django.db.models.lookups import In


@IntegerField.register_lookup
class IntegerFieldIn(In):
    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            laagste, hoogste = connection.ops.integer_field_range(
                self.lhs.output_field.get_internal_type()
            )
            self.rhs = [
                waarde
                for waarde in self.rhs
                if not isinstance(waarde, int)
                or (
                    (laagste is None or waarde >= laagste)
                    and (hoogste is None or waarde <= hoogste)
                )
            ]
        # With nothing left, ``In`` raises EmptyResultSet: the query matches no row.
        return super().process_rhs(compiler, connection)
