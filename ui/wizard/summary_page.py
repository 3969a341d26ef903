"""Page 5 of the new-assessment wizard: the target profile the core chooses for this
organisation, why, the level it sets per domain, and a recap of everything entered.

The profile, the reason and the targets come from the core (`choose_profile`,
`profile_reason`, `planning_tier`, `TargetProfile.target`) through one operation each
time the page is shown; the page only lays them out.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from assessor.content.context import AssessmentContext, domain_rank, domain_title
from assessor.content.profiles import choose_profile, planning_tier, profile_reason
from assessor.library.installed import Library
from assessor.scoring.scorecard import LEVEL_NAMES
from ui.session import Session
from ui.theme import colours
from ui.wizard import styled, vocabulary
from ui.wizard.draft import Draft
from ui.wizard.models import minutes_text, plural
from ui.wizard.use_cases_page import NOT_READY, PROHIBITED

TOP_LEVEL = max(LEVEL_NAMES)


@dataclass(frozen=True)
class DomainTarget:
    domain: str
    title: str
    level: int
    level_name: str


@dataclass(frozen=True)
class ProfilePreview:
    """The target profile an assessment with this context would get, as the core says."""

    title: str
    description: str
    reason: str
    tier: str
    targets: tuple[DomainTarget, ...]


def preview_profile(
    library: Library, context: AssessmentContext, domains: list[str]
) -> ProfilePreview:
    """Runs on the worker: the core's choice of profile and its targets for `domains`."""
    profile = choose_profile(library.profiles.profiles, context)
    tier = planning_tier(context)
    targets = tuple(
        DomainTarget(
            d, domain_title(d), profile.target(d, tier), LEVEL_NAMES[profile.target(d, tier)]
        )
        for d in sorted(domains, key=domain_rank)
    )
    return ProfilePreview(
        profile.title, profile.description, profile_reason(profile, context), tier, targets
    )


