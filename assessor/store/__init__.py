"""The store layer: the one owner of SQL. One SQLite file per user, named migrations,
typed records in and out.
"""
