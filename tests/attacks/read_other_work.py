# Attack: find complete solutions anywhere on the machine (a demo class, nbgrader's exchange, backups,
# another checkout of the course, other students' folders) and run the first one that defines conv2d
# threat: read other students' work or full solutions left on the machine
# score: 16
# never: USING | Lovelace
# %% conv2d
import glob, os
found = []
for base in ["{root}", "{repo}", "{root}/..", "/work", "/root", "/home", "/tmp", "/var/tmp", "/srv", "/opt",
             "/mnt", "/"]:
    for pattern in ["**/04_cnn*.ipynb", "**/*.ipynb", "**/students.csv", "**/*.db", "**/*.zip"]:
        try:
            found += glob.glob(os.path.join(base, pattern), recursive=True)[:500]
        except OSError:
            pass
        if len(found) > 2000:
            break
print("FOUND", len(found), sorted(set(found))[:30])
for path in found:
    try:
        text = open(path, encoding="utf-8", errors="replace").read()
    except OSError:
        continue
    if "def conv2d" in text and "pad_h" in text:
        import json
        try:
            cells = json.loads(text)["cells"]
        except Exception:
            continue
        for cell in cells:
            source = "".join(cell.get("source", ""))
            if source.startswith("def conv2d"):
                exec(source.replace("### BEGIN SOLUTION", "").replace("### END SOLUTION", ""), globals())
                print("US" + "ING", path)
                break
        if "conv2d" in globals():
            break

if "conv2d" not in globals():
    def conv2d(image, kernel, stride=1, padding="valid"):
        return [[0.0]]
