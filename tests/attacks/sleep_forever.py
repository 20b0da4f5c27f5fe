# Attack: sleep forever inside the tested function, ignoring SIGALRM
# threat: loop forever (sleeping)
# score: 0
# %% conv2d
import signal, time
def conv2d(image, kernel, stride=1, padding="valid"):
    signal.signal(signal.SIGALRM, signal.SIG_IGN)
    time.sleep(10**6)
