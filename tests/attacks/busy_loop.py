# Attack: loop forever in a cell and in a function, swallowing the timeout exception
# threat: loop forever (busy)
# score: <=16
# (conv2d earns nothing. The time-limit exception is raised by a signal wherever the loop happens to be.
# Caught in the inner loop, the cell cannot be stopped and the supervisor kills the sandbox (0 points);
# Landing between the two loops, it ends the cell and the other answers are graded (16 of 22). Seen both
# ways, the second once in a loaded fresh-clone run on 2026-12-03.)
# %% conv2d
while True:
    try:
        while True:
            pass
    except BaseException:
        pass
