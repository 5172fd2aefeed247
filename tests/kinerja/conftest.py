import pytest


@pytest.fixture(autouse=True)
def _pengaturan_uji(settings):
    """Production defaults that get in the way of page tests.

    The test client speaks plain HTTP (production redirects to https); templates must render without a
    collectstatic manifest; the production password hasher costs ~0.3 s per user and these tests check access
    rules, not key stretching.
    """
    settings.SECURE_SSL_REDIRECT = False
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
