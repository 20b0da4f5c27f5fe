# Attack: honest protocol, no tampering: every tested function returns a 96 MB array (np.zeros, just under
# the 96 MiB limit per array, so each value is accepted and sent). The coordinator keeps every case's
# payload until the run ends (pool.WorkerProcess.run collects all 40 cases before judging), so one
# submission makes the `grade` process peak at 4.1 GB resident (an honest notebook: 64 MB); the sandbox's
# 3 GB limit does not bound it because each value is freed after it is sent. Two such students in a
# 2-worker batch double it; there is no per-submission budget on the trusted side.
# threat: exhaust the coordinator's memory with many large honest return values
# score: 6
# %% conv2d
import numpy as np

def conv2d(image, kernel, stride=1, padding="valid"):
    return np.zeros(12_000_000)
# %% conv_output_shape
def conv_output_shape(input_shape, filters, kernel_size, strides=1, padding="valid"):
    return np.zeros(12_000_000)
# %% conv2d_params
def conv2d_params(kernel_size, in_channels, filters, use_bias=True):
    return np.zeros(12_000_000)
# %% max_pool2d
def max_pool2d(x, pool_size=2, stride=None):
    return np.zeros(12_000_000)
