"""Path converters every app's URLs share.

``<id:name>`` is a database row id: 1 to 18 digits. Django's ``<int:…>`` takes any number of
digits, and an id no database column can hold fails in the database driver (SQLite raises
OverflowError: a 500). Such an address now simply matches nothing: 404.
"""


class RowIdConverter:
    regex = "[0-9]{1,18}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return str(value)
