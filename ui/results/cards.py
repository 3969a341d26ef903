"""The cards of the results screen: the headline figures, blockers, use-case verdicts,
and the friendly card shown before any answer counts.

Each card takes the core's scorecard (or a part of it) in `show` and words it; none
computes anything. Cards that offer a way on (a blocker's "Go to answer", "Continue
answering") emit a signal and leave the navigation to the page.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from assessor.scoring.scorecard import LEVEL_NAMES, Blocker, Scorecard, UseCaseVerdict
from ui.results.wording import (
    DASH,
    TIER_WORDS,
    level_name,
    level_tooltip,
    plural,
    score_text,
)

#: The verdict chip's style-sheet property for each of the core's verdicts.
VERDICT_STYLE = {"ready": "ready", "ready with conditions": "conditions", "not ready": "notReady"}
CARD_MARGINS = (24, 20, 24, 22)


def label(text: str = "", name: str = "", wrap: bool = False) -> QLabel:
    """A label with a style-sheet name, selectable so a consultant can copy it."""
    widget = QLabel(text)
    if name:
        widget.setObjectName(name)
    widget.setWordWrap(wrap)
    widget.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return widget


def card(name: str = "card") -> tuple[QFrame, QVBoxLayout]:
    frame = QFrame()
    frame.setObjectName(name)
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(*CARD_MARGINS)
    layout.setSpacing(10)
    return frame, layout


def rule() -> QFrame:
    """A hairline between the rows of a card."""
    line = QFrame()
    line.setObjectName("rule")
    line.setFixedHeight(1)
    return line


def card_title(layout: QVBoxLayout, title: str, subtitle: str = "") -> QLabel:
    heading = label(title, "sectionTitle")
    layout.addWidget(heading)
    if subtitle:
        layout.addWidget(label(subtitle, "muted", wrap=True))
    layout.addSpacing(4)
    return heading


def clear(layout: QLayout) -> None:
    """Remove and delete everything in a layout (its rows are rebuilt on each refresh)."""
    while layout.count():
        item = layout.takeAt(0)
        if item is None:
            break
        widget, inner = item.widget(), item.layout()
        if widget is not None:
            widget.hide()
            widget.deleteLater()
        elif inner is not None:
            clear(inner)


def link(text: str, tooltip: str) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName("link")
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    button.setToolTip(tooltip)
    button.setAccessibleName(tooltip)
    button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
    return button


# --- The headline figures ---------------------------------------------------------------


class SummaryCards(QWidget):
    """Three cards in a row: the overall level and score, completeness, and confidence."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(20)

        overall, layout = card()
        layout.addWidget(label("Overall level", "caption"))
        figures = QHBoxLayout()
        figures.setSpacing(14)
        self.level = label(DASH, "bigNumber")
        self.level.setAccessibleName("Overall level")
        figures.addWidget(self.level, 0, Qt.AlignmentFlag.AlignVCenter)
        words = QVBoxLayout()
        words.setSpacing(2)
        self.level_name = label("", "metricName")
        self.score = label("", "muted")
        words.addStretch(1)
        words.addWidget(self.level_name)
        words.addWidget(self.score)
        words.addStretch(1)
        figures.addLayout(words, 1)
        layout.addLayout(figures)
        self.coverage = label("", "muted")
        words.insertWidget(3, self.coverage)
        self.capped = label("", "warning", wrap=True)
        layout.addWidget(self.capped)
        layout.addStretch(1)

        complete, layout = card()
        layout.addWidget(label("Completeness", "caption"))
        self.percent = label(DASH, "metricValue")
        layout.addWidget(self.percent)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setTextVisible(False)
        self.progress.setFixedHeight(6)
        self.progress.setAccessibleName("Completeness")
        layout.addWidget(self.progress)
        self.answered = label("", "muted", wrap=True)
        layout.addWidget(self.answered)
        layout.addStretch(1)

        confidence, layout = card()
        layout.addWidget(label("Confidence", "caption"))
        self.confidence = label(DASH, "metricValue")
        self.confidence.setAccessibleName("Confidence")
        layout.addWidget(self.confidence)
        self.reasons = label("", "muted", wrap=True)
        layout.addWidget(self.reasons)
        layout.addStretch(1)

        for frame in (overall, complete, confidence):
            row.addWidget(frame, 1)

    def show_scorecard(self, card: Scorecard) -> None:
        level = card.overall_level
        self.level.setText(DASH if level is None else str(level))
        self.level.setToolTip(level_tooltip(level, card.uncapped_overall_level, "Overall level"))
        self.level_name.setText(level_name(level))
        self.score.setText(
            "No score yet"
            if card.overall_score is None
            else f"Score {score_text(card.overall_score)} out of 100"
        )
        assessed = sum(1 for d in card.domains if d.score is not None)
        self.coverage.setVisible(0 < assessed < len(card.domains))
        self.coverage.setText(f"From {assessed} of {plural(len(card.domains), 'domain')} so far")
        uncapped = card.uncapped_overall_level
        is_capped = level is not None and uncapped is not None and uncapped > level
        self.capped.setVisible(is_capped)
        if is_capped and uncapped is not None:
            self.capped.setText(
                f"Held at level {level} by blockers: the score alone reaches level "
                f"{uncapped} ({LEVEL_NAMES[uncapped]})."
            )
        self.percent.setText(f"{card.completeness:.0%}")
        self.progress.setValue(round(card.completeness * 1000))
        self.progress.setToolTip(f"{card.completeness:.0%} of the applicable questions answered")
        self.answered.setText(
            f"{card.answered} of {plural(card.applicable, 'applicable question')} answered"
        )
        self.confidence.setText(card.confidence.capitalize())
        self.confidence.setToolTip(
            "How far the scores can be relied on, from completeness and “don't know” answers"
        )
        self.reasons.setText(
            "Because " + "; ".join(card.confidence_reasons) + "."
            if card.confidence_reasons
            else "Most questions are answered, and few with “don't know”."
        )


