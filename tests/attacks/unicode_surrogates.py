# Attack: lone UTF-16 surrogates in a cell's output, a cell's error and a visible case's error text.
# Plain Python, no tampering: the runner sends them JSON-escaped, the trusted side decodes them into
# str, and the first UTF-8 encode fails: `grade --json` exits 1 with UnicodeEncodeError, and `autograde`
# cannot write the autograded notebook (an empty .tmp file is left in autograded/), so the student
# is never stored and fails again on every run.
# threat: crash the trusted side with text it cannot encode
# score: 16.86
# %% conv2d
print("Hallo \ud800 Welt")

def conv2d(image, kernel, stride=1, padding="valid"):
    raise ValueError("kaputt \udcff")

raise RuntimeError("Ende \ud83d")
