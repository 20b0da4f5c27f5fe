# Attack: allocate memory until the machine dies
# threat: allocate memory until the machine dies
# score: 0
# %% conv2d
blocks = []
while True:
    blocks.append(bytearray(256 * 1024 * 1024))
