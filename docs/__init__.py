"""The user documentation, shipped inside the wheel as `assessor.bundled_docs`.

The app's Help shows these Markdown files offline; found with `importlib.resources` (see
`assessor.paths.bundled_docs`), wherever the program is installed.
"""
