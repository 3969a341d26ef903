"""The consultancy's branding of a report: its name, logo, primary colour and the
confidentiality line, from a small YAML file checked like every other format; and the
consultant who prepared the report, which the app takes from its preferences
(`report_branding`).

```yaml
consultancy: Example & Partners
consultant: Jane Doe            # optional: the person named under "Prepared by"
logo: example-logo.png          # PNG or JPEG, relative to this file
primary_colour: "#1F4E79"
confidentiality: Confidential: prepared for the client's board. Not for distribution.
```
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError
from reportlab.lib.utils import ImageReader

from assessor.errors import ContentError, InputError, Problem, UsageError
from assessor.input_files import read_bytes
from assessor.library.schema_errors import read_model
from assessor.limits import LOGO_MAX_BYTES

DEFAULT_CONFIDENTIALITY = "Confidential. Prepared for the client named on the cover."
LOGO_SUFFIXES = {".png", ".jpg", ".jpeg"}
MAX_LOGO_BYTES = LOGO_MAX_BYTES


class Branding(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    consultancy: Annotated[str, StringConstraints(max_length=120)] = ""
    consultant: Annotated[str, StringConstraints(max_length=120)] = ""
    logo: Path | None = Field(default=None, description="PNG or JPEG, relative to the file.")
    primary_colour: Annotated[str, StringConstraints(pattern=r"^#[0-9A-Fa-f]{6}$")] = "#1F4E79"
    confidentiality: Annotated[str, StringConstraints(min_length=1, max_length=300)] = (
        DEFAULT_CONFIDENTIALITY
    )

    @property
    def prepared_by(self) -> str:
        """The consultant and the consultancy ("Jane Doe, Example & Partners"), or whichever
        of the two is set; empty for neither."""
        return ", ".join(part for part in (self.consultant, self.consultancy) if part)


def load_branding(path: Path) -> Branding:
    """Read a branding file; every problem is named with its line, and the logo checked."""
    read = read_model(path, Branding)
    if read.model is None:
        raise ContentError(read.problems)
    branding = read.model
    if branding.logo is None:
        return branding
    logo = branding.logo if branding.logo.is_absolute() else path.parent / branding.logo
    line = read.document.line_of(("logo",)) if read.document else 0
    problem = None
    if logo.suffix.lower() not in LOGO_SUFFIXES:
        problem = "logo: use a PNG or JPEG image"
    else:
        try:
            image = read_bytes(logo, MAX_LOGO_BYTES, "logos")
        except InputError as error:
            problem = f"logo: {logo}: {error}"
        else:
            try:
                ImageReader(io.BytesIO(image)).getSize()
            except Exception:  # reportlab and PIL raise many kinds for a broken image
                problem = f"logo: {logo.name} is not a PNG or JPEG image that can be read"
    if problem:
        raise ContentError([Problem(path, line, problem)])
    return branding.model_copy(update={"logo": logo})


def report_branding(
    branding_file: Path | None = None,
    *,
    consultant: str = "",
    organisation: str = "",
    confidentiality: str = "",
) -> Branding:
    """The branding of one report: the branding file's (when given), with the consultant,
    and with the organisation and the confidentiality line in place of the file's when
    they are set (blank ones keep the file's)."""
    branding = load_branding(branding_file) if branding_file is not None else Branding()
    fields = {"consultant": consultant, "consultancy": organisation,
              "confidentiality": confidentiality}  # fmt: skip
    update = {name: value.strip() for name, value in fields.items() if value.strip()}
    try:
        return Branding.model_validate({**branding.model_dump(), **update})
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise UsageError(f"the report's {where}: {first['msg'].lower()}") from error
