"""Course settings: the one place for them.

This file is read twice:

* by ``autograder`` (``autograder.course.load_course``), which uses the plain
  constants below, and
* by nbgrader, as its configuration (``nbgrader_config.py`` is a link to this
  file), so plain ``nbgrader`` commands such as ``nbgrader generate_assignment``,
  ``nbgrader formgrader`` or ``nbgrader export`` work on this repository too.
  nbgrader's loader defines ``get_config``; the bottom of this file maps the
  constants onto nbgrader's traits.
"""

COURSE_ID = "ml-keras-grundlagen"
COURSE_TITLE = "Grundlagen Supervised & Unsupervised Learning – mit TensorFlow Keras"
LANGUAGE = "de"  # language of student-facing messages ("de" or "en")
TIMEZONE = "Europe/Berlin"

# Assignments in course order. Each notebook lives at source/<id>/<notebook>.ipynb.
# Points come from the notebooks' nbgrader metadata (``autograder list`` shows them).
# Due dates: "YYYY-MM-DD HH:MM[:SS]" in TIMEZONE (or with a zone: "2027-01-08 23:59 Europe/Berlin").
ASSIGNMENTS = {
    "00_python": {"title": "Python-Auffrischung", "notebooks": ["00_python"], "due": "2026-11-27 23:59:00"},
    "01_tensors": {"title": "Einführung TensorFlow & NumPy", "notebooks": ["01_tensors"],
                   "due": "2026-12-04 23:59:00"},
    "02_regression": {"title": "Regression mit MLPs", "notebooks": ["02_regression"],
                      "due": "2026-12-11 23:59:00"},
    "03_classification": {"title": "Klassifikation", "notebooks": ["03_classification"],
                          "due": "2026-12-18 23:59:00"},
    "04_cnn": {"title": "Convolutional Neural Networks", "notebooks": ["04_cnn", "04b_cnn_training"],
               "due": "2027-01-08 23:59:00"},
    "05_clustering": {"title": "Clustering", "notebooks": ["05_clustering"], "due": "2027-01-15 23:59:00"},
    "06_rnn_lstm": {"title": "Zeitreihen mit RNNs & LSTMs", "notebooks": ["06_rnn_lstm"],
                    "due": "2027-01-22 23:59:00"},
    "07_generative": {"title": "Autoencoder & GANs", "notebooks": ["07_generative"],
                      "due": "2027-01-29 23:59:00"},
    "08_training": {"title": "Training, Regularisierung, Transfer Learning", "notebooks": ["08_training"],
                    "due": "2027-02-05 23:59:00"},
}

# Late policy: each started day after the due date (days end at the due time, local time in
# TIMEZONE) costs LATE_PENALTY_PER_DAY of the reached points; after LATE_MAX_DAYS days a
# submission earns nothing. Extensions per student: `autograder extension UNIT STUDENT --days N`.
LATE_PENALTY_PER_DAY = 0.10
LATE_MAX_DAYS = 7

# Limits for running one submission (student code runs in a sandbox, see README). Cell and call
# limits count the CPU time of the student's code, so a busy grading machine costs nobody points;
# code that only waits is stopped after three times the limit in wall-clock time.
LIMITS = {
    "cell_timeout": 30.0,       # CPU seconds per cell
    "notebook_timeout": 180.0,  # wall-clock seconds per notebook (cells + test calls)
    "case_timeout": 10.0,       # CPU seconds per test call (check(..., timeout=...) per call)
    "cpu_seconds": 240,         # CPU seconds per notebook (all threads together)
    "memory_mb": 3072,          # resident memory of the whole submission
    "output_kb": 256,           # captured stdout/stderr per notebook
    "max_processes": 64,        # processes/threads the submission may have at once
    "cpus": 1.0,                # CPU cores the submission may use at most (so it cannot starve others)
}

# Show the expected value of a failed hidden test case in feedback. Hidden inputs and
# test code are never shown.
SHOW_EXPECTED_IN_FEEDBACK = True

# Gradescope (`autograder gradescope`): hidden test cases become their own tests with this
# visibility – "after_published" (students see them once you publish grades), "hidden" (never)
# or "after_due_date". Visible cases are always visible.
GRADESCOPE_HIDDEN_VISIBILITY = "after_published"

# --------------------------------------------------------------------------------------
# Quizzes: one per lecture block, each student gets their own variant (autograder/quiz/).
# A quiz <id> is defined in source/quizzes/<id>.py; `autograder quiz-release <id>` writes the
# students' notebooks, `autograder quiz-autograde <id>` grades submitted/<student>/<id>/ into
# the same gradebook as the assignments. "due" as for assignments (same late policy).
QUIZZES = {
    "q1_grundlagen": {"title": "Quiz 1: Grundlagen des Machine Learning", "due": "2026-12-04 23:59:00"},
    "q2_mlp": {"title": "Quiz 2: Neuronale Netze (MLPs)", "due": "2026-12-18 23:59:00"},
    "q3_cnn": {"title": "Quiz 3: Convolutional Neural Networks", "due": "2027-01-08 23:59:00"},
    "q4_clustering": {"title": "Quiz 4: Clustering", "due": "2027-01-15 23:59:00"},
    "q5_rnn_lstm": {"title": "Quiz 5: RNNs und LSTMs", "due": "2027-01-22 23:59:00"},
    "q6_generative": {"title": "Quiz 6: Generative Modelle", "due": "2027-01-29 23:59:00"},
    "q7_training": {"title": "Quiz 7: Training", "due": "2027-02-05 23:59:00"},
}

