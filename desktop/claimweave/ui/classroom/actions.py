"""The Classroom menu: make an assignment, start and hand in a student's copy, collect a
class, open the dashboard. The exercise logic is the Qt-free :mod:`claimweave.classroom`;
this module asks the user for names and files and reports the outcome.

Which entries are enabled follows the open file's role: a teacher's own project makes
assignments and collects; an assignment opens as the student's working copy; a working
copy hands in; a class project has the dashboard.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QInputDialog,
    QMainWindow,
    QMenu,
    QWidget,
)

from ...classroom.collect import collect
from ...classroom.exercise import ExerciseParts, tasks_text
from ...classroom.feedback import write_feedback
from ...classroom.files import free_path
from ...classroom.grades import write_grades
from ...classroom.layers import ClassData
from ...classroom.roles import (
    ASSIGNMENT,
    CLASS,
    EXTENSIONS,
    SUBMISSION,
    WORK,
    ClassroomInfo,
    role_of,
    student_of,
)
from ...classroom.submission import (
    clean_student,
    describe_link,
    hand_in,
    start_submission,
    unjustified_links,
    working_copy_for,
)
from ...core.errors import ClaimWeaveError
from ...core.store import Project
from ...core.targets import check_output_target
from ...core.wording import counted

if TYPE_CHECKING:
    from ...classroom.agreement import ClassReport
from ..background import JobCancelled, Report, run_with_progress
from ..session import ProjectSession
from .assign_dialog import ASSIGNMENT_FILTER, MakeAssignmentDialog
from .prompt_panel import PromptPanel

T = TypeVar("T")

Inform = Callable[[str, str, bool], None]
"""Tell the user something: (title, text, is_warning)."""

SUBMISSION_FILTER = "Submissions (*.cwsubmit);;All files (*)"
PROJECT_FILTER = "ClaimWeave projects (*.claimweave);;All files (*)"


class ClassroomActions(QObject):
    """The Classroom menu of the main window, and the step that turns opening an
    assignment into opening the student's own working copy."""

    openRequested = Signal(object)  # Path: the window opens this project
    message = Signal(str)

    def __init__(self, parent: QWidget, inform: Inform) -> None:
        super().__init__(parent)
        self.window = parent
        self.inform = inform
        self.session: ProjectSession | None = None
        self.prompt_dock: QDockWidget | None = None
        self.menu = QMenu("&Classroom", parent)
        add = self.menu.addAction
        self.make_action = add("&Make Assignment…", self.make_assignment)
        self.collect_action = add("&Collect Submissions…", self.collect_submissions)
        self.dashboard_action = add("Class &Dashboard", self.open_dashboard)
        self.curate_action = add("C&urate the Key…", self.open_curation)
        self.adjudicate_action = add("&Adjudicate a New Key…", self.adjudicate)
        self.feedback_action = add("Write &Feedback Reports…", self.write_feedback)
        self.grades_action = add("Export &Grades…", self.export_grades)
        self.menu.addSeparator()
        self.open_assignment_action = add("&Open Assignment…", self.open_assignment)
        self.open_assignment_action.setStatusTip(
            "Start (or continue) your work on an assignment file (.cwassign) from your teacher")
        self.instructions_action = add("Assignment &Instructions", self.show_instructions)
        self.hand_in_action = add("&Hand In…", self.hand_in)
        for action, tip in (
                (self.make_action, "Write an assignment file from this project (the key)"),
                (self.collect_action, "Gather students' submissions into a class project"),
                (self.dashboard_action, "Grades against the key and the class's agreement"),
                (self.curate_action, "The students' claims and links beside the key: "
                                     "accept or reject each one"),
                (self.adjudicate_action, "A new key project of what enough students found"),
                (self.hand_in_action, "Write the submission file to give to your teacher"),
                (self.feedback_action, "One HTML page per student: found, missed, linked "
                                       "differently"),
                (self.grades_action, "Per-student scores against the key, as CSV")):
            action.setStatusTip(tip)
        self.set_session(None)

    # ------------------------------------------------------------------ state
    @property
    def info(self) -> ClassroomInfo | None:
        return ClassroomInfo.of(self.session.project) if self.session else None

    def set_session(self, session: ProjectSession | None) -> None:
        self._drop_prompts()
        self.session = session
        role = self.info.role if self.info else None
        if session is not None and role == WORK:
            self._show_prompts(session)
        writable = session is not None and not session.read_only
        self.make_action.setEnabled(writable and role == "")
        self.collect_action.setEnabled(role in ("", ASSIGNMENT))
        for action in (self.dashboard_action, self.feedback_action, self.grades_action,
                       self.curate_action, self.adjudicate_action):
            action.setEnabled(role == CLASS)
        self.instructions_action.setEnabled(role in (ASSIGNMENT, WORK, SUBMISSION))
        self.hand_in_action.setEnabled(role == WORK)

    def _show_prompts(self, session: ProjectSession) -> None:
        """A working copy of an assignment with prompts gets the Prompts panel."""
        student = student_of(session.project)
        if not student or not session.project.prompts() or not isinstance(self.window,
                                                                          QMainWindow):
            return
        dock = QDockWidget("Prompts", self.window)
        dock.setObjectName("dock_prompts")
        dock.setWidget(PromptPanel(session, student))
        self.window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        beside = self.window.findChild(QDockWidget, "dock_codebook")
        if beside is not None and beside.isVisible():
            self.window.tabifyDockWidget(beside, dock)
        dock.show()
        dock.raise_()  # the questions are what a student looks for first
        self.prompt_dock = dock

    @property
    def prompt_panel(self) -> PromptPanel | None:
        widget = self.prompt_dock.widget() if self.prompt_dock else None
        return widget if isinstance(widget, PromptPanel) else None

    def _drop_prompts(self) -> None:
        """Save what the student typed, then remove the panel (before the file closes)."""
        dock, self.prompt_dock = self.prompt_dock, None
        if dock is None:
            return
        panel = dock.widget()
        if isinstance(panel, PromptPanel):
            panel.save()
        if isinstance(self.window, QMainWindow):
            self.window.removeDockWidget(dock)
        dock.deleteLater()

    def annotator(self) -> str | None:
        """A working copy's claims are its student's, whatever the computer's user name."""
        return student_of(self.session.project) if self.session else None

    def greet(self) -> None:
        """On opening a working copy: show the instructions (and the questions, the rubric)
        once per opening."""
        info = self.info
        if info is not None and info.role == WORK and self._assignment_text(info):
            self.show_instructions()

    def _assignment_text(self, info: ClassroomInfo) -> str:
        assert self.session is not None
        tasks = tasks_text(ExerciseParts.of(self.session.project), info.require_justification)
        return "\n\n".join(t for t in (info.instructions.strip(), tasks) if t)

    # ------------------------------------------------------------------ opening
    def resolve_open(self, path: Path) -> Path | None:
        """The file to open for *path*: an assignment becomes the student's working copy
        (asking the name once, reusing the copy made before); None when cancelled."""
        if role_of(path) != ASSIGNMENT:
            return path
        name, ok = QInputDialog.getText(
            self.window, "Start the assignment",
            f"{path.name} is an assignment. Your name (it goes on your work and on the file "
            "you hand in):")
        if not ok:
            return None
        try:
            student = clean_student(name)
            target, exists = working_copy_for(path, student)
            if exists:
                self.message.emit(f"Continuing your work in {target.name}")
                return target
            start_submission(path, student, target)
        except (ClaimWeaveError, OSError) as exc:
            self.inform("Cannot start the assignment", str(exc), True)
            return None
        self.message.emit(f"Your work is saved in {target}")
        return target

    # ------------------------------------------------------------------ actions
    def open_assignment(self) -> None:
        """Choose an assignment file; the window opens the student's working copy of it."""
        start = self.session.project.path.parent if self.session else Path.home()
        path, _ = QFileDialog.getOpenFileName(self.window, "Open assignment", str(start),
                                              ASSIGNMENT_FILTER)
        if path:
            self.openRequested.emit(Path(path))

    def make_assignment(self) -> None:
        if self.session is None:
            return
        dialog = MakeAssignmentDialog(self.session, self.window)
        try:
            if not dialog.exec():
                return
            made = dialog.made or dialog.make()  # made on accept; exec may be scripted
        except (ClaimWeaveError, OSError) as exc:
            self.inform("Cannot make the assignment", str(exc), True)
            return
        finally:
            dialog.deleteLater()
        self.inform("Assignment made",
                    f"{made.path}\n\n{made.documents} documents, no annotations. Give this "
                    f"file to the class; the key ({made.key_claims} claims) stays in this "
                    "project. Collect the students' .cwsubmit files with Classroom > Collect "
                    "Submissions.", False)

    def collect_submissions(self) -> None:
        if self.session is None:
            return
        source = self.session.project.path
        files, _ = QFileDialog.getOpenFileNames(self.window, "Students' submissions",
                                                str(source.parent), SUBMISSION_FILTER)
        if not files:
            return
        default = source.with_name(f"{source.stem} class{EXTENSIONS[CLASS]}")
        out, _ = QFileDialog.getSaveFileName(
            self.window, "Save the class project as", str(default), PROJECT_FILTER,
            options=QFileDialog.Option.DontConfirmOverwrite)  # collect never overwrites
        if not out:
            return
        target = Path(out)
        try:  # submission by submission; Cancel leaves no class project (it is staged)
            made = run_with_progress(
                self.window, "Collect", f"Collecting {counted(len(files), 'submission')}…",
                lambda report: collect(source, [Path(f) for f in files], target,
                                       progress=report))
        except JobCancelled:
            self.message.emit(f"Collection cancelled: {target.name} was not written")
            return
        except (ClaimWeaveError, OSError) as exc:
            self.inform("Cannot collect the submissions", str(exc), True)
            return
        self.message.emit(f"Collected {counted(len(made.students), 'student')} into "
                          f"{made.path.name}")
        self.openRequested.emit(made.path)

    def open_dashboard(self) -> None:
        if self.session is not None:
            from .dashboard import open_class_dashboard  # pyqtgraph: loaded on demand

            open_class_dashboard(self.session, self.window)

    def open_curation(self) -> None:
        if self.session is not None:
            from .curation import open_curation

            open_curation(self.session, self.window)

    def _graded(self, title: str, write: Callable[[ClassReport], T]) -> tuple[ClassReport, T]:
        """Grade the class on a worker (its own read-only connection), then *write*: the
        window stays painted, and Cancel before the writing leaves nothing written."""
        from ...classroom.agreement import analyse_class  # numpy: loaded when grading

        assert self.session is not None
        path = self.session.project.path

        def job(report: Report) -> tuple[ClassReport, T]:
            with Project.open(path, read_only=True) as reader:
                graded = analyse_class(ClassData.of(reader))
                report(1, 2)  # the last moment to cancel: nothing is written before it
                return graded, write(graded)

        return run_with_progress(self.window, title, "Grading the class…", job)

    def write_feedback(self) -> None:
        if self.session is None:
            return
        start = self.session.project.path.with_name("feedback")
        folder = QFileDialog.getExistingDirectory(self.window, "Write the feedback pages into",
                                                  str(start.parent))
        if not folder:
            return
        try:
            target = check_output_target(folder, self.session.project.path, kind="folder")
            _graded, pages = self._graded("Feedback", lambda g: write_feedback(g, target))
        except JobCancelled:
            self.message.emit("Feedback cancelled: no page was written")
            return
        except (ClaimWeaveError, OSError) as exc:
            self.inform("Cannot write the feedback", str(exc), True)
            return
        self.message.emit(f"Wrote {len(pages)} feedback pages and index.html into {folder}")

    def export_grades(self) -> None:
        if self.session is None:
            return
        default = self.session.project.path.with_name("grades.csv")
        out, _ = QFileDialog.getSaveFileName(self.window, "Export grades", str(default),
                                             "CSV (*.csv)")
        if not out:
            return
        project_path = self.session.project.path

        def grades(graded: ClassReport) -> None:
            if graded.data.key is None:
                raise ClaimWeaveError("this class project has no answer key to grade against")
            write_grades(graded, check_output_target(out, project_path))

        try:
            report, _ = self._graded("Grades", grades)
        except JobCancelled:
            self.message.emit("Grades cancelled: nothing was written")
            return
        except (ClaimWeaveError, OSError) as exc:
            self.inform("Cannot export the grades", str(exc), True)
            return
        self.message.emit(f"Wrote the grades of {counted(len(report.results), 'student')} to "
                          f"{out}")

    def show_instructions(self) -> None:
        info = self.info
        if info is None:
            return
        text = self._assignment_text(info) or "The teacher gave no instructions."
        self.inform(f"Assignment: {info.title}", text, False)

    def hand_in(self) -> None:
        if self.session is None:
            return
        work = self.session.project.path
        default = work.with_suffix(EXTENSIONS[SUBMISSION])
        out, _ = QFileDialog.getSaveFileName(self.window, "Hand in as", str(default),
                                             SUBMISSION_FILTER)
        if not out:
            return
        target = Path(out)
        fresh = target.with_name(target.name + ".new")  # the chooser confirmed any overwrite
        if self.prompt_panel is not None:
            self.prompt_panel.save()  # what was typed but not saved goes in too
        try:
            check_output_target(target, work)  # not the working copy itself, nor its -wal
            fresh.unlink(missing_ok=True)
            hand_in(work, fresh)
            written = fresh.replace(target)
        except (ClaimWeaveError, OSError) as exc:
            fresh.unlink(missing_ok=True)
            self.inform("Cannot hand in", str(exc), True)
            return
        project = self.session.project
        bare = unjustified_links(project) if self.info and self.info.require_justification \
            else []
        warning = "".join(
            [f"\n\n{counted(len(bare), 'link', verb=('has', 'have'))} no "
             "justification; the assignment asks for one "
             "on every link (write it in the link's note, then hand in again):"]
            + [f"\n• {describe_link(project, k)}" for k in bare[:20]]
            + ([f"\n… and {len(bare) - 20} more"] if len(bare) > 20 else [])) if bare else ""
        self.inform("Handed in", f"{written}\n\nGive this file to your teacher. Your working "
                    "copy stays as it is; you can hand in again later." + warning, bool(bare))

    def adjudicate(self) -> None:
        """A new key of what at least N students found, written beside the class project."""
        if self.session is None:
            return
        from ...classroom.adjudicate import adjudicate

        count = len(ClassData.of(self.session.project).students)
        n, ok = QInputDialog.getInt(
            self.window, "Adjudicate a new key", f"Keep the claims and links found by at "
            f"least this many of the {count} students:", max(1, (count + 1) // 2), 1,
            max(count, 1))
        if not ok:
            return
        source = self.session.project.path
        default = free_path(source.with_name(f"{source.stem} adjudicated.claimweave"))
        out, _ = QFileDialog.getSaveFileName(
            self.window, "Save the new key as", str(default), PROJECT_FILTER,
            options=QFileDialog.Option.DontConfirmOverwrite)  # never overwritten
        if not out:
            return
        try:
            made = adjudicate(source, n, Path(out))
        except (ClaimWeaveError, OSError) as exc:
            self.inform("Cannot adjudicate", str(exc), True)
            return
        self.inform("New key made", f"{made.path}\n\n{made.claims} claims and {made.links} "
                    f"links found by at least {n} of {made.students} students. Open it to "
                    "review it, or make an assignment from it.", False)
