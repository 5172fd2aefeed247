import uuid

import pytest

from tests.keamanan.skenario import Adegan


@pytest.fixture(autouse=True)
def _cache_dan_media_sendiri(settings, tmp_path):
    """A fresh in-process cache (the public forms' rate limits count per address) and a scratch MEDIA_ROOT."""
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": uuid.uuid4().hex}
    }
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def adegan(org):
    return Adegan(org)
