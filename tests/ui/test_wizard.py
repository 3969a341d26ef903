"""The new-assessment wizard: what a user goes through to create an assessment, by
keyboard and by mouse, and what ends up in the store."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QDialog,
    QStyle,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
    QWizard,
)
from pytestqt.qtbot import QtBot

from assessor.content import context as core_context
from assessor.content.context import AssessmentContext, UseCase
from assessor.content.profiles import choose_profile, planning_tier
from assessor.content.questionnaire import estimated_minutes
from assessor.errors import UsageError
from assessor.library.installed import Library
from assessor.scoring.scorecard import LEVEL_NAMES
from tests.ui.conftest import DialogLog
from ui.session import Session
from ui.wizard import new_assessment, vocabulary
from ui.wizard.models import UseCaseTableModel
from ui.wizard.new_assessment import NewAssessmentWizard

OpenWizard = Callable[..., NewAssessmentWizard]
NEXT = QWizard.WizardButton.NextButton
FINISH = QWizard.WizardButton.FinishButton

FINANCE = AssessmentContext(
    industry="finance",
    sector="commercial",
    size="large",
    regions=["EU", "UK"],
    deployment=["api", "cloud"],
    use_cases=[
        UseCase(name="Underwriting assistant", description="Rates life cover", risk_tier="high"),
        UseCase(name="Claims letters", risk_tier="minimal"),
    ],
)


@pytest.fixture
def open_wizard(session: Session, qtbot: QtBot) -> Iterator[OpenWizard]:
    opened: list[NewAssessmentWizard] = []

    def open_(client_id: int | None = None) -> NewAssessmentWizard:
        wizard = NewAssessmentWizard(session, client_id=client_id)
        qtbot.addWidget(wizard)
        wizard.show()
        qtbot.waitExposed(wizard)
        wizard.activateWindow()
        QApplication.processEvents()  # the page's first field takes the focus
        opened.append(wizard)
        return wizard

    yield open_
    for wizard in opened:
        QDialog.done(wizard, 0)  # close without the discard question


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def press(qtbot: QtBot, key: Qt.Key, times: int = 1) -> None:
    for _ in range(times):
        qtbot.keyClick(focused(), key)
        QApplication.processEvents()


def type_text(qtbot: QtBot, text: str) -> None:
    qtbot.keyClicks(focused(), text)


def ancestors(widget: QWidget) -> Iterator[QWidget]:
    parent = widget.parentWidget()
    while parent is not None:
        yield parent
        parent = parent.parentWidget()


def click(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)
    QApplication.processEvents()


def click_check(qtbot: QtBot, table: QTableView, row: int) -> None:
    """Click the tick box of a row, where the style draws it."""
    option = QStyleOptionViewItem()
    index = table.model().index(row, 0)
    option.rect = table.visualRect(index)
    option.features = QStyleOptionViewItem.ViewItemFeature.HasCheckIndicator
    box = table.style().subElementRect(
        QStyle.SubElement.SE_ItemViewItemCheckIndicator, option, table
    )
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=box.center())


def fill_by_keyboard(qtbot: QtBot, wizard: NewAssessmentWizard) -> None:
    # Client: the name field has the focus; Tab goes through the form to the title.
    assert focused() is wizard.client_page.name_edit
    type_text(qtbot, "Harbour Line Insurance")
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is wizard.client_page.sector_edit
    type_text(qtbot, "Insurance")
    press(qtbot, Qt.Key.Key_Tab, 2)
    assert focused() is wizard.client_page.title_edit
    focused().clear()  # type: ignore[attr-defined]
    type_text(qtbot, "Baseline 2026")
    press(qtbot, Qt.Key.Key_Return)
    # Organisation: arrows choose in the lists, Space ticks the boxes.
    organisation = wizard.organisation_page
    assert wizard.currentId() == wizard.ORGANISATION
    assert focused() is organisation.industry_combo
    press(qtbot, Qt.Key.Key_Down)  # finance comes first
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Down)  # commercial
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Down, 3)  # large
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is organisation.regions["EU"]
    press(qtbot, Qt.Key.Key_Space)
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Space)  # UK
    press(qtbot, Qt.Key.Key_Tab, 4)
    assert focused() is organisation.deployment["api"]
    press(qtbot, Qt.Key.Key_Space)
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Space)  # cloud
    press(qtbot, Qt.Key.Key_Return)
    # Use cases: Enter in the form adds one; with the form empty it goes on.
    assert wizard.currentId() == wizard.USE_CASES
    assert focused() is wizard.use_cases_page.name_edit
    type_text(qtbot, "Underwriting assistant")
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "Rates life cover")
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Down, 2)  # high
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is wizard.use_cases_page.add_button
    press(qtbot, Qt.Key.Key_Space)
    assert focused() is wizard.use_cases_page.name_edit
    type_text(qtbot, "Claims letters")
    press(qtbot, Qt.Key.Key_Return)
    assert wizard.currentId() == wizard.USE_CASES
    press(qtbot, Qt.Key.Key_Return)
    # Questionnaires: the list has the focus; Space unticks the current one.
    assert wizard.currentId() == wizard.QUESTIONNAIRES
    assert focused() is wizard.questionnaires_page.table
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Space)
    press(qtbot, Qt.Key.Key_Return)
    assert wizard.currentId() == wizard.SUMMARY
    press(qtbot, Qt.Key.Key_Return)


def fill_by_mouse(qtbot: QtBot, wizard: NewAssessmentWizard) -> None:
    page = wizard.client_page
    click(qtbot, page.name_edit)
    type_text(qtbot, "Harbour Line Insurance")
    click(qtbot, page.sector_edit)
    type_text(qtbot, "Insurance")
    page.title_edit.setText("Baseline 2026")
    click(qtbot, wizard.button(NEXT))
    organisation = wizard.organisation_page
    organisation.industry_combo.setCurrentIndex(organisation.industry_combo.findData("finance"))
    organisation.sector_combo.setCurrentIndex(organisation.sector_combo.findData("commercial"))
    organisation.size_combo.setCurrentIndex(organisation.size_combo.findData("large"))
    for box in (
        organisation.regions["EU"],
        organisation.regions["UK"],
        organisation.deployment["api"],
        organisation.deployment["cloud"],
    ):
        click(qtbot, box)
    click(qtbot, wizard.button(NEXT))
    use_cases = wizard.use_cases_page
    for name, description, tier in (
        ("Underwriting assistant", "Rates life cover", "high"),
        ("Claims letters", "", "minimal"),
    ):
        click(qtbot, use_cases.name_edit)
        type_text(qtbot, name)
        click(qtbot, use_cases.description_edit)
        type_text(qtbot, description)
        use_cases.tier_combo.setCurrentIndex(use_cases.tier_combo.findData(tier))
        click(qtbot, use_cases.add_button)
    click(qtbot, wizard.button(NEXT))
    click_check(qtbot, wizard.questionnaires_page.table, 1)
    click(qtbot, wizard.button(NEXT))
    click(qtbot, wizard.button(FINISH))


@pytest.mark.parametrize("fill", [fill_by_keyboard, fill_by_mouse], ids=["keyboard", "mouse"])
def test_creates_an_assessment_for_a_new_client(
    open_wizard: OpenWizard,
    session: Session,
    qtbot: QtBot,
    fill: Callable[[QtBot, NewAssessmentWizard], None],
) -> None:
    wizard = open_wizard()
    offered = [c.loaded.questionnaire.id for c in wizard.questionnaires_page.model.choices()]
    with qtbot.waitSignal(wizard.created) as created:
        fill(qtbot, wizard)
    new_id = created.args[0]
    assert wizard.result() == QDialog.DialogCode.Accepted
    assert not wizard.isVisible()
    record = session.call(lambda core: core.store.assessment(new_id))
    assert (record.client_name, record.title) == ("Harbour Line Insurance", "Baseline 2026")
    assert record.context == FINANCE
    used = session.call(lambda core: core.store.questionnaires_of(new_id))
    assert [q.id for q in used] == offered[:1] + offered[2:]  # the second was unticked
    [client] = session.call(lambda core: core.store.clients())
    assert client.details == {"sector": "Insurance"}


def test_an_existing_client_gets_a_second_assessment_prefilled_from_its_first(
    open_wizard: OpenWizard, session: Session, demo_id: int, qtbot: QtBot
) -> None:
    demo = session.call(lambda core: core.store.assessment(demo_id))
    wizard = open_wizard(client_id=demo.client_id)
    assert wizard.client_page.existing_card.isChecked()
    assert wizard.client_page.client_id() == demo.client_id
    assert focused() is wizard.client_page.client_table
    click(qtbot, wizard.button(NEXT))
    assert wizard.organisation_page.fields()["industry"] == demo.context.industry
    assert wizard.organisation_page.prefill_box.isVisible()
    assert demo.title in wizard.organisation_page.prefill_note.text()
    assert wizard.use_cases_page.use_cases() == demo.context.use_cases
    for _ in range(3):
        click(qtbot, wizard.button(NEXT))
    with qtbot.waitSignal(wizard.created) as created:
        click(qtbot, wizard.button(FINISH))
    clients = session.call(lambda core: core.store.clients())
    assert [(c.id, c.assessments) for c in clients] == [(demo.client_id, 2)]
    record = session.call(lambda core: core.store.assessment(created.args[0]))
    assert record.client_id == demo.client_id
    assert record.context == demo.context


def test_next_waits_for_a_client_name_and_a_title(open_wizard: OpenWizard, qtbot: QtBot) -> None:
    wizard = open_wizard()
    page = wizard.client_page
    assert not wizard.button(NEXT).isEnabled()
    press(qtbot, Qt.Key.Key_Return)
    assert wizard.currentId() == wizard.CLIENT
    type_text(qtbot, "Harbour")
    assert wizard.button(NEXT).isEnabled()
    press(qtbot, Qt.Key.Key_Backspace, len("Harbour"))
    assert not wizard.button(NEXT).isEnabled()
    assert page.name_message.isVisible()
    assert "name" in page.name_message.text()
    type_text(qtbot, "Harbour")
    page.title_edit.clear()
    assert not wizard.button(NEXT).isEnabled()
    assert page.title_message.text() == "The assessment needs a title."


def test_next_waits_for_a_chosen_existing_client(
    open_wizard: OpenWizard, demo_id: int, qtbot: QtBot
) -> None:
    wizard = open_wizard()
    click(qtbot, wizard.client_page.existing_card)
    assert not wizard.button(NEXT).isEnabled()
    assert focused() is wizard.client_page.search_edit
    type_text(qtbot, "northwind")  # the only match is chosen
    assert wizard.client_page.client_name() == "Northwind Mutual Insurance"
    assert wizard.button(NEXT).isEnabled()


def test_next_waits_for_at_least_one_questionnaire(open_wizard: OpenWizard, qtbot: QtBot) -> None:
    wizard = open_wizard()
    wizard.client_page.name_edit.setText("Harbour Line Insurance")
    for _ in range(3):
        click(qtbot, wizard.button(NEXT))
    page = wizard.questionnaires_page
    for row in range(page.model.rowCount()):
        click_check(qtbot, page.table, row)
    assert not wizard.button(NEXT).isEnabled()
    assert page.none_message.isVisible()
    click(qtbot, page.all_button)
    assert wizard.button(NEXT).isEnabled()
    assert not page.none_message.isVisible()


def test_the_total_time_adds_up_the_ticked_questionnaires(
    open_wizard: OpenWizard, library: Library, qtbot: QtBot
) -> None:
    wizard = open_wizard()
    page = wizard.questionnaires_page
    loaded = {item.questionnaire.id: item.questionnaire for item in library.content.loaded}
    for row in (0, 2):
        click_check(qtbot, page.table, row)
    ticked = [loaded[c.loaded.questionnaire.id] for c in page.chosen()]
    assert len(ticked) == len(loaded) - 2
    low = sum(estimated_minutes(q)[0] for q in ticked)
    high = sum(estimated_minutes(q)[1] for q in ticked)
    assert page.total_label.text() == f"Total: about {low}-{high} min"
    first = page.model.choices()[0].loaded.questionnaire
    shown = page.model.index(0, 2).data()
    assert shown == "about {}-{} min".format(*estimated_minutes(first))


def test_the_summary_names_the_profile_the_core_chooses(
    open_wizard: OpenWizard, library: Library, qtbot: QtBot
) -> None:
    wizard = open_wizard()
    wizard.client_page.name_edit.setText("Harbour Line Insurance")
    click(qtbot, wizard.button(NEXT))
    wizard.organisation_page.prefill(FINANCE, "earlier")
    wizard.use_cases_page.prefill(list(FINANCE.use_cases))
    for _ in range(3):
        click(qtbot, wizard.button(NEXT))
    profile = choose_profile(library.profiles.profiles, FINANCE)
    assert profile.id == "finance"
    summary = wizard.summary_page
    assert summary.profile_title.text() == profile.title
    assert "finance" in summary.profile_reason.text()
    assert summary.preview is not None
    tier = planning_tier(FINANCE)
    assert [(t.domain, t.level, t.level_name) for t in summary.preview.targets] == [
        (t.domain, profile.target(t.domain, tier), LEVEL_NAMES[profile.target(t.domain, tier)])
        for t in summary.preview.targets
    ]
    assert {t.domain for t in summary.preview.targets} == {
        c.loaded.questionnaire.domain for c in wizard.questionnaires_page.chosen()
    }
    assert wizard.button(FINISH).text() == "Create assessment"


def test_a_prohibited_use_case_is_flagged(open_wizard: OpenWizard, qtbot: QtBot) -> None:
    wizard = open_wizard()
    wizard.client_page.name_edit.setText("Harbour Line Insurance")
    click(qtbot, wizard.button(NEXT))
    click(qtbot, wizard.button(NEXT))
    page = wizard.use_cases_page
    assert page.empty_state.isVisible()
    assert "lowest tier" in page.empty_state.text()
    assert not page.prohibited_box.isVisible()
    page.name_edit.setText("Emotion detection in interviews")
    page.tier_combo.setCurrentIndex(page.tier_combo.findData("unacceptable"))
    click(qtbot, page.add_button)
    assert page.prohibited_box.isVisible()
    assert "prohibited" in page.prohibited_text.text()
    assert "not ready" in page.prohibited_text.text()
    page.table.selectRow(0)
    click(qtbot, page.remove_button)
    assert not page.prohibited_box.isVisible()
    assert page.use_cases() == []


def test_a_refusal_by_the_core_keeps_the_wizard_open(
    open_wizard: OpenWizard,
    session: Session,
    dialog_log: DialogLog,
    monkeypatch: pytest.MonkeyPatch,
    qtbot: QtBot,
) -> None:
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise UsageError("the store is read-only")

    monkeypatch.setattr(new_assessment, "create_assessment", refuse)
    wizard = open_wizard()
    wizard.client_page.name_edit.setText("Harbour Line Insurance")
    for _ in range(4):
        click(qtbot, wizard.button(NEXT))
    with qtbot.assertNotEmitted(wizard.created):
        click(qtbot, wizard.button(FINISH))
    assert dialog_log.errors == ["the store is read-only"]
    assert wizard.isVisible()
    assert wizard.currentId() == wizard.SUMMARY
    assert wizard.button(FINISH).isEnabled()
    assert session.call(lambda core: core.store.clients()) == []


@pytest.mark.parametrize(
    ("typed", "answer", "asked", "closed"),
    [("", True, False, True), ("Harbour", False, True, False), ("Harbour", True, True, True)],
)
def test_escape_asks_before_losing_what_was_typed(
    open_wizard: OpenWizard,
    dialog_log: DialogLog,
    qtbot: QtBot,
    typed: str,
    answer: bool,
    asked: bool,
    closed: bool,
) -> None:
    wizard = open_wizard()
    type_text(qtbot, typed)
    dialog_log.confirm_answer = answer
    press(qtbot, Qt.Key.Key_Escape)
    assert bool(dialog_log.confirmed) == asked
    assert wizard.isVisible() != closed


def test_every_control_reached_by_tab_has_an_accessible_name(open_wizard: OpenWizard) -> None:
    wizard = open_wizard()
    for page_id in wizard.pageIds():
        for control in wizard.page(page_id).findChildren(QWidget):
            inside_combo = isinstance(control.window(), QComboBox) or any(
                isinstance(parent, QComboBox) for parent in ancestors(control)
            )  # a combo box's own list
            if control.focusPolicy() & Qt.FocusPolicy.TabFocus and not inside_combo:
                text = control.text() if isinstance(control, QAbstractButton) else ""
                assert control.accessibleName() or text, control


@pytest.mark.parametrize(
    ("keys", "labels"),
    [
        (core_context.INDUSTRIES, vocabulary.INDUSTRIES),
        (core_context.SECTORS, vocabulary.SECTORS),
        (core_context.SIZES, vocabulary.SIZES),
        (core_context.REGIONS, vocabulary.REGIONS),
        (core_context.DEPLOYMENTS, vocabulary.DEPLOYMENTS),
        (core_context.RISK_TIERS, vocabulary.RISK_TIERS),
    ],
)
def test_every_context_value_has_a_label_and_an_explanation(
    keys: tuple[str, ...], labels: dict[str, vocabulary.Term]
) -> None:
    assert set(labels) == set(keys)
    assert all(term.label and term.explanation for term in labels.values())


def test_screens_show_every_page(session: Session, demo_id: int) -> None:
    stems = [stem for stem, widget in new_assessment.screens(session, demo_id)]
    assert len(stems) == len(set(stems)) >= 5
    assert any(stem.startswith("wizard-5") for stem in stems)


@pytest.fixture
def collect_on_this_thread() -> Iterator[None]:
    """Garbage collection only here, on the GUI thread, while the worker thread runs.

    Qt objects left in reference cycles (pytest-qt's waiting leaves some) would otherwise
    be freed by a collection the worker happens to trigger, and Qt crashes when an object
    is destroyed outside its thread. (Anki disables automatic collection for this reason.)
    """
    gc.collect()
    gc.disable()
    yield
    gc.enable()
    gc.collect()


def test_with_the_real_worker_it_closes_only_once_the_assessment_exists(
    threaded_session: Session, qtbot: QtBot, collect_on_this_thread: None
) -> None:
    wizard = NewAssessmentWizard(threaded_session)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitUntil(lambda: wizard.questionnaires_page.model.rowCount() > 0)
    wizard.client_page.name_edit.setText("Harbour Line Insurance")
    for _ in range(4):
        wizard.next()
    qtbot.waitUntil(lambda: wizard.summary_page.preview is not None)
    with qtbot.waitSignal(wizard.created, timeout=10_000) as created:
        click(qtbot, wizard.button(FINISH))
        assert wizard.isVisible()  # still open while the worker creates it
        assert not wizard.button(FINISH).isEnabled()
    assert not wizard.isVisible()
    record = threaded_session.call(lambda core: core.store.assessment(created.args[0]))
    assert record.client_name == "Harbour Line Insurance"


def test_changing_a_tier_in_the_table_updates_the_warning(
    open_wizard: OpenWizard, qtbot: QtBot
) -> None:
    wizard = open_wizard()
    wizard.client_page.name_edit.setText("Harbour Line Insurance")
    click(qtbot, wizard.button(NEXT))
    click(qtbot, wizard.button(NEXT))
    page = wizard.use_cases_page
    page.name_edit.setText("Interview screening")
    press(qtbot, Qt.Key.Key_Return)  # Enter in the form adds it
    assert [u.risk_tier for u in page.use_cases()] == ["minimal"]
    index = page.model.index(0, page.model.TIER)
    page.table.setCurrentIndex(index)
    page.table.edit(index)
    editor = page.table.indexWidget(index) or page.table.viewport().findChild(QComboBox)
    assert isinstance(editor, QComboBox)
    assert page.table.viewport().isAncestorOf(editor)
    editor.setCurrentIndex(editor.findData("unacceptable"))
    editor.activated.emit(editor.currentIndex())
    assert [u.risk_tier for u in page.use_cases()] == ["unacceptable"]
    assert page.prohibited_box.isVisible()


def test_a_new_client_named_like_an_existing_one_is_pointed_out(
    open_wizard: OpenWizard, demo_id: int, qtbot: QtBot
) -> None:
    wizard = open_wizard()
    type_text(qtbot, "northwind mutual insurance")
    assert "already have a client" in wizard.client_page.name_message.text()
    assert wizard.button(NEXT).isEnabled()  # a second client of that name stays possible


def test_escape_closes_a_prefilled_wizard_at_once(
    open_wizard: OpenWizard, session: Session, demo_id: int, dialog_log: DialogLog, qtbot: QtBot
) -> None:
    client_id = session.call(lambda core: core.store.assessment(demo_id).client_id)
    wizard = open_wizard(client_id=client_id)
    click(qtbot, wizard.button(NEXT))  # the organisation page, filled in from the demo
    press(qtbot, Qt.Key.Key_Escape)
    assert dialog_log.confirmed == []
    assert not wizard.isVisible()


def test_a_use_case_keeps_its_name_when_renamed_to_nothing() -> None:
    model = UseCaseTableModel()
    model.add(UseCase(name="Claims letters", risk_tier="minimal"))
    name = model.index(0, model.NAME)
    assert not model.setData(name, "   ")
    assert model.setData(name, " Claims replies ")
    assert not model.setData(model.index(0, model.TIER), "severe")  # not a tier
    assert model.use_cases() == [UseCase(name="Claims replies", risk_tier="minimal")]
    assert model.index(0, model.TIER).data() == "Minimal"
