"""Path converters shared by the apps' URLconfs (registered from CenterConfig.ready)."""


class TokenConverter:
    """A secret made by ``secrets.token_urlsafe`` (letters, digits, "-" and "_"). Anything else — a NUL
    byte, a megabyte of text — does not match the URL, so it is a 404 and never reaches a query."""

    regex = "[A-Za-z0-9_-]{1,128}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value
