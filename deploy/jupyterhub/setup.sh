#!/usr/bin/env bash
# Set-up 1 (JupyterHub + nbgrader's exchange), run as root on the hub machine.
#   deploy/jupyterhub/setup.sh /path/to/course-checkout /opt/kurs-env
# 1. the exchange: world-writable with the sticky bit, outside every home and the course folder
# 2. the students' Python environment: runtime pins, JupyterLab, nbgrader's student extensions,
#    and the student wheel built from the checkout (nothing of source/ or .grader/ goes there)
# 3. nbgrader's configuration for everybody (course id, exchange)
set -euo pipefail
CHECKOUT="${1:?usage: setup.sh CHECKOUT STUDENT_ENV}"
ENV="${2:?usage: setup.sh CHECKOUT STUDENT_ENV}"
install -d -m 1777 /srv/nbgrader/exchange
python3 -m venv "$ENV"
"$ENV/bin/pip" install --quiet -r "$CHECKOUT/requirements-grader.txt"
"$ENV/bin/pip" install --quiet "jupyterlab==$(grep -i '^jupyterlab==' "$CHECKOUT/requirements.txt" | cut -d= -f3)" \
    "nbgrader==$(grep -i '^nbgrader==' "$CHECKOUT/requirements.txt" | cut -d= -f3)" jupyterhub
"$CHECKOUT/.venv/bin/python" -m autograder --course "$CHECKOUT" student-package --out /tmp/kurs-wheel
"$ENV/bin/pip" install --quiet --no-deps /tmp/kurs-wheel/*.whl
# students: Assignments tab and Validate button, no formgrader, no course list
"$ENV/bin/jupyter" labextension disable --level=sys_prefix @jupyter/nbgrader:formgrader @jupyter/nbgrader:course-list \
    @jupyter/nbgrader:create-assignment
"$ENV/bin/jupyter" server extension disable --sys-prefix nbgrader.server_extensions.formgrader
install -D -m 0644 "$(dirname "$0")/nbgrader_config.py" /etc/jupyter/nbgrader_config.py
echo "exchange /srv/nbgrader/exchange, student environment $ENV; set EXCHANGE_ROOT in course_config.py"
