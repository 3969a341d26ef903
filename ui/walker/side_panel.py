"""The walker's side panel: the current domain's live score, level, target level and
completeness, read from the scorecard the core returned after the last answer.

Nothing here scores: every figure is a field of the core's `DomainScore`. The panel has
a one-line form (`DomainLine`) for narrow windows, where the side column is hidden.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QProgressBar, QVBoxLayout, QWidget

from assessor.scoring.scorecard import LEVEL_NAMES, DomainScore, Scorecard
from ui.walker.answer_controls import WrappedLabel


def level_text(level: int | None) -> str:
    return "Not assessed yet" if level is None else f"Level {level} · {LEVEL_NAMES[level]}"


def score_text(score: float | None) -> str:
    return "–" if score is None else f"{score:.0f}"


class DomainPanel(QFrame):
    """The current domain's figures; `show_domain` after every new scorecard."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("panel")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 20)
        layout.setSpacing(4)
        self.title = WrappedLabel("sectionTitle")
        layout.addWidget(self.title)
        layout.addSpacing(12)
        layout.addWidget(QLabel("Domain score", objectName="muted"))
        figures = QHBoxLayout()
        figures.setSpacing(6)
        self.score = QLabel(objectName="bigNumber")
        self.score.setAccessibleName("Domain score")
        figures.addWidget(self.score, 0, Qt.AlignmentFlag.AlignBottom)
        self.out_of = QLabel("/ 100", objectName="muted")
        figures.addWidget(self.out_of, 0, Qt.AlignmentFlag.AlignBottom)
        figures.addStretch(1)
        layout.addLayout(figures)
        self.delta = WrappedLabel("muted")
        layout.addWidget(self.delta)
        layout.addSpacing(10)
        self.level = WrappedLabel("levelText")
        layout.addWidget(self.level)
        self.target = WrappedLabel("muted")
        layout.addWidget(self.target)
        self.capped = WrappedLabel("warning")
        layout.addWidget(self.capped)
        layout.addSpacing(16)
        layout.addWidget(QLabel("Completeness", objectName="muted"))
        layout.addSpacing(4)
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setTextVisible(False)
        self.progress.setFixedHeight(6)
        self.progress.setAccessibleName("Domain completeness")
        layout.addWidget(self.progress)
        layout.addSpacing(4)
        self.answered = WrappedLabel("muted")
        layout.addWidget(self.answered)
        layout.addSpacing(18)
        rule = QFrame(objectName="rule")
        rule.setFixedHeight(1)
        layout.addWidget(rule)
        layout.addSpacing(12)
        self.overall = WrappedLabel("muted")
        layout.addWidget(self.overall)
        layout.addStretch(1)
        self._shown: tuple[str, float | None] | None = None

    def show_domain(
        self, domain: DomainScore | None, card: Scorecard, title: str, after_answer: bool = False
    ) -> None:
        """Show a domain's figures; after an answer, also how far the score moved since
        the figures shown before it."""
        self.title.setText(title)
        if domain is None:  # a domain of text questions only: nothing is scored
            self.score.setText("–")
            self.level.setText("Nothing here is scored")
            for label in (self.target, self.capped, self.delta):
                label.clear()
            set_progress(self.progress, 0)
            self.answered.clear()
            self._shown = None
        else:
            before = self._shown
            self._shown = (domain.id, domain.score)
            self.score.setText(score_text(domain.score))
            if after_answer:
                self.delta.setText(_delta(before, domain))
            elif before is None or before[0] != domain.id:
                self.delta.clear()  # another domain: the last answer's effect is not shown
            self.delta.setVisible(bool(self.delta.text()))
            self.level.setText(level_text(domain.capped_level))
            self.target.setText(f"Target: {level_text(domain.target_level)}")
            capped = (
                domain.level is not None
                and domain.capped_level is not None
                and domain.capped_level < domain.level
            )
            blockers = len(domain.blockers)
            self.capped.setText(
                f"Held at level {domain.capped_level} by {blockers} "
                f"blocker{'s' if blockers != 1 else ''}"
                if capped
                else ""
            )
            self.capped.setVisible(capped)
            set_progress(self.progress, round(100 * domain.completeness))
            self.answered.setText(
                f"{domain.answered} of {domain.applicable} scored questions answered"
            )
        self.overall.setText(
            "Overall: not assessed yet"
            if card.overall_score is None
            else f"Overall: {score_text(card.overall_score)} / 100 · "
            f"{level_text(card.overall_level)}"
        )


def _delta(before: tuple[str, float | None] | None, domain: DomainScore) -> str:
    if before is None or before[0] != domain.id or before[1] is None or domain.score is None:
        return ""
    change = domain.score - before[1]
    if abs(change) < 0.5:
        return ""
    return f"{'Up' if change > 0 else 'Down'} {abs(change):.0f} with your last answer"


class DomainLine(WrappedLabel):
    """The panel's figures in one line, for windows too narrow for the side column."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("muted", parent)

    def show_domain(self, domain: DomainScore | None, title: str) -> None:
        if domain is None:
            self.setText(title)
            return
        level = "not assessed" if domain.capped_level is None else f"level {domain.capped_level}"
        self.setText(
            f"{title} · {score_text(domain.score)}/100 · {level} (target {domain.target_level})"
            f" · {domain.completeness:.0%} answered"
        )


def set_progress(bar: QProgressBar, value: int) -> None:
    """QProgressBar.setValue repaints at once (about 1.5 ms with the style sheet), inside
    the keypress that answered; with updates off it only schedules a paint."""
    if bar.value() == value:
        return
    bar.setUpdatesEnabled(False)
    bar.setValue(value)
    bar.setUpdatesEnabled(True)