class TargetBar(QWidget):
    """A target level as five segments, those up to the level filled."""

    def __init__(self, level: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.level = level
        self.setFixedSize(QSize(96, 10))
        self.setAccessibleName(f"Target level {level} of {TOP_LEVEL}")

    def paintEvent(self, event: QPaintEvent) -> None:
        palette = colours()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        gap = 3.0
        width = (self.width() - gap * (TOP_LEVEL - 1)) / TOP_LEVEL
        for n in range(TOP_LEVEL):
            filled = n < self.level
            painter.setBrush(QColor(palette["accent" if filled else "lineSoft"]))
            painter.drawRoundedRect(QRectF(n * (width + gap), 0, width, self.height()), 3, 3)
        painter.end()


def _clear(layout: QGridLayout | QFormLayout | QVBoxLayout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget() if item is not None else None
        if widget is not None:
            widget.hide()
            widget.deleteLater()


def _wrapping(text: str, name: str = "") -> QLabel:
    label = styled.label(text, name, wrap=True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class SummaryPage(QWizardPage):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.preview: ProfilePreview | None = None
        self.setTitle("Summary and targets")
        self.setSubTitle(
            "Check what you entered and the targets the assessment will measure against."
        )
        self.setButtonText(QWizard.WizardButton.FinishButton, "Create assessment")

        profile_card = styled.frame("card")
        profile_layout = QVBoxLayout(profile_card)
        profile_layout.setContentsMargins(18, 16, 18, 16)
        profile_layout.setSpacing(6)
        heading = QHBoxLayout()
        heading.addWidget(styled.label("Target profile", "muted"))
        heading.addStretch(1)
        self.tier_badge = styled.label(style="badge")
        heading.addWidget(self.tier_badge)
        profile_layout.addLayout(heading)
        self.profile_title = styled.label(style="sectionTitle")
        self.profile_title.setAccessibleName("Target profile")
        self.profile_reason = _wrapping("")
        self.profile_description = _wrapping("", "quiet")
        profile_layout.addWidget(self.profile_title)
        profile_layout.addWidget(self.profile_reason)
        profile_layout.addWidget(self.profile_description)
        profile_layout.addSpacing(8)
        profile_layout.addWidget(styled.label("Target level per domain", "muted"))
        self.targets = QGridLayout()
        self.targets.setHorizontalSpacing(12)
        self.targets.setVerticalSpacing(8)
        self.targets.setColumnStretch(0, 1)
        profile_layout.addLayout(self.targets)
        profile_layout.addStretch(1)

        recap_card = styled.frame("card")
        recap_layout = QVBoxLayout(recap_card)
        recap_layout.setContentsMargins(18, 16, 18, 16)
        recap_layout.setSpacing(8)
        recap_layout.addWidget(styled.label("What you entered", "muted"))
        self.recap = QFormLayout()
        self.recap.setHorizontalSpacing(14)
        self.recap.setVerticalSpacing(8)
        self.recap.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.recap.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        recap_layout.addLayout(self.recap)
        recap_layout.addStretch(1)

        content = QWidget()
        columns = QHBoxLayout(content)
        columns.setContentsMargins(0, 0, 0, 0)
        columns.setSpacing(14)
        columns.addWidget(profile_card, 11)
        columns.addWidget(recap_card, 10)
        scroll = QScrollArea()
        scroll.setWidget(content)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(*styled.PAGE_MARGINS)
        layout.addWidget(scroll)

    # --- QWizardPage -----------------------------------------------------------------------

    def show_draft(self, draft: Draft) -> None:
        """Show what the user entered, and ask the core which profile it means."""
        self._show_recap(draft)
        self.preview = None
        self.profile_title.setText("Choosing the target profile…")
        self.session.op(
            lambda core: preview_profile(core.library, draft.context, draft.domains), source=self
        ).success(self.show_preview).run()

    def isComplete(self) -> bool:
        return self.preview is not None

    # --- showing ---------------------------------------------------------------------------

    def show_preview(self, preview: ProfilePreview) -> None:
        self.preview = preview
        self.profile_title.setText(preview.title)
        # The core's sentence starts with the profile's title, shown just above it.
        reason = preview.reason.removeprefix(f"{preview.title}: ")
        self.profile_reason.setText(reason[:1].upper() + reason[1:])
        self.profile_description.setText(preview.description)
        self.profile_description.setVisible(bool(preview.description))
        self.tier_badge.setText(f"{preview.tier.capitalize()}-risk targets")
        self.tier_badge.setToolTip(
            "Targets follow the highest risk tier among the use cases (prohibited ones aside)"
        )
        _clear(self.targets)
        for row, target in enumerate(preview.targets):
            name = QLabel(target.title)
            bar = TargetBar(target.level)
            level = QLabel(f"{target.level} · {target.level_name}")
            level.setMinimumWidth(level.fontMetrics().horizontalAdvance("5 · Developing") + 4)
            for widget in (name, bar, level):
                widget.setToolTip(
                    f"{target.title}: the assessment aims for level {target.level} "
                    f"({target.level_name}) of {TOP_LEVEL}"
                )
            self.targets.addWidget(name, row, 0)
            self.targets.addWidget(bar, row, 1, Qt.AlignmentFlag.AlignVCenter)
            self.targets.addWidget(level, row, 2)
        self.completeChanged.emit()

    def _show_recap(self, draft: Draft) -> None:
        _clear(self.recap)
        context = draft.context
        if draft.client_id is None:
            client = f"{draft.client_name} (new client)"
        else:
            client = (
                f"{draft.client_name} (existing client, "
                f"{plural(draft.client_assessments, 'assessment')} so far)"
            )
        details = " · ".join(draft.client_details.values())
        organisation = " · ".join(
            vocabulary.label(terms, value)
            for terms, value in (
                (vocabulary.INDUSTRIES, context.industry),
                (vocabulary.SECTORS, context.sector),
                (vocabulary.SIZES, context.size),
            )
            if value is not None
        )
        regions = ", ".join(vocabulary.label(vocabulary.REGIONS, r) for r in context.regions)
        deployment = ", ".join(
            vocabulary.label(vocabulary.DEPLOYMENTS, d) for d in context.deployment
        )
        if context.use_cases:
            use_cases = "\n".join(
                f"{u.name} ({vocabulary.label(vocabulary.RISK_TIERS, u.risk_tier).lower()})"
                for u in context.use_cases
            )
        else:
            use_cases = "None declared: targets follow the minimal-risk tier"
        low = sum(c.minutes[0] for c in draft.questionnaires)
        high = sum(c.minutes[1] for c in draft.questionnaires)
        questionnaires = (
            f"{plural(len(draft.questionnaires), 'questionnaire')}, "
            f"{plural(sum(c.questions for c in draft.questionnaires), 'question')}, "
            f"{minutes_text(low, high)}"
        )
        rows = [
            ("Client", client + (f"\n{details}" if details else "")),
            ("Title", draft.title),
            ("Organisation", organisation or "Not specified"),
            ("Regions", regions or "Not specified"),
            ("Deployment", deployment or "Not specified"),
            ("Use cases", use_cases),
            ("Questionnaires", questionnaires),
        ]
        for label, value in rows:
            self.recap.addRow(styled.label(label, "quiet"), _wrapping(value))
        prohibited = [u.name for u in context.use_cases if u.risk_tier == PROHIBITED]
        if prohibited:
            self.recap.addRow(
                _wrapping(
                    f"Prohibited in the EU: {', '.join(prohibited)}. The assessment will say "
                    f"“{NOT_READY}” for {'it' if len(prohibited) == 1 else 'them'}.",
                    "warning",
                )
            )
