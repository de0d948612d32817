"""``python -m innograph``."""

from innograph.cli.main import app

app()
