"""Small query expressions several apps use."""

from django.db.models import F, Func, IntegerField, QuerySet, Subquery


def aantal(rijen: QuerySet) -> Subquery:
    """The number of ``rijen`` as a scalar subquery, for ``annotate`` (``rijen`` refers to the
    outer row with ``OuterRef``): ``SELECT COUNT(id) FROM ... WHERE ...``, always one row, 0
    when none. Unlike a join with GROUP BY it counts only for the rows the outer query keeps
    (a page of 20), and a ``count()`` of the outer query leaves it out."""
    telling = rijen.order_by().annotate(aantal=Func(F("pk"), function="COUNT"))
    return Subquery(telling.values("aantal"), output_field=IntegerField())
