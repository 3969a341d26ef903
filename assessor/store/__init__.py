"""The store layer: the one owner of SQL. One SQLite file per user, named migrations,
typed records in and out (`database`, `migrations`); opening the file for writing or
reading only (`opening`), the backup before a migration (`backups`), and what the file's
faults mean to the user (`faults`).
"""
