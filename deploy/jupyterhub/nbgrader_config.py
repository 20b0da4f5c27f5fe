# nbgrader configuration for everybody on the JupyterHub (install as /etc/jupyter/nbgrader_config.py).
# Students' "Assignments" tab fetches and submits through this exchange; they never see the
# course folder. The instructor's course folder has its own course_config.py (linked as
# nbgrader_config.py), with EXCHANGE_ROOT set to the same path.
c = get_config()  # noqa: F821
c.CourseDirectory.course_id = "ml-keras-grundlagen"     # COURSE_ID of course_config.py
c.Exchange.root = "/srv/nbgrader/exchange"              # EXCHANGE_ROOT of course_config.py
c.Exchange.timezone = "Europe/Berlin"                   # timestamps as the due dates are written
