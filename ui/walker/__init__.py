"""The questionnaire walker: one question at a time, a navigation tree, the live score.

`WalkerPage` (page.py) is the screen; `screens` yields its states for screenshots. The
walking order is in walk.py (no Qt), the tree's item model in tree_model.py, the answer
controls in answer_controls.py, the question in question_view.py, the score panel in
side_panel.py and the answer history in history_dialog.py.
"""

from ui.walker.page import WalkerPage, screens

__all__ = ["WalkerPage", "screens"]
