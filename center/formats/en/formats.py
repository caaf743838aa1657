# English UI, still Vietnamese-style dates (the documents are Vietnamese); only the number separators differ.
from center.formats.vi.formats import *  # noqa: F403

DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
