"""The parts of the main window, one job each; ``ui/main_window.py`` composes them."""
