#!/usr/bin/env bash
# Set-up 2 (upload folder / LMS download): grade Moodle's "Download all submissions" zip of one unit.
#
#   deploy/moodle/grade.sh 04_cnn ~/Downloads/ML-Kurs-04_cnn-12345.zip
#
# Run it in the course folder (or set COURSE=/path/to/course). PYTHON defaults to the course's
# virtualenv. Steps: unpack into submitted/<id>/<unit>/ (folder names -> students.csv by name),
# grade in the sandbox, write German feedback pages, the class report and the Moodle grade CSV
# (matched by e-mail). TAs then grade the free-text answers in formgrader; run the last three
# steps again afterwards and import exports/moodle.csv in Moodle (Grades -> Import -> CSV).
set -euo pipefail
UNIT="${1:?usage: grade.sh UNIT ZIP}"
ZIP="${2:?usage: grade.sh UNIT ZIP}"
COURSE="${COURSE:-.}"
PYTHON="${PYTHON:-$COURSE/.venv/bin/python}"
WORKERS="${WORKERS:-2}"
ag() { "$PYTHON" -m autograder --course "$COURSE" "$@"; }

ag import-moodle "$UNIT" "$ZIP"
ag autograde "$UNIT" --workers "$WORKERS" --quiet
ag feedback "$UNIT"
ag report "$UNIT"
ag export-lms --format moodle --id-field email --assignment "$UNIT"
