"""System checks of the DMS settings (docs/DMS.md)."""

from qa.checks import dms_settings_check


def ids(settings) -> set[str]:
    return {problem.id for problem in dms_settings_check()}


def test_a_dms_url_needs_a_secret_and_https(settings):
    settings.DEBUG = False
    settings.DMS_WEBHOOK_URL, settings.DMS_WEBHOOK_SECRET = "http://qlvb.example/hook", ""
    assert ids(settings) == {"qa.E001", "qa.W001"}
    settings.DMS_WEBHOOK_URL, settings.DMS_WEBHOOK_SECRET = "https://qlvb.example/hook", "s3cret"
    assert ids(settings) == set()


def test_no_dms_is_fine(settings):
    settings.DMS_WEBHOOK_URL = ""
    assert ids(settings) == set()