# --- Blockers ---------------------------------------------------------------------------


class BlockersCard(QFrame):
    """Each blocker: why it matters, what it caps, and a way to its answer."""

    go_to_answer = Signal(str)  # question id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(*CARD_MARGINS)
        layout.setSpacing(10)
        self.title = card_title(
            layout,
            "Blockers",
            "Critical answers that cap a domain's level, whatever its score. Resolving them "
            "comes first.",
        )
        self.rows = QVBoxLayout()
        self.rows.setSpacing(14)
        layout.addLayout(self.rows)
        self.links: dict[str, QPushButton] = {}

    def show_blockers(
        self,
        blockers: Sequence[Blocker],
        domain_titles: dict[str, str],
        answers: dict[str, str] | None = None,
    ) -> None:
        """The blockers, with their domains' titles and the answers given (as worded)."""
        clear(self.rows)
        self.links = {}
        self.title.setText(f"Blockers ({len(blockers)})" if blockers else "Blockers")
        if not blockers:
            self.rows.addWidget(
                label("No blockers: no critical answer holds a domain back.", "muted", True)
            )
            return
        for number, blocker in enumerate(blockers):
            if number:
                self.rows.addWidget(rule())
            said = (answers or {}).get(blocker.question_id, "")
            self.rows.addWidget(self._row(blocker, domain_titles.get(blocker.domain, ""), said))

    def _row(self, blocker: Blocker, domain: str, said: str) -> QWidget:
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(24)
        text = QVBoxLayout()
        text.setSpacing(4)
        cap = label(
            f"Caps {domain or blocker.domain} at level {blocker.cap}, {LEVEL_NAMES[blocker.cap]}",
            "blockerCap",
            wrap=True,
        )
        text.addWidget(cap)
        text.addWidget(label(blocker.reason, "blockerReason", wrap=True))
        answer = "Don't know" if blocker.unknown and not said else said
        given = f" Answer: {answer}." if answer else ""
        prompt = label(f"{blocker.question_id}: {blocker.prompt}{given}", "detail", wrap=True)
        text.addWidget(prompt)
        layout.addLayout(text, 1)
        go = link("Go to answer  →", f"Open {blocker.question_id} in the questionnaire")
        go.clicked.connect(lambda: self.go_to_answer.emit(blocker.question_id))
        self.links[blocker.question_id] = go
        layout.addWidget(go, 0, Qt.AlignmentFlag.AlignTop)
        return row


# --- Use-case verdicts ------------------------------------------------------------------


def grouped_reasons(reasons: Sequence[str]) -> list[str]:
    """`A: x`, `A: y`, `B: z` as `A: x; y` and `B: z`, so each domain is named once."""
    grouped: dict[str, list[str]] = {}
    for reason in reasons:
        head, sep, rest = reason.partition(": ")
        grouped.setdefault(head if sep else "", []).append(rest if sep else reason)
    lines = []
    for head, parts in grouped.items():
        said = "; ".join(parts)
        lines.append(f"{head}: {said}" if head else said[:1].upper() + said[1:])
    return lines


