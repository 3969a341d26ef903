"""The new-assessment wizard: client, organisation, use cases, questionnaires, summary.

It loads what it offers (clients, installed questionnaires with the core's time
estimates) and an existing client's latest context through operations, and creates the
assessment with the core's `create_assessment` when the user clicks "Create assessment".
It closes only once the core has created it, and then emits `created` with the new id;
a refusal (a core `UsageError`) leaves it open with the core's message.

The pages (one module each) show and collect; this module wires them to the session.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QWidget, QWizard

from assessor.content.context import AssessmentContext, UseCase, domain_rank, domain_title
from assessor.content.questionnaire import estimated_minutes
from assessor.exchange.assessment_file import Client
from assessor.library.installed import Library
from assessor.store.database import ClientRecord, Store
from assessor.usecases.assessments import create_assessment
from assessor.usecases.changes import Changes
from ui import dialogs
from ui.session import Session
from ui.wizard import styled
from ui.wizard.client_page import ClientPage
from ui.wizard.draft import Draft
from ui.wizard.models import QuestionnaireChoice
from ui.wizard.organisation_page import OrganisationPage
from ui.wizard.questionnaires_page import QuestionnairesPage
from ui.wizard.summary_page import SummaryPage
from ui.wizard.use_cases_page import UseCasesPage

if TYPE_CHECKING:
    from ui.operations import Core

SIZE = (860, 640)
MINIMUM_SIZE = (800, 620)


@dataclass(frozen=True)
class WizardData:
    """What the wizard offers: the clients, and the installed questionnaires."""

    clients: list[ClientRecord]
    choices: list[QuestionnaireChoice]


def load_wizard_data(store: Store, library: Library) -> WizardData:
    """Runs on the worker: the clients, and each questionnaire's figures in the order
    reports show the domains."""
    ordered = sorted(
        library.content.loaded, key=lambda item: domain_rank(item.questionnaire.domain)
    )
    choices = [
        QuestionnaireChoice(
            item,
            domain_title(item.questionnaire.domain),
            len(item.questionnaire.questions),
            estimated_minutes(item.questionnaire),
        )
        for item in ordered
    ]
    return WizardData(store.clients(), choices)


@dataclass(frozen=True)
class EarlierContext:
    client_id: int
    title: str
    context: AssessmentContext


def latest_context(store: Store, client_id: int) -> EarlierContext | None:
    """Runs on the worker: the context of the client's latest assessment (outside the bin)."""
    own = [a for a in store.list_assessments() if a.client_id == client_id]
    if not own:
        return None
    latest = max(own, key=lambda a: (a.created_at, a.id))
    record = store.assessment(latest.id)
    return EarlierContext(client_id, record.title, record.context)


