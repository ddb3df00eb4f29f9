"""Content Security Policy strings for settings (imports nothing of Django's models)."""


def csp_policy(directives: dict[str, list[str]]) -> str:
    """``{"default-src": ["'self'"]}`` → ``"default-src 'self'"``."""
    return "; ".join(" ".join([name, *values]) for name, values in directives.items())
