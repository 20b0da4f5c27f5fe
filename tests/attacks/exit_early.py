# Attack: exit the interpreter at the end of the notebook (SystemExit, then os._exit)
# threat: exit
# score: 0
# %% build_fashion_cnn
import os, sys
try:
    sys.exit(0)
except SystemExit:
    pass
os._exit(0)