class NewAssessmentWizard(QWizard):
    #: The id of the assessment the core created.
    created = Signal(int)

    CLIENT, ORGANISATION, USE_CASES, QUESTIONNAIRES, SUMMARY = range(5)

    def __init__(
        self, session: Session, parent: QWidget | None = None, client_id: int | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.created_id: int | None = None
        self._creating = False
        self._clients: dict[int, ClientRecord] = {}
        self.setObjectName("newAssessmentWizard")
        self.setWindowTitle("New assessment")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        for button, text in (
            (QWizard.WizardButton.BackButton, "Back"),
            (QWizard.WizardButton.NextButton, "Next"),
            (QWizard.WizardButton.CancelButton, "Cancel"),
            (QWizard.WizardButton.FinishButton, "Create assessment"),
        ):
            self.setButtonText(button, text)
        for button, tip in (
            (QWizard.WizardButton.BackButton, "The previous step"),
            (QWizard.WizardButton.NextButton, "The next step (Enter)"),
            (QWizard.WizardButton.CancelButton, "Close without creating anything (Escape)"),
            (QWizard.WizardButton.FinishButton, "Create the assessment and start answering"),
        ):
            self.button(button).setToolTip(tip)
            self.button(button).setAccessibleName(self.buttonText(button))
        for button in (QWizard.WizardButton.NextButton, QWizard.WizardButton.FinishButton):
            self.button(button).setObjectName("primary")
            styled.repolish(self.button(button))
        self.resize(*SIZE)
        self.setMinimumSize(*MINIMUM_SIZE)

        self.client_page = ClientPage(preselect=client_id)
        self.organisation_page = OrganisationPage()
        self.use_cases_page = UseCasesPage()
        self.questionnaires_page = QuestionnairesPage()
        self.summary_page = SummaryPage(session)
        for page_id, page in (
            (self.CLIENT, self.client_page),
            (self.ORGANISATION, self.organisation_page),
            (self.USE_CASES, self.use_cases_page),
            (self.QUESTIONNAIRES, self.questionnaires_page),
            (self.SUMMARY, self.summary_page),
        ):
            self.setPage(page_id, page)

        self.client_page.client_changed.connect(self._client_changed)
        self.currentIdChanged.connect(self._page_changed)
        self.session.op(
            lambda core: load_wizard_data(core.store, core.library), source=self
        ).success(self._loaded).run()

    # --- what the user entered -------------------------------------------------------------

    def draft(self) -> Draft:
        client_id = self.client_page.client_id()
        existing = self._clients.get(client_id) if client_id is not None else None
        return Draft(
            client_name=self.client_page.client_name(),
            client_id=client_id,
            title=self.client_page.assessment_title(),
            context=AssessmentContext(
                **self.organisation_page.fields(), use_cases=self.use_cases_page.use_cases()
            ),
            questionnaires=self.questionnaires_page.chosen(),
            client_details=self.client_page.client_details() if client_id is None else {},
            client_assessments=existing.assessments if existing else 0,
        )

    def initializePage(self, page_id: int) -> None:
        # The wizard hands the summary what was entered (the page holds no link back,
        # so no reference cycle keeps the wizard's widgets for the garbage collector).
        if page_id == self.SUMMARY:
            self.summary_page.show_draft(self.draft())
        super().initializePage(page_id)

    def has_input(self) -> bool:
        """Whether closing would lose something the user typed or chose."""
        pages = (
            self.client_page,
            self.organisation_page,
            self.use_cases_page,
            self.questionnaires_page,
        )
        return any(page.has_input() for page in pages)

    # --- loading ---------------------------------------------------------------------------

    def _loaded(self, data: WizardData) -> None:
        self._clients = {client.id: client for client in data.clients}
        self.questionnaires_page.set_choices(data.choices)
        self.client_page.set_clients(data.clients)

    def _client_changed(self, client_id: int | None) -> None:
        if client_id is None:
            return  # a new client: keep whatever the pages show
        self.session.op(lambda core: latest_context(core.store, client_id), source=self).success(
            lambda earlier: self._prefill(client_id, earlier)
        ).run()

    def _prefill(self, client_id: int, earlier: EarlierContext | None) -> None:
        if self.client_page.client_id() != client_id:
            return  # the user chose another client meanwhile
        if earlier is None:
            self.organisation_page.clear_prefill_note()
            return
        self.organisation_page.prefill(earlier.context, earlier.title)
        self.use_cases_page.prefill(list(earlier.context.use_cases))

    # --- finishing -------------------------------------------------------------------------

    def accept(self) -> None:
        """Create the assessment through the core; close only once it exists."""
        if self.created_id is not None:
            QDialog.accept(self)
            return
        if self._creating or self.currentId() != self.SUMMARY:
            return
        draft = self.draft()
        self._set_creating(True)

        def create(core: Core) -> Changes[int]:
            # Unchecked here: create_assessment checks the client and names what it refuses.
            client = Client.model_construct(name=draft.client_name, **draft.client_details)
            return create_assessment(
                core.store,
                core.library,
                client,
                draft.title,
                draft.context,
                questionnaires=[choice.loaded for choice in draft.questionnaires],
                client_id=draft.client_id,
            )

        self.session.op(create, source=self).success(self._created).failure(self._refused).run()

    def _created(self, changes: Changes[int]) -> None:
        self._set_creating(False)
        self.created_id = int(changes.value)
        self.created.emit(self.created_id)
        QDialog.accept(self)

    def _refused(self, error: BaseException) -> None:
        self._set_creating(False)
        self.session.report_error(error)

    def _set_creating(self, creating: bool) -> None:
        self._creating = creating
        finish = self.button(QWizard.WizardButton.FinishButton)
        finish.setEnabled(not creating)
        finish.setText("Creating…" if creating else "Create assessment")
        self.button(QWizard.WizardButton.BackButton).setEnabled(not creating)

    def reject(self) -> None:
        """Escape or Cancel: close, asking first if that would lose what was typed."""
        if self._creating:
            return
        if self.has_input() and not dialogs.confirm(
            self,
            "Discard this assessment?",
            "What you entered in this wizard will be lost.",
            "Discard",
        ):
            return
        super().reject()

    # --- looks and focus -------------------------------------------------------------------

    def _page_changed(self, page_id: int) -> None:
        self._style_header()
        # After QWizard and QDialog have placed the focus themselves (on showing, or on
        # the button just pressed), put it in the page's first field.
        QTimer.singleShot(0, lambda: self._focus_first_field(page_id))

    def _focus_first_field(self, page_id: int) -> None:
        if self.currentId() != page_id:
            return
        page = self.currentPage()
        field = page.first_field() if hasattr(page, "first_field") else None
        if isinstance(field, QWidget):
            field.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.button(QWizard.WizardButton.FinishButton).setFocus()

    def _style_header(self) -> None:
        """Give the wizard's own title and subtitle labels the app's heading styles.

        QWizard draws them with labels of its own that carry no object name, so they are
        found by what they show and named once (`pageTitle`, `subtitle`)."""
        page = self.currentPage()
        if page is None:
            return
        pages = [self.page(i) for i in self.pageIds()]
        header = [
            lab for lab in self.findChildren(QLabel) if not any(p.isAncestorOf(lab) for p in pages)
        ]
        title = next((lab for lab in header if lab.text() == page.title()), None)
        subtitle = next((lab for lab in header if lab.text() == page.subTitle()), None)
        if title is None or subtitle is None or title.objectName() == "pageTitle":
            return
        title.setObjectName("pageTitle")
        subtitle.setObjectName("subtitle")
        for label in (title, subtitle):
            label.setWordWrap(True)
            styled.repolish(label)
        # QWizard sets the subtitle in from the title; line the title up with it instead.
        holder = title.parentWidget()
        holder_layout = holder.layout() if holder is not None else None
        if holder_layout is not None:
            holder_layout.activate()
        title.setIndent(max(0, subtitle.x() - title.x()))


# --- screens for review ---------------------------------------------------------------------


def _fill_new_client(wizard: NewAssessmentWizard) -> None:
    page = wizard.client_page
    page.new_card.setChecked(True)
    page.name_edit.setText("Harbour Line Insurance")
    page.sector_edit.setText("Insurance (motor, home and life)")
    page.contact_edit.setText("Chief Operating Officer")


def _fill_organisation(wizard: NewAssessmentWizard) -> None:
    page = wizard.organisation_page
    page.industry_combo.setCurrentIndex(page.industry_combo.findData("finance"))
    page.sector_combo.setCurrentIndex(page.sector_combo.findData("commercial"))
    page.size_combo.setCurrentIndex(page.size_combo.findData("large"))
    for key in ("EU", "UK"):
        page.regions[key].setChecked(True)
    for key in ("api", "cloud"):
        page.deployment[key].setChecked(True)


FINANCE_USE_CASES = (
    UseCase(
        name="Claims correspondence assistant",
        description="Drafts replies to policyholders' claim questions for an agent to send.",
        risk_tier="limited",
    ),
    UseCase(
        name="Life underwriting assistant",
        description="Proposes risk ratings for life applications for an underwriter to confirm.",
        risk_tier="high",
    ),
)


def screens(session: Session, assessment_id: int) -> Iterator[tuple[str, QWidget]]:
    """Each page of the wizard, filled in as a user would (a finance insurer with two use
    cases, one high-risk), and the existing-client start for `assessment_id`'s client."""

    def settle() -> None:
        # With the real worker, results arrive as events, and may start further operations.
        for _ in range(4):
            session.worker.wait()
            QApplication.processEvents()

    def shown(wizard: NewAssessmentWizard) -> NewAssessmentWizard:
        wizard.resize(*SIZE)
        wizard.show()
        settle()
        return wizard

    wizard = shown(NewAssessmentWizard(session))
    yield "wizard-1-client-new", wizard
    _fill_new_client(wizard)
    settle()
    yield "wizard-1-client-filled", wizard
    wizard.next()
    settle()
    _fill_organisation(wizard)
    yield "wizard-2-organisation", wizard
    wizard.next()
    settle()
    yield "wizard-3-use-cases-empty", wizard
    for use_case in FINANCE_USE_CASES:
        wizard.use_cases_page.model.add(use_case)
    wizard.use_cases_page.name_edit.setText("Emotion detection in sales calls")
    wizard.use_cases_page.tier_combo.setCurrentIndex(
        wizard.use_cases_page.tier_combo.findData("unacceptable")
    )
    yield "wizard-3-use-cases-prohibited", wizard
    wizard.use_cases_page.name_edit.clear()
    wizard.use_cases_page.tier_combo.setCurrentIndex(0)
    yield "wizard-3-use-cases", wizard
    wizard.next()
    settle()
    yield "wizard-4-questionnaires", wizard
    last = wizard.questionnaires_page.model.rowCount() - 1
    wizard.questionnaires_page.model.set_ticked(last, False)
    yield "wizard-4-questionnaires-one-unticked", wizard
    wizard.questionnaires_page.tick_all()
    wizard.next()
    settle()
    yield "wizard-5-summary", wizard
    wizard.hide()
    wizard.deleteLater()

    client_id = session.call(lambda core: core.store.assessment(assessment_id).client_id)
    existing = shown(NewAssessmentWizard(session, client_id=client_id))
    yield "wizard-1-client-existing", existing
    existing.next()
    settle()
    yield "wizard-2-organisation-prefilled", existing
    existing.hide()
    existing.deleteLater()
