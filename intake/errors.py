"""Typed errors: each carries a code, an English log message and a Russian message for people (a msgid of the
catalogues: pages show it in the reader's language)."""

from intake.i18n import N_
from models.message import msg


class IntakeError(Exception):
    """Base of the product's errors. `user_message` is shown to applicants and officers (Russian); the
    exception's text is the English detail for logs. `exit_code` is what the CLI exits with,
    `http_status` what the service answers; `show_detail`: the detail helps the person too (an operator
    fixing the configuration)."""

    code = "intake_error"
    user_message = N_("Внутренняя ошибка обработки.")
    exit_code = 3
    http_status = 500
    show_detail = False
    retry_after: int | None = None
    """Seconds after which the same request may succeed (503 answers carry it as `Retry-After`)."""

    def __init__(self, detail: str = "", *, user_message: str | None = None, **params: object) -> None:
        """`user_message` with `params`: a catalogue template (`%(n)s`) and its values."""
        super().__init__(detail or self.code)
        template = self.user_message if user_message is None else user_message
        # the person's message as catalogue msgid and values, shown in the reader's language
        self.user_text = msg(template, **params)
        self.user_message = template % params if params else template


class BadInvocation(IntakeError):
    """The request itself is wrong (unknown cost type, malformed date or BIN, no input): exit 2."""

    code = "bad_invocation"
    exit_code = 2
    http_status = 422


class ConfigError(IntakeError):
    """A malformed `INTAKE_*` setting: the process does not start (exit 2)."""

    code = "bad_configuration"
    user_message = N_("Неверная настройка (переменные окружения INTAKE_*):")
    exit_code = 2
    show_detail = True


class LanguageDataMissing(IntakeError):
    """Tesseract lacks the data of a configured language (`INTAKE_LANGUAGES`): nothing can be read."""

    code = "tesseract_language_missing"
    user_message = N_("Не установлены языковые данные Tesseract (scripts/install-system.sh).")
    exit_code = 3
    http_status = 503


class FileRejected(IntakeError):
    """A file of the package cannot be read at all; the rest of the package goes on."""

    code = "rejected_file"
    http_status = 422


class EmptyFile(FileRejected):
    code = "empty"
    user_message = N_("Файл пустой (0 байт). Загрузите файл заново.")


class UnsupportedType(FileRejected):
    code = "unsupported_type"
    http_status = 415
    user_message = N_(
        "Формат файла не поддерживается. Принимаются PDF, JPEG, PNG, TIFF и ZIP-архивы с такими файлами."
    )


class CorruptFile(FileRejected):
    code = "corrupt"
    user_message = N_("Файл поврежден и не открывается. Сохраните документ заново и загрузите его еще раз.")


class EncryptedFile(FileRejected):
    code = "encrypted"
    user_message = N_(
        "Файл защищен паролем. Снимите защиту (сохраните документ без пароля) и загрузите его еще раз."
    )


class TooLarge(FileRejected):
    code = "too_large"
    http_status = 413
    user_message = N_("Файл слишком большой.")


class ArchiveBomb(FileRejected):
    code = "archive_bomb"
    user_message = N_(
        "Архив распаковывается в недопустимо большой объем или содержит слишком много файлов; "
        "он не обработан. Загрузите документы отдельными файлами."
    )


class ImageBomb(FileRejected):
    code = "image_too_large"
    user_message = N_(
        "Изображение слишком большое (число пикселей превышает допустимое). Уменьшите разрешение."
    )


class ActiveContent(FileRejected):
    code = "active_content"
    user_message = N_(
        "PDF-файл содержит встроенные сценарии (JavaScript) или команды запуска программ; "
        "из соображений безопасности такой файл не принимается. Распечатайте документ в PDF "
        "(«Печать» → «Сохранить как PDF») и загрузите его еще раз."
    )


class ReaderFailed(FileRejected):
    code = "reader_failed"
    user_message = N_(
        "Файл не удалось прочитать: он вызывает сбой программы чтения или читается слишком долго. "
        "Сохраните документ заново (например, «Печать» → «Сохранить как PDF») и загрузите его еще раз."
    )

