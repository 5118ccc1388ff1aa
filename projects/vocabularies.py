"""Word lists every installation starts with, as ordinary data for code to read.

Migration 0003_target_groups put these rows in and keeps its own frozen copy (a migration must
not import code that may change later); the demo data recreates them from here on an emptied
database. tests/projects/test_demo.py checks that the two copies agree.
"""

# (slug, name, position). The groups the design names; further groups can be added in the admin.
TARGET_GROUPS = [
    ("unga", "Unga", 1),
    ("nyanlanda", "Nyanlända", 2),
    ("arbetslosa", "Arbetslösa", 3),
    ("karriarvaxlare", "Karriärväxlare", 4),
]
