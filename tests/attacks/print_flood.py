# Attack: print gigabytes
# threat: print gigabytes
# score: 16
# %% conv2d
import os, sys
for _ in range(200):
    print("x" * 1_000_000)
    os.write(1, b"y" * 1_000_000)

def conv2d(image, kernel, stride=1, padding="valid"):
    print("z" * 10_000_000)
    return [[0.0]]
