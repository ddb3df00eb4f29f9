from django.apps import AppConfig


class BlocksConfig(AppConfig):
    # An app only so that Django finds the block templates.
    name = "blocks"
