"""The one exception the interchange validators raise, and the collector that feeds it."""

__all__ = ["InterchangeError", "Report"]


class InterchangeError(ValueError):
    """A file that must not be imported or matched.

    ``errors`` holds every problem found, each naming the file, the item and the field;
    ``str()`` lists them one per line so a CLI can print it as it is, never a traceback.
    ``warnings`` holds what was found alongside (unknown keys), for the same printout.
    """

    def __init__(self, errors: list[str], warnings: list[str] | None = None):
        self.errors = list(errors)
        self.warnings = list(warnings or [])
        super().__init__("\n".join(self.errors))

    def __str__(self) -> str:
        return "\n".join(self.errors)


class Report:
    """Collects errors and warnings for one file, so a file is judged as a whole.

    A coordinator fixing a spreadsheet export wants all problems at once, not one per run.
    """

    def __init__(self, filename: str):
        self.filename = filename
        self.errors: list[str] = []
        self.warnings: list[str] = []

    def error(self, where: str, message: str) -> None:
        self.errors.append(f"{self.filename}: {where}: {message}")

    def warn(self, where: str, message: str) -> None:
        self.warnings.append(f"{self.filename}: {where}: {message}")

    def raise_if_errors(self) -> None:
        if self.errors:
            raise InterchangeError(self.errors, self.warnings)
