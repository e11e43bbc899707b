"""The Qt-free core: the project file, the annotation model, offsets, text rules and undo.

Nothing in this package imports Qt or any higher layer (import-linter enforces it), so
every rule about the data can be tested without a display.
"""
