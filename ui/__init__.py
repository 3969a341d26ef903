"""The desktop app (PySide6): shows core objects and calls core use-cases, nothing more."""
