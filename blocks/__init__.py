"""StreamField blocks shared by every page type (issue #3)."""
