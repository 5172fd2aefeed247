"""Our templates: nothing meant for developers reaches the page."""

from pathlib import Path

import pytest
from django.conf import settings

TEMPLAT = sorted(p for d in settings.TEMPLATES[0]["DIRS"] for p in Path(d).rglob("*.html"))


@pytest.mark.parametrize("templat", TEMPLAT, ids=[p.name for p in TEMPLAT])
def test_comments_are_on_one_line_or_in_a_comment_block(templat):
    # Django's {# ... #} spans one line only: a comment running onto the next line is printed on the page.
    for nomor, baris in enumerate(templat.read_text().splitlines(), 1):
        awal = baris.find("{#")
        assert awal < 0 or "#}" in baris[awal:], f"{templat}:{nomor}: {{# tanpa #}} di baris yang sama"
