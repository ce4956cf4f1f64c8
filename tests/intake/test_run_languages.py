"""The runner stops before reading anything when Tesseract lacks a configured language, and says how to fix it
in the reader's language."""

import pytest

from extractors.pages import ReaderConfig
from intake.errors import LanguageDataMissing
from intake.i18n import render
from intake.pipeline import PipelineConfig
from intake.run import require_languages


def test_installed_languages_pass() -> None:
    require_languages(PipelineConfig(reader=ReaderConfig(languages="rus+kaz+eng")))


def test_missing_language_names_the_package_to_install() -> None:
    with pytest.raises(LanguageDataMissing) as caught:
        require_languages(PipelineConfig(reader=ReaderConfig(languages="rus+uzb_cyrl")))
    err = caught.value
    assert err.exit_code == 3
    assert "uzb_cyrl" in str(err) and "tesseract-ocr-uzb-cyrl" in str(err)
    ru, kk = render(err.user_text, "ru"), render(err.user_text, "kk")
    assert "Не установлены языковые данные Tesseract: uzb_cyrl" in ru
    assert "apt-get install tesseract-ocr-uzb-cyrl" in ru
    assert kk.startswith("Tesseract-тің тіл деректері орнатылмаған: uzb_cyrl")
    assert "tesseract-ocr-uzb-cyrl" in kk