class VerdictsCard(QFrame):
    """Each declared use case of AI: its risk tier, the verdict, and why."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(*CARD_MARGINS)
        layout.setSpacing(10)
        card_title(
            layout,
            "Use cases",
            "Whether each intended use of AI can go ahead, judged against the targets of its "
            "own risk tier.",
        )
        self.rows = QVBoxLayout()
        self.rows.setSpacing(14)
        layout.addLayout(self.rows)
        self.chips: dict[str, QLabel] = {}

    def show_verdicts(self, verdicts: Sequence[UseCaseVerdict]) -> None:
        clear(self.rows)
        self.chips = {}
        if not verdicts:
            self.rows.addWidget(
                label(
                    "No use cases are declared for this assessment. Add them to its context "
                    "(where the organisation is described) to see whether each can go ahead.",
                    "muted",
                    wrap=True,
                )
            )
            return
        for number, verdict in enumerate(verdicts):
            if number:
                self.rows.addWidget(rule())
            self.rows.addWidget(self._row(verdict))

    def _row(self, verdict: UseCaseVerdict) -> QWidget:
        row = QWidget()
        layout = QVBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        top = QHBoxLayout()
        top.setSpacing(10)
        name = label(verdict.name, "useCaseName", wrap=True)
        top.addWidget(name, 1)
        tier = label(TIER_WORDS.get(verdict.risk_tier, verdict.risk_tier), "badge")
        tier.setToolTip("The use case's risk category under the EU AI Act")
        top.addWidget(tier, 0, Qt.AlignmentFlag.AlignVCenter)
        chip = label(verdict.verdict.capitalize(), "verdictChip")
        chip.setProperty("verdict", VERDICT_STYLE.get(verdict.verdict, "notReady"))
        chip.setAccessibleName(f"Verdict for {verdict.name}: {verdict.verdict}")
        chip.setToolTip(
            "Ready: every domain reaches its target with no blocker. Ready with conditions: "
            "none is more than one level short. Not ready: a blocker, or a gap of two levels."
        )
        self.chips[verdict.name] = chip
        top.addWidget(chip, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addLayout(top)
        if not verdict.pursue:
            layout.addWidget(label("Not to be pursued.", "warning"))
        reasons = QVBoxLayout()
        reasons.setSpacing(3)
        reasons.setContentsMargins(2, 0, 0, 0)
        for line in grouped_reasons(verdict.reasons):
            reasons.addWidget(label(f"•  {line}", "muted", wrap=True))
        layout.addLayout(reasons)
        return row


# --- Before any answer --------------------------------------------------------------------


EMPTY_MESSAGE = (
    "The levels, charts and verdicts appear here as answers come in. Answer a few questions "
    "and come back: every answer counts at once."
)


class EmptyResultsCard(QFrame):
    """Shown while nothing counts yet: what will appear, and the way back to answering."""

    continue_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.setMaximumWidth(760)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(56, 44, 56, 48)
        layout.setSpacing(12)
        self.title = label("No scores yet", "pageTitle")
        layout.addWidget(self.title, 0, Qt.AlignmentFlag.AlignHCenter)
        # No alignment flag on a word-wrapped label: aligned, it keeps its one-line height.
        self.message = label(EMPTY_MESSAGE, "subtitle", wrap=True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.message)
        self.progress = label("", "muted")
        layout.addWidget(self.progress, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addSpacing(10)
        self.button = QPushButton("Continue answering")
        self.button.setObjectName("primary")
        self.button.setMinimumWidth(220)
        self.button.setMinimumHeight(40)
        self.button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.button.setToolTip("Open the questionnaire where you left off")
        self.button.setAccessibleName("Continue answering")
        self.button.clicked.connect(self.continue_clicked)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignHCenter)

    def show_scorecard(self, card: Scorecard) -> None:
        self.title.setText("No scores yet")
        self.message.setText(EMPTY_MESSAGE)
        self.progress.setText(
            f"{card.answered} of {plural(card.applicable, 'applicable question')} answered"
        )
        self.button.show()

    def show_problem(self, message: str) -> None:
        """The results could not be read (the assessment was deleted, say)."""
        self.title.setText("These results cannot be shown")
        self.message.setText(message)
        self.progress.setText("")
        self.button.hide()
