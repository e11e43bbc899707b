"""Small dialogs of the main window: preferences, keyboard help, about."""