# Show the correct answer and the worked solution of every quiz question in the feedback.
# A quiz can override it with "show_answers": False in its entry above.
SHOW_QUIZ_ANSWERS = True

# nbgrader's exchange (JupyterHub: students fetch and submit through it; see the README's
# deployment section). None: no exchange – work arrives in submitted/ from an upload folder or
# an LMS download (`autograder import-moodle`). A path must lie outside this course folder.
EXCHANGE_ROOT = None

# The roster (nbgrader's student CSV: id,first_name,last_name,email[,lms_user_id]; no comment lines,
# so that `nbgrader db student import students.csv` reads it too). `autograde` imports it into the
# gradebook (names and e-mails reach the exports), grades only ids on it (--allow-unknown for others),
# and `quiz-release` writes one quiz notebook per id.
STUDENTS_FILE = "students.csv"
# (end of the quiz settings)

# --------------------------------------------------------------------------------------
# nbgrader configuration (active only when nbgrader/traitlets loads this file).
try:
    c = get_config()  # noqa: F821  -- injected by traitlets' config loader
except NameError:  # imported as a plain module
    c = None

if c is not None:
    import os

    c.CourseDirectory.course_id = COURSE_ID
    c.CourseDirectory.root = os.path.dirname(os.path.abspath(__file__))
    c.CourseDirectory.source_directory = "source"
    c.CourseDirectory.release_directory = "release"
    c.CourseDirectory.submitted_directory = "submitted"
    c.CourseDirectory.autograded_directory = "autograded"
    c.CourseDirectory.feedback_directory = "feedback"
    c.CourseDirectory.db_url = "sqlite:///" + os.path.join(c.CourseDirectory.root, "gradebook.db")
    c.Exchange.timezone = TIMEZONE  # timestamp.txt in local time ("… CET"), read by nbgrader's parse_utc
    # Plain `nbgrader autograde` applies the course's late policy too (days in TIMEZONE, extensions).
    c.AssignLatePenalties.plugin_class = "autograder.gradebook.late.CourseLatePenalty"
    c.CourseLatePenalty.per_day = LATE_PENALTY_PER_DAY
    c.CourseLatePenalty.max_days = LATE_MAX_DAYS
    c.CourseLatePenalty.timezone = TIMEZONE
    if EXCHANGE_ROOT:
        _exchange = os.path.abspath(EXCHANGE_ROOT)
        if os.path.commonpath([_exchange, c.CourseDirectory.root]) == c.CourseDirectory.root:
            raise ValueError(f"EXCHANGE_ROOT {_exchange} lies inside the course folder; students would reach "
                             "source/ and the gradebook through it")
        c.Exchange.root = _exchange
    else:  # no exchange: formgrader shows drafts and logs no error about a missing exchange
        c.ExchangeFactory.list = "autograder.feedback.NoExchangeList"
    try:  # source/quizzes holds quiz definitions, not an nbgrader assignment
        from autograder.feedback import hide_source_folders

        hide_source_folders(["quizzes"])
    except ImportError:  # nbgrader without this course's package (e.g. a student image)
        pass
    # run records (*.results.json: raw outputs, hidden cases) stay out of feedback/ and the exchange
    c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback", ".grader",
                                "*.results.json"]
    c.ClearSolutions.code_stub = {"python": "# IHR CODE HIER\nraise NotImplementedError()"}
    c.ClearSolutions.text_stub = "IHRE ANTWORT HIER"
    c.ExecutePreprocessor.timeout = int(LIMITS["cell_timeout"])
    c.Execute.timeout = int(LIMITS["cell_timeout"])
    # Feedback (also formgrader's button and plain `nbgrader generate_feedback`): the course's
    # German, script-free page; pending manual items say so; the TA-only rubric cells that
    # `autograde` puts into autograded notebooks are dropped.
    c.GenerateFeedback.exporter_class = "autograder.feedback.FeedbackExporter"
    c.GenerateFeedback.preprocessors = ["autograder.feedback.GermanGrades",
                                        "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
                                        "autograder.feedback.HideTutorNotes"]
    # TensorFlow writes to stderr; nbgrader would otherwise zero correct answers.
    c.IgnorePattern.pattern = r".*(tensorflow|cuda|absl|oneDNN|XLA|WARNING: All log messages).*"
