"""Lookups that keep typed input from overflowing a column (registered from CenterConfig.ready)."""

from django.db.models import IntegerField
from django.db.models.lookups import In


class IntegerFieldIn(In):
    """``pk__in=[…]`` where a value is beyond the column's range (someone typed 99999999999999999999 as an
    id): that value matches nothing, as Django already does for ``pk=…``, instead of overflowing (SQLite)
    or failing the query (PostgreSQL)."""

    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            low, high = connection.ops.integer_field_range(self.lhs.output_field.get_internal_type())
            self.rhs = [
                value
                for value in self.rhs
                if not isinstance(value, int) or ((low is None or value >= low) and (high is None or value <= high))
            ]
        return super().process_rhs(compiler, connection)


def register_lookups() -> None:
    IntegerField.register_lookup(IntegerFieldIn)
