"""Fonts, icons and style sheets, shipped inside the wheel as `assessor.bundled_resources`.

Found with `importlib.resources` (see `assessor.paths`), wherever the program is installed.
"""
