"""The bundled content, shipped inside the wheel as the package `assessor.bundled`.

Questionnaires (`*.yaml`), target profiles (`profiles/`), the framework catalogue
(`frameworks/`) and the regulatory calendar (`calendar/`) are data; the core finds them
with `importlib.resources` (see `assessor.paths`), wherever the program is installed.
"""
