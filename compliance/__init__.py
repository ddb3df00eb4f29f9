"""Compliance with Decision 96/QĐ-UBND (issue #7): update deadlines of Điều 8, the
Điều 15 report (Phụ lục) with its roll-up, and archiving instead of deletion (Điều 10.4)."""
