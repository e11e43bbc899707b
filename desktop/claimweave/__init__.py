"""ClaimWeave: compare sources side by side, mark their claims, link the claims across sources."""

__version__ = "0.2.0"
APP_NAME = "ClaimWeave"
