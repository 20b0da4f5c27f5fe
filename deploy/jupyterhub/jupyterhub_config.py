# JupyterHub for the course (set-up 1). A sketch to adapt: authenticator and spawner are the
# university's; what matters for grading is below.
#
# * Students' servers run the student image/environment: requirements-grader.txt (TensorFlow,
#   scikit-learn, …), jupyterlab, nbgrader (for the Assignments tab) and the student wheel
#   (`autograder student-package`). It contains `autograder.checks`, `autograder validate` and the
#   quiz helpers – no grader, no answer keys, no source/.
# * The instructor's server has the full checkout (this repository) with its .venv; the course
#   folder lives in the instructor's home and is readable by nobody else (chmod 700).
# * The exchange (/srv/nbgrader/exchange, see setup.sh) is the only shared folder.
c = get_config()  # noqa: F821

c.JupyterHub.admin_access = False
c.Authenticator.admin_users = {"dozentin"}
c.Authenticator.allowed_users = set()      # filled by the university's authenticator / LMS (LTI)
c.Spawner.default_url = "/lab"
c.Spawner.cmd = ["jupyterhub-singleuser"]
c.Spawner.mem_limit = "4G"                 # TensorFlow in the students' kernels
c.Spawner.cpu_limit = 2.0
# formgrader under JupyterHub >= 4.1: open it in its own tab (the hub's CSP may block the iframe)
c.Spawner.environment = {"TF_CPP_MIN_LOG_LEVEL": "2"}
