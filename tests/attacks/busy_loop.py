# Attack: loop forever in a cell and in a function, swallowing the timeout exception
# threat: loop forever (busy)
# score: 0
# %% conv2d
while True:
    try:
        while True:
            pass
    except BaseException:
        pass
