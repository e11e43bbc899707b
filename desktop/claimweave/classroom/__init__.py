"""Classroom exercises: assignments, submissions, collection, agreement and grading.

Qt-free; the desktop program and the command line both call these modules.
"""
